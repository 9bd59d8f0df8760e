package io.tianshu.store;

import io.tianshu.core.record.Sex;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One row of a patient search result.
 *
 * @param idNumberMasked the ID number with its middle digits masked; the full number is never
 *     stored
 */
public record PatientSummary(
    String id,
    String mrn,
    String name,
    Sex sex,
    LocalDate birthDate,
    String idNumberMasked,
    String lastDepartment,
    LocalDateTime lastAdmittedAt,
    int encounterCount) {}
