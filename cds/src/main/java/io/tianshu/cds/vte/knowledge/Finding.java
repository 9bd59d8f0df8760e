package io.tianshu.cds.vte.knowledge;

/** A named clinical finding defined once and scored by any model that lists it. */
public record Finding(String id, Condition condition) {}
