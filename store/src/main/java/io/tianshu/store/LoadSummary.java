package io.tianshu.store;

/** What a committed load batch wrote. */
public record LoadSummary(
    String batchId, long patients, long documents, long facts, long rows, long millis) {}
