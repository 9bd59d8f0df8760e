package io.tianshu.core.record;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A move of an inpatient between departments or wards (转科/转床). Risk re-assessment and 转入记录
 * deadlines are measured from {@code at}.
 */
public record Transfer(
    String id,
    String encounterId,
    String fromDepartment,
    String fromWard,
    String toDepartment,
    String toWard,
    LocalDateTime at,
    Provenance provenance) {

  public Transfer {
    Checks.id(id, "id");
    Checks.id(encounterId, "encounterId");
    Checks.id(toDepartment, "toDepartment");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(provenance, "provenance");
  }
}
