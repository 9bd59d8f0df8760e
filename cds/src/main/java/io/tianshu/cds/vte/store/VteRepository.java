package io.tianshu.cds.vte.store;

import io.tianshu.store.CdrStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The VTE tables of the CDR ({@code V3__vte.sql}): assessments, alerts and stay summaries. Bound
 * parameters only. Writes delete before they insert, in one transaction, so re-running a backfill
 * replaces rows and a crash leaves the previous rows.
 */
public final class VteRepository {

  private static final String ASSESSMENT_COLUMNS =
      "id, patient_id, encounter_id, department, assessed_at, reason, surgical, risk_model,"
          + " risk_version, risk_score, risk_band, at_risk, bleeding_model, bleeding_version,"
          + " bleeding_score, bleeding_band, bleeding_high, recommendation, pharm_in_place,"
          + " mech_in_place, pharm_contraindicated, unknown_items, detail";

  private static final String ALERT_COLUMNS =
      "id, patient_id, encounter_id, department, kind, raised_at, message, status,"
          + " acknowledged_by, acknowledged_at, ack_reason, resolved_at";

  static final String STAY_COLUMNS =
      "encounter_id, patient_id, department, admitted_at, discharged_at, discharge_month,"
          + " age_years, surgical, risk_assessed_at, bleeding_assessed_at, risk_assessed_24h,"
          + " risk_model, max_band,"
          + " at_risk, bleeding_high, recommendation, pharmacological, mechanical, appropriate,"
          + " ha_vte, ha_vte_at";

  private final CdrStore store;

  public VteRepository(CdrStore store) {
    this.store = store;
  }

  public CdrStore store() {
    return store;
  }

  // ------------------------------------------------------------------ assessments

  public void saveAssessments(Collection<StoredAssessment> rows) {
    if (rows.isEmpty()) {
      return;
    }
    store.inTransaction(
        c -> {
          try (PreparedStatement del =
                  c.prepareStatement("DELETE FROM vte_assessment WHERE id = ?");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO vte_assessment ("
                          + ASSESSMENT_COLUMNS
                          + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (StoredAssessment a : rows) {
              del.setString(1, a.id());
              del.addBatch();
            }
            del.executeBatch();
            Timestamp now = Timestamp.valueOf(LocalDateTime.now());
            for (StoredAssessment a : rows) {
              int i = 1;
              ins.setString(i++, a.id());
              ins.setString(i++, a.patientId());
              ins.setString(i++, a.encounterId());
              ins.setString(i++, a.department());
              ins.setTimestamp(i++, Timestamp.valueOf(a.assessedAt()));
              ins.setString(i++, a.reason());
              ins.setBoolean(i++, a.surgical());
              ins.setString(i++, a.riskModel());
              ins.setString(i++, a.riskVersion());
              ins.setDouble(i++, a.riskScore());
              ins.setString(i++, a.riskBand());
              ins.setBoolean(i++, a.atRisk());
              ins.setString(i++, a.bleedingModel());
              ins.setString(i++, a.bleedingVersion());
              ins.setDouble(i++, a.bleedingScore());
              ins.setString(i++, a.bleedingBand());
              ins.setBoolean(i++, a.bleedingHigh());
              ins.setString(i++, a.recommendation());
              ins.setBoolean(i++, a.pharmInPlace());
              ins.setBoolean(i++, a.mechInPlace());
              ins.setBoolean(i++, a.pharmContraindicated());
              ins.setInt(i++, a.unknownItems());
              ins.setString(i++, a.detail());
              ins.setTimestamp(i, now);
              ins.addBatch();
            }
            ins.executeBatch();
          }
          return null;
        });
  }

  /** Every stored assessment of a stay, oldest first. */
  public List<StoredAssessment> assessments(String encounterId) {
    return store.inTransaction(
        c ->
            assessments(
                c,
                "SELECT "
                    + ASSESSMENT_COLUMNS
                    + " FROM vte_assessment WHERE encounter_id = ? ORDER BY assessed_at, id",
                encounterId));
  }

  public Optional<StoredAssessment> assessment(String id) {
    return store
        .inTransaction(
            c ->
                assessments(
                    c, "SELECT " + ASSESSMENT_COLUMNS + " FROM vte_assessment WHERE id = ?", id))
        .stream()
        .findFirst();
  }

  public Optional<StoredAssessment> latest(String encounterId) {
    List<StoredAssessment> all = assessments(encounterId);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  public long assessmentCount() {
    return store.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM vte_assessment");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static List<StoredAssessment> assessments(Connection c, String sql, String param)
      throws SQLException {
    List<StoredAssessment> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int i = 1;
          out.add(
              new StoredAssessment(
                  rs.getString(i++),
                  rs.getString(i++),
                  rs.getString(i++),
                  rs.getString(i++),
                  rs.getTimestamp(i++).toLocalDateTime(),
                  rs.getString(i++),
                  rs.getBoolean(i++),
                  rs.getString(i++),
                  rs.getString(i++),
                  rs.getDouble(i++),
                  rs.getString(i++),
                  rs.getBoolean(i++),
                  rs.getString(i++),
                  rs.getString(i++),
                  rs.getDouble(i++),
                  rs.getString(i++),
                  rs.getBoolean(i++),
                  rs.getString(i++),
                  rs.getBoolean(i++),
                  rs.getBoolean(i++),
                  rs.getBoolean(i++),
                  rs.getInt(i++),
                  rs.getString(i)));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ alerts

  /**
   * Raises an alert unless one of the same kind already exists for the stay (open or acknowledged):
   * an acknowledged alert stays acknowledged while its cause lasts.
   */
  public boolean raise(VteAlert a) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT status FROM vte_alert WHERE id = ?")) {
            q.setString(1, a.id());
            try (ResultSet rs = q.executeQuery()) {
              if (rs.next() && !rs.getString(1).equals("RESOLVED")) {
                return false;
              }
            }
          }
          try (PreparedStatement del = c.prepareStatement("DELETE FROM vte_alert WHERE id = ?")) {
            del.setString(1, a.id());
            del.executeUpdate();
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO vte_alert ("
                      + ALERT_COLUMNS
                      + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            int i = 1;
            ins.setString(i++, a.id());
            ins.setString(i++, a.patientId());
            ins.setString(i++, a.encounterId());
            ins.setString(i++, a.department());
            ins.setString(i++, a.kind());
            ins.setTimestamp(i++, Timestamp.valueOf(a.raisedAt()));
            ins.setString(i++, a.message());
            ins.setString(i++, "OPEN");
            ins.setNull(i++, Types.VARCHAR);
            ins.setNull(i++, Types.TIMESTAMP);
            ins.setNull(i++, Types.VARCHAR);
            ins.setNull(i, Types.TIMESTAMP);
            ins.executeUpdate();
          }
          return true;
        });
  }

  /** Marks the stay's alert of this kind resolved (its cause is gone), if it is not already. */
  public void resolve(String encounterId, String kind, LocalDateTime at) {
    store.inTransaction(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE vte_alert SET status = 'RESOLVED', resolved_at = ? WHERE id = ? AND status"
                      + " <> 'RESOLVED'")) {
            u.setTimestamp(1, Timestamp.valueOf(at));
            u.setString(2, VteAlert.idOf(encounterId, kind));
            u.executeUpdate();
          }
          return null;
        });
  }

  /** Acknowledges an open alert; empty if there is no such open alert. */
  public Optional<VteAlert> acknowledge(String id, String user, String reason, LocalDateTime at) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE vte_alert SET status = 'ACKNOWLEDGED', acknowledged_by = ?,"
                      + " acknowledged_at = ?, ack_reason = ? WHERE id = ? AND status = 'OPEN'")) {
            u.setString(1, user);
            u.setTimestamp(2, Timestamp.valueOf(at));
            u.setString(3, reason);
            u.setString(4, id);
            if (u.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return alerts(c, "SELECT " + ALERT_COLUMNS + " FROM vte_alert WHERE id = ?", id).stream()
              .findFirst();
        });
  }

  /** Alerts with the given status (null: any), newest first; department null means all. */
  public List<VteAlert> alerts(String status, String department) {
    StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM vte_alert WHERE 1=1");
    List<String> params = new ArrayList<>();
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status);
    }
    if (department != null) {
      sql.append(" AND department = ?");
      params.add(department);
    }
    sql.append(" ORDER BY raised_at DESC, id");
    return store.inTransaction(c -> alerts(c, sql.toString(), params.toArray(String[]::new)));
  }

  public List<VteAlert> alertsOf(String encounterId) {
    return store.inTransaction(
        c ->
            alerts(
                c,
                "SELECT " + ALERT_COLUMNS + " FROM vte_alert WHERE encounter_id = ? ORDER BY kind",
                encounterId));
  }

  /** Patient names by id, for lists that show who an alert or stay is about. */
  public java.util.Map<String, String> patientNames(Collection<String> patientIds) {
    return store.inTransaction(
        c -> {
          java.util.Map<String, String> out = new java.util.HashMap<>();
          try (PreparedStatement s = c.prepareStatement("SELECT name FROM patient WHERE id = ?")) {
            for (String id : new java.util.LinkedHashSet<>(patientIds)) {
              s.setString(1, id);
              try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                  out.put(id, rs.getString(1));
                }
              }
            }
          }
          return out;
        });
  }

  private static List<VteAlert> alerts(Connection c, String sql, String... params)
      throws SQLException {
    List<VteAlert> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new VteAlert(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getTimestamp(6).toLocalDateTime(),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  time(rs.getTimestamp(10)),
                  rs.getString(11),
                  time(rs.getTimestamp(12))));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ stays

  public void saveStays(Collection<VteStay> stays) {
    if (stays.isEmpty()) {
      return;
    }
    store.inTransaction(
        c -> {
          try (PreparedStatement del =
                  c.prepareStatement("DELETE FROM vte_stay WHERE encounter_id = ?");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO vte_stay ("
                          + STAY_COLUMNS
                          + ", computed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (VteStay s : stays) {
              del.setString(1, s.encounterId());
              del.addBatch();
            }
            del.executeBatch();
            Timestamp now = Timestamp.valueOf(LocalDateTime.now());
            for (VteStay s : stays) {
              int i = 1;
              ins.setString(i++, s.encounterId());
              ins.setString(i++, s.patientId());
              ins.setString(i++, s.department());
              ins.setTimestamp(i++, Timestamp.valueOf(s.admittedAt()));
              ts(ins, i++, s.dischargedAt());
              ins.setString(i++, s.dischargeMonth());
              if (s.ageYears() == null) {
                ins.setNull(i++, Types.INTEGER);
              } else {
                ins.setInt(i++, s.ageYears());
              }
              ins.setBoolean(i++, s.surgical());
              ts(ins, i++, s.riskAssessedAt());
              ts(ins, i++, s.bleedingAssessedAt());
              ins.setBoolean(i++, s.riskAssessedWithin24h());
              ins.setString(i++, s.riskModel());
              ins.setString(i++, s.maxBand());
              ins.setBoolean(i++, s.atRisk());
              ins.setBoolean(i++, s.bleedingHigh());
              ins.setString(i++, s.recommendation());
              ins.setBoolean(i++, s.pharmacological());
              ins.setBoolean(i++, s.mechanical());
              ins.setBoolean(i++, s.appropriate());
              ins.setBoolean(i++, s.haVte());
              ts(ins, i++, s.haVteAt());
              ins.setTimestamp(i, now);
              ins.addBatch();
            }
            ins.executeBatch();
          }
          return null;
        });
  }

  private static void ts(PreparedStatement s, int i, LocalDateTime t) throws SQLException {
    if (t == null) {
      s.setNull(i, Types.TIMESTAMP);
    } else {
      s.setTimestamp(i, Timestamp.valueOf(t));
    }
  }

  static LocalDateTime time(Timestamp t) {
    return t == null ? null : t.toLocalDateTime();
  }
}
