package io.tianshu.ingest.staging;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a feed applies messages.
 *
 * @param hospitalZone local time of times without an offset (HL7 v2 DTM)
 * @param holdTime how long a message may wait for its patient or visit before it is quarantined
 *     ({@code TS-INGEST-060}/{@code 061})
 * @param resultsRegisterPatients whether a result (ORU) whose PID has name and birth date registers
 *     a patient the CDR does not know; false holds every result until an ADT registers its patient
 * @param batchSize staged messages applied per CDR transaction
 */
public record IngestSettings(
    ZoneId hospitalZone, Duration holdTime, boolean resultsRegisterPatients, int batchSize) {

  public IngestSettings {
    Objects.requireNonNull(hospitalZone, "hospitalZone");
    Objects.requireNonNull(holdTime, "holdTime");
    if (holdTime.isNegative() || holdTime.isZero()) {
      throw new IllegalArgumentException("holdTime must be positive");
    }
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("batchSize must be 1-100000");
    }
  }

  /** Asia/Shanghai, results held 24 hours, results with demographics register, 2,000 per batch. */
  public static IngestSettings defaults() {
    return new IngestSettings(ZoneId.of("Asia/Shanghai"), Duration.ofHours(24), true, 2_000);
  }

  public IngestSettings withHoldTime(Duration time) {
    return new IngestSettings(hospitalZone, time, resultsRegisterPatients, batchSize);
  }

  public IngestSettings withResultsRegisterPatients(boolean register) {
    return new IngestSettings(hospitalZone, holdTime, register, batchSize);
  }

  public IngestSettings withBatchSize(int size) {
    return new IngestSettings(hospitalZone, holdTime, resultsRegisterPatients, size);
  }
}
