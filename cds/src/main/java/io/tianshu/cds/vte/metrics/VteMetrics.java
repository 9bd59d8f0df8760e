package io.tianshu.cds.vte.metrics;

import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The VTE-centre metrics over {@code vte_stay}, by department and discharge month, each with its
 * numerator and denominator, and the stays behind any figure. Metric SQL is assembled only from the
 * fixed flag table in {@link MetricDefinitions}; every value is a bound parameter.
 */
public final class VteMetrics {

  private final CdrStore store;
  private final MetricDefinitions definitions;

  public VteMetrics(CdrStore store, MetricDefinitions definitions) {
    this.store = store;
    this.definitions = definitions;
  }

  public MetricDefinitions definitions() {
    return definitions;
  }

  /**
   * @param fromMonth first discharge month, e.g. {@code 2026-01} (inclusive); null for no bound
   * @param toMonth last discharge month (inclusive); null for no bound
   * @param department null for every department
   * @param byDepartment false to sum over departments (department shown as {@code 全院})
   */
  public List<MetricRow> compute(
      String fromMonth, String toMonth, String department, boolean byDepartment) {
    StringBuilder sql = new StringBuilder("SELECT ");
    // Summed over departments the rows are the hospital's, or the one department filtered on.
    sql.append(byDepartment || department != null ? "MIN(department)" : "'全院'");
    sql.append(", discharge_month");
    for (MetricDefinitions.Metric m : definitions.metrics()) {
      sql.append(", SUM(CASE WHEN ").append(m.numeratorSql()).append(" THEN 1 ELSE 0 END)");
      sql.append(", SUM(CASE WHEN ").append(m.denominatorSql()).append(" THEN 1 ELSE 0 END)");
    }
    List<Object> params = new ArrayList<>();
    sql.append(" FROM vte_stay WHERE discharge_month IS NOT NULL");
    where(sql, params, fromMonth, toMonth, department);
    sql.append(" GROUP BY ").append(byDepartment ? "department, " : "").append("discharge_month");
    sql.append(" ORDER BY 2").append(byDepartment ? ", 1" : "");
    return store.inTransaction(
        c -> {
          List<MetricRow> out = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                int col = 3;
                for (MetricDefinitions.Metric m : definitions.metrics()) {
                  long num = rs.getLong(col++);
                  long den = rs.getLong(col++);
                  out.add(new MetricRow(m.id(), rs.getString(1), rs.getString(2), num, den));
                }
              }
            }
          }
          return out;
        });
  }

  /**
   * The stays in a metric's numerator (or, with {@code denominator}, its denominator) for one
   * department and month.
   */
  public List<StayRef> stays(
      String metricId, boolean denominator, String month, String department, int limit) {
    MetricDefinitions.Metric m = definitions.metric(metricId);
    StringBuilder sql =
        new StringBuilder(
            "SELECT encounter_id, patient_id, department, admitted_at, discharged_at, max_band,"
                + " recommendation, pharmacological, mechanical, ha_vte FROM vte_stay WHERE ");
    sql.append(denominator ? m.denominatorSql() : m.numeratorSql());
    List<Object> params = new ArrayList<>();
    where(sql, params, month, month, department);
    sql.append(" ORDER BY discharged_at, encounter_id LIMIT ?");
    params.add(limit);
    return store.inTransaction(
        c -> {
          List<StayRef> out = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                Timestamp dis = rs.getTimestamp(5);
                out.add(
                    new StayRef(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toLocalDateTime(),
                        dis == null ? null : dis.toLocalDateTime(),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getBoolean(8),
                        rs.getBoolean(9),
                        rs.getBoolean(10)));
              }
            }
          }
          return out;
        });
  }

  private void where(
      StringBuilder sql, List<Object> params, String from, String to, String department) {
    sql.append(" AND (age_years IS NULL OR age_years >= ?)");
    params.add(definitions.minAgeYears());
    if (from != null) {
      sql.append(" AND discharge_month >= ?");
      params.add(from);
    }
    if (to != null) {
      sql.append(" AND discharge_month <= ?");
      params.add(to);
    }
    if (department != null) {
      sql.append(" AND department = ?");
      params.add(department);
    }
  }

  private static void bind(PreparedStatement s, List<Object> params) throws java.sql.SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof Integer n) {
        s.setInt(i + 1, n);
      } else {
        s.setString(i + 1, (String) p);
      }
    }
  }
}
