package io.tianshu.cds.vte.knowledge;

/**
 * One line of a risk model's form.
 *
 * @param condition the finding (or combination of findings) that earns the points
 */
public record ModelItem(String id, Label label, double points, Condition condition) {}
