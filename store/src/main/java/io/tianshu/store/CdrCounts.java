package io.tianshu.store;

/**
 * Row counts of the CDR; {@code facts} counts the clinical fact rows as {@code
 * PatientRecord.factCount()}, {@code noteFacts} the note facts read from the documents.
 */
public record CdrCounts(
    long patients, long encounters, long documents, long facts, long noteFacts) {}
