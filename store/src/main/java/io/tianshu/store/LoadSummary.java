package io.tianshu.store;

/**
 * What a committed load batch wrote.
 *
 * @param facts clinical fact rows, as {@code PatientRecord.factCount()}
 * @param noteFacts note facts (what the NLP pipeline read from the documents), counted apart from
 *     {@code facts} because they are derived from the documents
 * @param rows every row written, note facts included
 */
public record LoadSummary(
    String batchId,
    long patients,
    long documents,
    long facts,
    long noteFacts,
    long rows,
    long millis) {}
