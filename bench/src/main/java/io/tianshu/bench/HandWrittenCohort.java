package io.tianshu.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark cohort ({@code cohort-benchmark.json}) written by hand in SQL, three ways, as the
 * baseline the compiled SQL is held to. Each returns what {@code SqlCohortEngine.members} returns
 * ({@code patient_id, index_at}, by patient id), so the benchmark checks that they select the same
 * patients with the same index times.
 *
 * <p>They are what an analyst who knows this CDR would write: standard codes only (the synthetic
 * hospital's local codes are never in the {@code icd10}, {@code loinc} or {@code ts-drug} systems,
 * so the compiler's matching on local codes finds nothing more here), code sets spelled as ICD-10
 * heads, and the age range as a range of birth dates. Values are bound, like the compiler's.
 */
final class HandWrittenCohort {

  /**
   * One hand-written statement.
   *
   * @param sql the text with {@code ?} placeholders
   * @param params the values, in placeholder order
   */
  record Query(String name, String description, String sql, List<Object> params) {}

  /**
   * The cohort's values, named in the statements below as {@code :name}. A head such as {@code J18}
   * stands for the pattern {@code J18.*}: the code itself and every code under it.
   */
  private static final Map<String, Object> VALUES =
      Map.ofEntries(
          Map.entry("inpatient", "INPATIENT"),
          Map.entry("icd10", "icd10"),
          Map.entry("dx_prefix", "C"),
          Map.entry("dx_heads", List.of("J18", "I50", "J44", "I63")),
          Map.entry("loinc", "loinc"),
          Map.entry("ddimer", "48065-7"),
          Map.entry("ddimer_min", 0.5),
          Map.entry("ddimer_unit", "mg/L FEU"),
          Map.entry("lab_hours", 24),
          Map.entry("ts_drug", "ts-drug"),
          Map.entry(
              "anticoagulants",
              List.of("enoxaparin", "nadroparin", "dalteparin", "heparin", "rivaroxaban_10")),
          Map.entry("drug_hours", 48),
          Map.entry("min_age", 50),
          // Older than 80 means 81 completed years or more.
          Map.entry("too_old", 81),
          Map.entry("excluded_heads", List.of("I48", "I26", "I80", "I60", "I61", "I62", "N18")),
          Map.entry("excluded_code", "Z86.7"),
          Map.entry("excluded_hours", 24));

  /**
   * Correlated EXISTS sub-queries on the first stays, which DuckDB de-correlates into semi and anti
   * joins. The first stay by a window function; ties at the first admission time all stay.
   */
  private static final String EXISTS =
      """
      WITH first_stay AS (
        SELECT e.patient_key, e.id AS encounter_id, e.admitted_at
        FROM encounter e
        WHERE e.encounter_type = :inpatient
        QUALIFY e.admitted_at = MIN(e.admitted_at) OVER (PARTITION BY e.patient_key)
      )
      SELECT p.id AS patient_id, MIN(s.admitted_at) AS index_at
      FROM first_stay s
      JOIN patient p ON p.patient_key = s.patient_key
      WHERE p.birth_date <= s.admitted_at - CAST(:min_age AS INTEGER) * INTERVAL '1 year'
        AND p.birth_date > s.admitted_at - CAST(:too_old AS INTEGER) * INTERVAL '1 year'
        AND EXISTS (
          SELECT 1 FROM diagnosis d
          WHERE d.patient_key = s.patient_key AND d.encounter_id = s.encounter_id
            AND d.std_system = :icd10
            AND (starts_with(d.std_code, :dx_prefix) OR split_part(d.std_code, '.', 1) IN (:dx_heads)))
        AND EXISTS (
          SELECT 1 FROM lab_result l
          WHERE l.patient_key = s.patient_key
            AND l.std_system = :loinc AND l.std_code = :ddimer
            AND l.numeric_value >= :ddimer_min AND l.unit = :ddimer_unit
            AND l.collected_at BETWEEN s.admitted_at - CAST(:lab_hours AS INTEGER) * INTERVAL '1 hour'
                                   AND s.admitted_at + CAST(:lab_hours AS INTEGER) * INTERVAL '1 hour')
        AND EXISTS (
          SELECT 1 FROM medication_order m
          WHERE m.patient_key = s.patient_key
            AND m.std_system = :ts_drug AND m.std_code IN (:anticoagulants)
            AND m.start_at BETWEEN s.admitted_at
                               AND s.admitted_at + CAST(:drug_hours AS INTEGER) * INTERVAL '1 hour')
        AND NOT EXISTS (
          SELECT 1 FROM diagnosis x
          WHERE x.patient_key = s.patient_key
            AND x.std_system = :icd10
            AND (split_part(x.std_code, '.', 1) IN (:excluded_heads) OR x.std_code = :excluded_code)
            AND x.diagnosed_at <= s.admitted_at + CAST(:excluded_hours AS INTEGER) * INTERVAL '1 hour')
      GROUP BY p.patient_key, p.id
      ORDER BY p.id
      """;

  /**
   * The filters as a chain of joins, each step keeping the distinct stays that have a matching
   * fact, and the exclusion as a left anti-join; the first stay by a grouped minimum joined back.
   */
  private static final String JOINS =
      """
      WITH first_admission AS (
        SELECT patient_key, MIN(admitted_at) AS admitted_at
        FROM encounter WHERE encounter_type = :inpatient
        GROUP BY patient_key
      ),
      stay AS (
        SELECT e.patient_key, e.id AS encounter_id, e.admitted_at, p.id AS patient_id
        FROM encounter e
        JOIN first_admission f ON f.patient_key = e.patient_key AND f.admitted_at = e.admitted_at
        JOIN patient p ON p.patient_key = e.patient_key
        WHERE e.encounter_type = :inpatient
          AND p.birth_date <= e.admitted_at - CAST(:min_age AS INTEGER) * INTERVAL '1 year'
          AND p.birth_date > e.admitted_at - CAST(:too_old AS INTEGER) * INTERVAL '1 year'
      ),
      with_diagnosis AS (
        SELECT DISTINCT s.* FROM stay s
        JOIN diagnosis d ON d.patient_key = s.patient_key AND d.encounter_id = s.encounter_id
        WHERE d.std_system = :icd10
          AND (starts_with(d.std_code, :dx_prefix) OR split_part(d.std_code, '.', 1) IN (:dx_heads))
      ),
      with_lab AS (
        SELECT DISTINCT s.* FROM with_diagnosis s
        JOIN lab_result l ON l.patient_key = s.patient_key
          AND l.collected_at BETWEEN s.admitted_at - CAST(:lab_hours AS INTEGER) * INTERVAL '1 hour'
                                 AND s.admitted_at + CAST(:lab_hours AS INTEGER) * INTERVAL '1 hour'
        WHERE l.std_system = :loinc AND l.std_code = :ddimer
          AND l.numeric_value >= :ddimer_min AND l.unit = :ddimer_unit
      ),
      with_drug AS (
        SELECT DISTINCT s.* FROM with_lab s
        JOIN medication_order m ON m.patient_key = s.patient_key
          AND m.start_at BETWEEN s.admitted_at
                             AND s.admitted_at + CAST(:drug_hours AS INTEGER) * INTERVAL '1 hour'
        WHERE m.std_system = :ts_drug AND m.std_code IN (:anticoagulants)
      ),
      excluded AS (
        SELECT DISTINCT s.patient_key, s.encounter_id FROM with_drug s
        JOIN diagnosis x ON x.patient_key = s.patient_key
          AND x.diagnosed_at <= s.admitted_at + CAST(:excluded_hours AS INTEGER) * INTERVAL '1 hour'
        WHERE x.std_system = :icd10
          AND (split_part(x.std_code, '.', 1) IN (:excluded_heads) OR x.std_code = :excluded_code)
      )
      SELECT s.patient_id, MIN(s.admitted_at) AS index_at
      FROM with_drug s
      LEFT JOIN excluded x ON x.patient_key = s.patient_key AND x.encounter_id = s.encounter_id
      WHERE x.patient_key IS NULL
      GROUP BY s.patient_key, s.patient_id
      ORDER BY s.patient_id
      """;

  /**
   * Each fact table filtered once and reduced to what the windows need: "some D-dimer in [a, b]" is
   * "the first D-dimer at or after a is at or before b", found by an ASOF join; the exclusion is
   * the patient's first excluding diagnosis.
   */
  private static final String ASOF =
      """
      WITH stay AS (
        SELECT e.patient_key, e.id AS encounter_id, e.admitted_at,
               e.admitted_at - CAST(:lab_hours AS INTEGER) * INTERVAL '1 hour' AS lab_from
        FROM encounter e
        WHERE e.encounter_type = :inpatient
        QUALIFY e.admitted_at = MIN(e.admitted_at) OVER (PARTITION BY e.patient_key)
      ),
      stay_diagnosis AS (
        SELECT DISTINCT patient_key, encounter_id FROM diagnosis
        WHERE std_system = :icd10
          AND (starts_with(std_code, :dx_prefix) OR split_part(std_code, '.', 1) IN (:dx_heads))
      ),
      ddimer AS (
        SELECT patient_key, collected_at FROM lab_result
        WHERE std_system = :loinc AND std_code = :ddimer
          AND numeric_value >= :ddimer_min AND unit = :ddimer_unit
      ),
      anticoagulant AS (
        SELECT patient_key, start_at FROM medication_order
        WHERE std_system = :ts_drug AND std_code IN (:anticoagulants)
      ),
      first_excluded AS (
        SELECT patient_key, MIN(diagnosed_at) AS first_at FROM diagnosis
        WHERE std_system = :icd10
          AND (split_part(std_code, '.', 1) IN (:excluded_heads) OR std_code = :excluded_code)
        GROUP BY patient_key
      )
      SELECT p.id AS patient_id, MIN(s.admitted_at) AS index_at
      FROM stay s
      JOIN stay_diagnosis sd ON sd.patient_key = s.patient_key AND sd.encounter_id = s.encounter_id
      ASOF JOIN ddimer l ON l.patient_key = s.patient_key AND l.collected_at >= s.lab_from
      ASOF JOIN anticoagulant m ON m.patient_key = s.patient_key AND m.start_at >= s.admitted_at
      JOIN patient p ON p.patient_key = s.patient_key
      LEFT JOIN first_excluded x ON x.patient_key = s.patient_key
      WHERE l.collected_at <= s.admitted_at + CAST(:lab_hours AS INTEGER) * INTERVAL '1 hour'
        AND m.start_at <= s.admitted_at + CAST(:drug_hours AS INTEGER) * INTERVAL '1 hour'
        AND p.birth_date <= s.admitted_at - CAST(:min_age AS INTEGER) * INTERVAL '1 year'
        AND p.birth_date > s.admitted_at - CAST(:too_old AS INTEGER) * INTERVAL '1 year'
        AND (x.first_at IS NULL
             OR x.first_at > s.admitted_at + CAST(:excluded_hours AS INTEGER) * INTERVAL '1 hour')
      GROUP BY p.patient_key, p.id
      ORDER BY p.id
      """;

  private static final Pattern NAME = Pattern.compile(":([a-z_0-9]+)");

  private HandWrittenCohort() {}

  static List<Query> queries() {
    return List.of(
        bind(
            "exists",
            "first stay by window function; correlated EXISTS / NOT EXISTS per criterion",
            EXISTS),
        bind(
            "joins",
            "first stay by grouped minimum; chain of DISTINCT joins, exclusion as left anti-join",
            JOINS),
        bind(
            "asof",
            "each fact table filtered once; windows by ASOF join to the first fact after the start",
            ASOF));
  }

  /** Replaces each {@code :name} by one {@code ?} per value, in order. */
  private static Query bind(String name, String description, String text) {
    List<Object> params = new ArrayList<>();
    Matcher m = NAME.matcher(text);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      Object value = VALUES.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for :" + m.group(1));
      }
      if (value instanceof Collection<?> values) {
        params.addAll(values);
        m.appendReplacement(sql, String.join(", ", values.stream().map(v -> "?").toList()));
      } else {
        params.add(value);
        m.appendReplacement(sql, "?");
      }
    }
    m.appendTail(sql);
    return new Query(name, description, sql.toString(), params);
  }
}
