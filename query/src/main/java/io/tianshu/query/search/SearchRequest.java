package io.tianshu.query.search;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * A document search: the query text, which mentions count, filters and the page wanted.
 *
 * <p>Query syntax (Lucene's classic syntax over CJK bigrams): words match anywhere in a sentence
 * ({@code 胸痛} finds 患者胸痛伴大汗); {@code "…"} is a phrase; {@code AND} (the default between words),
 * {@code OR}, {@code NOT} / {@code -}, and parentheses combine them; {@code 发*} is a prefix.
 * Chinese quotation marks and parentheses are read as ASCII ones.
 *
 * @param query the query text, at most {@value #MAX_QUERY_LENGTH} characters
 * @param types document type names to keep (empty: all)
 * @param departments encounter departments to keep (empty: all)
 * @param from first day of the documents' creation dates to keep, null for no lower bound
 * @param to last day (inclusive), null for no upper bound
 * @param offset position of the first hit of the page
 * @param limit hits per page, 1–{@value #MAX_LIMIT}
 */
public record SearchRequest(
    String query,
    SearchMode mode,
    Set<String> types,
    Set<String> departments,
    LocalDate from,
    LocalDate to,
    SearchOrder order,
    int offset,
    int limit) {

  public static final int MAX_QUERY_LENGTH = 500;
  public static final int MAX_LIMIT = 200;

  /** Deep pages cost a top-N of that depth; nobody reads past this in a result list. */
  public static final int MAX_DEPTH = 10_000;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(order, "order");
    types = types == null ? Set.of() : Set.copyOf(types);
    departments = departments == null ? Set.of() : Set.copyOf(departments);
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
    }
    if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "offset must be >= 0 and limit between 1 and " + MAX_LIMIT);
    }
    if ((long) offset + limit > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "results past the first " + MAX_DEPTH + " cannot be paged to; narrow the search");
    }
  }

  /** {@code query} in affirmed mode, best first, first 20 hits, no filter. */
  public static SearchRequest of(String query) {
    return new SearchRequest(
        query, SearchMode.AFFIRMED, Set.of(), Set.of(), null, null, SearchOrder.RELEVANCE, 0, 20);
  }

  public SearchRequest withMode(SearchMode newMode) {
    return new SearchRequest(query, newMode, types, departments, from, to, order, offset, limit);
  }

  public SearchRequest withFilter(
      Set<String> newTypes, Set<String> newDepartments, LocalDate newFrom, LocalDate newTo) {
    return new SearchRequest(
        query, mode, newTypes, newDepartments, newFrom, newTo, order, offset, limit);
  }

  public SearchRequest withOrder(SearchOrder newOrder) {
    return new SearchRequest(query, mode, types, departments, from, to, newOrder, offset, limit);
  }

  public SearchRequest withPage(int newOffset, int newLimit) {
    return new SearchRequest(query, mode, types, departments, from, to, order, newOffset, newLimit);
  }
}
