package io.tianshu.cds.vte.assess;

import java.time.LocalDateTime;

/**
 * The fact behind an item: which record, what it said, and for note facts the text span, so the
 * workbench can open the document at the words.
 *
 * @param kind patient, diagnosis, operation, lab, vital, order, administration, encounter,
 *     transfer, note, derived (computed from other facts, e.g. BMI or eGFR) or answer (a
 *     clinician's answer)
 * @param recordId the record's id (the document id for note facts)
 * @param code the code when the fact has one
 * @param display what the fact says, in Chinese as the source wrote it
 * @param value a value with its unit when the fact is a measurement
 * @param at the fact's time
 * @param start start of the span in the document text (note facts), else null
 * @param end end of the span (exclusive), else null
 */
public record Evidence(
    String kind,
    String recordId,
    String code,
    String display,
    String value,
    LocalDateTime at,
    Integer start,
    Integer end) {

  static Evidence of(String kind, String recordId, String code, String display, LocalDateTime at) {
    return new Evidence(kind, recordId, code, display, null, at, null, null);
  }
}
