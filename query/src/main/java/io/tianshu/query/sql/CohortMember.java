package io.tianshu.query.sql;

import java.time.LocalDateTime;

/**
 * A patient in a cohort.
 *
 * @param patientId the patient's id
 * @param indexAt the earliest index time from which the patient passes every rule
 */
public record CohortMember(String patientId, LocalDateTime indexAt) {}
