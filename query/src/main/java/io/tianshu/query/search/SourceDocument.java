package io.tianshu.query.search;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A document as the index reads it from the CDR: the text, what to file it under, its note facts
 * (spans in the stored text) and the spans where the patient's own identifiers stand.
 */
record SourceDocument(
    String id,
    String patientId,
    String encounterId,
    String type,
    String title,
    String department,
    LocalDateTime createdAt,
    String text,
    List<MatchedFact> facts,
    List<TextSpan> identifiers) {}
