package io.tianshu.cds.vte.knowledge;

/** A contraindication to pharmacological or mechanical prophylaxis. */
public record Contraindication(String id, Label label, String against, Condition condition) {}
