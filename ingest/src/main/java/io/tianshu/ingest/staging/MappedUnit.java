package io.tianshu.ingest.staging;

import java.util.List;
import java.util.Objects;

/**
 * The records one accepted unit of a record-shaped source yields, by patient.
 *
 * @param type what the unit was, for the staging row and the quarantine list, e.g. {@code
 *     FHIR^Bundle}, {@code FHIR^Observation}, {@code CDA^C0034}, {@code TABLE^patients}
 * @param fragments one per patient the unit is about (a transaction bundle may name several)
 */
public record MappedUnit(String type, List<RecordFragment> fragments) {

  public MappedUnit {
    Objects.requireNonNull(type, "type");
    fragments = List.copyOf(fragments);
  }

  public int recordCount() {
    return fragments.stream().mapToInt(RecordFragment::recordCount).sum();
  }
}
