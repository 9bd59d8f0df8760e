package io.tianshu.query.search;

import java.time.Instant;

/**
 * What the document index holds.
 *
 * @param built whether a build has completed (searches fail until one has)
 * @param building whether a build is running now (searches still use the previous one)
 * @param documents documents in the index
 * @param builtAt when the searchable build completed, null when none has
 * @param buildMillis how long that build took
 * @param source the store content it was built from ({@link DocumentIndex#isCurrent} compares it)
 */
public record IndexStatus(
    boolean built,
    boolean building,
    long documents,
    Instant builtAt,
    long buildMillis,
    String source) {}
