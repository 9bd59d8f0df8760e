package io.tianshu.query.search;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One document found by a search.
 *
 * @param type the {@link io.tianshu.core.record.DocumentType} name
 * @param department the department of the document's encounter, null when the encounter is unknown
 * @param createdAt when the document was written
 * @param snippets passages with the query words marked, in text order (the opening of the text when
 *     the query has no word to mark, e.g. {@code NOT 发热})
 * @param facts the note facts the marked words fall on, in text order
 */
public record DocumentHit(
    String documentId,
    String patientId,
    String encounterId,
    String type,
    String title,
    String department,
    LocalDateTime createdAt,
    float score,
    List<Snippet> snippets,
    List<MatchedFact> facts) {

  public DocumentHit {
    snippets = List.copyOf(snippets);
    facts = List.copyOf(facts);
  }
}
