package io.tianshu.synth;

/**
 * What {@link HospitalExporter#export} wrote.
 *
 * @param patients patient rows
 * @param encounters encounter rows
 * @param documents clinical document rows
 * @param facts clinical fact rows as counted by {@code PatientRecord.factCount()}
 * @param truthFacts ground-truth lines in {@code truth.jsonl}
 */
public record ExportSummary(
    long patients, long encounters, long documents, long facts, long truthFacts) {}
