package io.tianshu.store;

import java.time.YearMonth;

/**
 * Activity of one department in one month, for the home page charts.
 *
 * @param patients distinct patients with an encounter starting that month
 * @param admissions inpatient encounters admitted that month
 * @param documents clinical documents written that month
 */
public record ActivityCount(
    String department, YearMonth month, long patients, long admissions, long documents) {}
