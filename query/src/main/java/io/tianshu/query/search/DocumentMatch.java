package io.tianshu.query.search;

import java.time.LocalDateTime;

/**
 * A document that matches a search, without score or text: what a cohort criterion needs to select
 * patients by what their notes say, and when.
 */
public record DocumentMatch(
    String documentId, String patientId, String encounterId, LocalDateTime createdAt) {}
