package io.tianshu.server.search;

import io.tianshu.core.record.DocumentType;
import io.tianshu.query.search.DocumentHit;
import io.tianshu.query.search.DocumentIndex;
import io.tianshu.query.search.IndexStatus;
import io.tianshu.query.search.SearchMode;
import io.tianshu.query.search.SearchOrder;
import io.tianshu.query.search.SearchRequest;
import io.tianshu.query.search.SearchResult;
import io.tianshu.query.search.TextView;
import io.tianshu.server.audit.AuditLog;
import io.tianshu.server.security.DataAccess;
import io.tianshu.store.CdrStore;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Full-text search of clinical documents: by default only what the notes affirm of the patient (not
 * 无发热, not 母亲患高血压), or every mention. Every search is audited before results leave the server;
 * researchers without the identified-data grant get snippets scrubbed of names, ID numbers, phones
 * and addresses, and no hit carries an MRN. Snippets are plain text with the query words as offsets
 * ({@code marks}), never markup.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

  static final int MAX_SIZE = 100;

  private final DocumentIndex index;
  private final CdrStore store;
  private final AuditLog audit;

  SearchController(DocumentIndex index, CdrStore store, AuditLog audit) {
    this.index = index;
    this.store = store;
    this.audit = audit;
  }

  /** A page of documents found, with how many documents and patients match in all. */
  record DocumentSearchPage(
      long total,
      long patients,
      int page,
      int size,
      SearchMode mode,
      List<DocumentHit> hits,
      long elapsedMs) {}

  @GetMapping("/documents")
  DocumentSearchPage documents(
      @RequestParam String q,
      @RequestParam(defaultValue = "affirmed") String mode,
      @RequestParam(required = false) List<String> type,
      @RequestParam(required = false) List<String> department,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "relevance") String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      Authentication user) {
    if (page < 0 || size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page must be >= 0 and size 1-" + MAX_SIZE);
    }
    SearchMode searchMode = mode(mode);
    Set<String> types = types(type);
    Set<String> departments = values(department);
    SearchRequest request =
        new SearchRequest(
            q,
            searchMode,
            types,
            departments,
            from,
            to,
            order(sort),
            (int) Math.min(Integer.MAX_VALUE, (long) page * size),
            size);
    TextView view = DataAccess.deidentified(user) ? new DeidentifiedView(store) : TextView.STORED;
    SearchResult result = index.search(request, view);
    audit.append(
        user.getName(),
        "SEARCH_DOCUMENTS",
        null,
        "GET /api/search/documents",
        // The query may name a person, so only its length is kept, as for patient search.
        "q=["
            + q.length()
            + " chars] mode="
            + searchMode
            + " type="
            + types
            + " department="
            + departments
            + " from="
            + from
            + " to="
            + to
            + " page="
            + page
            + " hits="
            + result.total());
    return new DocumentSearchPage(
        result.total(),
        result.patients(),
        page,
        size,
        searchMode,
        result.hits(),
        result.elapsedMs());
  }

  /** What the index holds and when it was built. */
  @GetMapping("/status")
  IndexStatus status() {
    return index.status();
  }

  /** Rebuilds the index from the CDR now (admins and data stewards). */
  @PostMapping("/reindex")
  IndexStatus reindex(Authentication user) {
    IndexStatus status = index.rebuild(store);
    audit.append(
        user.getName(),
        "REINDEX_DOCUMENTS",
        null,
        "POST /api/search/reindex",
        "documents=" + status.documents() + " ms=" + status.buildMillis());
    return status;
  }

  private static SearchMode mode(String mode) {
    return switch (mode.strip().toLowerCase(Locale.ROOT)) {
      case "affirmed" -> SearchMode.AFFIRMED;
      case "all" -> SearchMode.ALL;
      default ->
          throw new IllegalArgumentException(
              "Unknown search mode '" + mode + "'; use affirmed or all.");
    };
  }

  private static SearchOrder order(String sort) {
    return switch (sort.strip().toLowerCase(Locale.ROOT)) {
      case "relevance" -> SearchOrder.RELEVANCE;
      case "newest" -> SearchOrder.NEWEST;
      default ->
          throw new IllegalArgumentException(
              "Unknown sort '" + sort + "'; use relevance or newest.");
    };
  }

  private static Set<String> types(List<String> types) {
    Set<String> names = values(types);
    for (String name : names) {
      if (Arrays.stream(DocumentType.values()).noneMatch(t -> t.name().equals(name))) {
        throw new IllegalArgumentException(
            "Unknown document type '"
                + name
                + "'; use one of "
                + Arrays.toString(DocumentType.values())
                + ".");
      }
    }
    return names;
  }

  private static Set<String> values(List<String> values) {
    Set<String> out = new LinkedHashSet<>();
    if (values != null) {
      values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
    }
    return out;
  }
}
