package io.tianshu.query.search;

import java.util.List;

/**
 * A page of a document search.
 *
 * @param total how many documents match (exact)
 * @param patients how many distinct patients those documents belong to
 * @param offset the position of the first hit in the whole result
 * @param hits the page
 * @param elapsedMs time spent in the index, snippets included
 */
public record SearchResult(
    long total, long patients, int offset, List<DocumentHit> hits, long elapsedMs) {

  public SearchResult {
    hits = List.copyOf(hits);
  }
}
