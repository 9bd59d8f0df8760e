package io.tianshu.core.record;

import io.tianshu.core.code.MappedCode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An operation or procedure coded in ICD-9-CM-3.
 *
 * @param startedAt incision (or procedure start) time
 * @param endedAt end time
 * @param surgeon the operating surgeon
 * @param anaesthesia anaesthesia method, e.g. {@code 全身麻醉}, {@code 椎管内麻醉}
 * @param incisionClass wound class I, II or III (切口等级), null for non-incisional procedures
 * @param level surgical grade 1–4 (手术级别), 0 when unknown
 */
public record Operation(
    String id,
    String patientId,
    String encounterId,
    MappedCode code,
    LocalDateTime startedAt,
    LocalDateTime endedAt,
    String surgeon,
    String anaesthesia,
    String incisionClass,
    int level,
    Provenance provenance) {

  public Operation {
    Checks.id(id, "id");
    Checks.id(patientId, "patientId");
    Checks.id(encounterId, "encounterId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(startedAt, "startedAt");
    Checks.order(startedAt, endedAt, "operation " + id);
    if (level < 0 || level > 4) {
      throw new IllegalArgumentException("operation level must be 0-4, was " + level);
    }
    Objects.requireNonNull(provenance, "provenance");
  }

  /** Duration of the operation when its end is known; zero otherwise. */
  public Duration duration() {
    return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
  }
}
