package io.tianshu.query.search;

/** How the hits of a document search are ordered. */
public enum SearchOrder {
  /** Best match first (BM25 over the CJK bigrams), ties newest first. */
  RELEVANCE,
  /** Newest document first. */
  NEWEST
}
