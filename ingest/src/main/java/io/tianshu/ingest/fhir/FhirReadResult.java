package io.tianshu.ingest.fhir;

import io.tianshu.core.record.PatientRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one read of FHIR input produced. Every resource read is accounted for exactly once: it was
 * mapped (its {@code Type/id} is the {@code sourceRecordId} of at least one record's provenance),
 * skipped (counted in {@link #skipped()}) or rejected (one {@link FhirRejection}).
 *
 * @param records one record per mapped patient, sorted by patient id; lists inside sorted by time
 * @param rejections what could not be read or mapped, with stable codes
 * @param resourcesRead resources seen: bundle entries and NDJSON lines (a nested bundle counts its
 *     entries, not itself); an input that cannot be opened at all counts as one
 * @param skipped resources deliberately not mapped, by {@code ResourceType:reason} (e.g. {@code
 *     Observation:survey}, {@code Claim:not-mapped}); skipping is not an error
 */
public record FhirReadResult(
    List<PatientRecord> records,
    List<FhirRejection> rejections,
    int resourcesRead,
    Map<String, Integer> skipped) {

  public FhirReadResult {
    records = List.copyOf(records);
    rejections = List.copyOf(rejections);
    skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
  }

  /** A result without skips (the shape callers first coded against). */
  public FhirReadResult(
      List<PatientRecord> records, List<FhirRejection> rejections, int resourcesRead) {
    this(records, rejections, resourcesRead, Map.of());
  }

  /** Number of resources skipped for any reason. */
  public int skippedCount() {
    return skipped.values().stream().mapToInt(Integer::intValue).sum();
  }
}
