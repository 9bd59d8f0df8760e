package io.tianshu.store;

import io.tianshu.core.record.Sex;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The patient search: text matches an exact MRN, an exact ID number (by its keyed hash) or a name
 * prefix; department and admission dates must hold for one encounter. The SQL is assembled from
 * fixed fragments according to which filters are present; every value is a bound parameter.
 */
final class PatientSearch {

  private final ConnectionPool.Lease lease;
  private final StoreEngine engine;
  private final IdNumberProtection idNumbers;

  PatientSearch(ConnectionPool.Lease lease, StoreEngine engine, IdNumberProtection idNumbers) {
    this.lease = lease;
    this.engine = engine;
    this.idNumbers = idNumbers;
  }

  PatientPage run(PatientQuery query) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String where = where(query, parameters);
    long total;
    PreparedStatement count = lease.prepare("SELECT COUNT(*) FROM patient p" + where);
    bind(count, parameters);
    try (ResultSet rs = count.executeQuery()) {
      rs.next();
      total = rs.getLong(1);
    }
    if (total == 0) {
      return new PatientPage(0, List.of());
    }
    PreparedStatement page =
        lease.prepare(
            "SELECT p.patient_key, p.id, p.mrn, p.name, p.sex, p.birth_date, p.id_number_masked"
                + " FROM patient p"
                + where
                + " ORDER BY p.id"
                + engine.binaryCollation()
                + " LIMIT ? OFFSET ?");
    List<Object> pageParameters = new ArrayList<>(parameters);
    pageParameters.add(query.limit());
    pageParameters.add(query.offset());
    bind(page, pageParameters);
    List<PageRow> rows = new ArrayList<>();
    try (ResultSet rs = page.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new PageRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Sex.valueOf(rs.getString(5)),
                rs.getObject(6, LocalDate.class),
                rs.getString(7)));
      }
    }
    Map<Long, EncounterStats> stats = encounterStats(rows.stream().map(PageRow::key).toList());
    List<PatientSummary> items = new ArrayList<>();
    for (PageRow r : rows) {
      EncounterStats s = stats.getOrDefault(r.key(), EncounterStats.NONE);
      items.add(
          new PatientSummary(
              r.id(),
              r.mrn(),
              r.name(),
              r.sex(),
              r.birthDate(),
              r.idNumberMasked(),
              s.lastDepartment(),
              s.lastAdmittedAt(),
              s.count()));
    }
    return new PatientPage(total, items);
  }

  private record PageRow(
      long key,
      String id,
      String mrn,
      String name,
      Sex sex,
      LocalDate birthDate,
      String idNumberMasked) {}

  private record EncounterStats(String lastDepartment, LocalDateTime lastAdmittedAt, int count) {
    static final EncounterStats NONE = new EncounterStats(null, null, 0);
  }

  private String where(PatientQuery query, List<Object> parameters) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (query.text() != null) {
      where.append(" AND (p.mrn = ? OR p.id_number_hash = ? OR p.name LIKE ? ESCAPE '!')");
      parameters.add(query.text());
      parameters.add(idNumbers.hash(query.text()));
      parameters.add(likePrefix(query.text()));
    }
    if (query.department() != null || query.from() != null || query.to() != null) {
      where.append(" AND EXISTS (SELECT 1 FROM encounter e WHERE e.patient_key = p.patient_key");
      if (query.department() != null) {
        where.append(" AND e.department = ?");
        parameters.add(query.department());
      }
      if (query.from() != null) {
        where.append(" AND e.admitted_at >= ?");
        parameters.add(query.from().atStartOfDay());
      }
      if (query.to() != null) {
        // "on or before" a date includes the whole of that day
        where.append(" AND e.admitted_at < ?");
        parameters.add(query.to().plusDays(1).atStartOfDay());
      }
      where.append(')');
    }
    return where.toString();
  }

  /** Latest encounter's department and time and the encounter count, for one page of patients. */
  private Map<Long, EncounterStats> encounterStats(List<Long> keys) throws SQLException {
    Map<Long, EncounterStats> stats = new HashMap<>();
    if (keys.isEmpty()) {
      return stats;
    }
    String placeholders = String.join(", ", Collections.nCopies(keys.size(), "?"));
    PreparedStatement statement =
        lease.prepare(
            "SELECT patient_key, department, admitted_at, n FROM (SELECT patient_key, department,"
                + " admitted_at, COUNT(*) OVER (PARTITION BY patient_key) AS n, ROW_NUMBER() OVER"
                + " (PARTITION BY patient_key ORDER BY admitted_at DESC, ord DESC) AS rn FROM encounter"
                + " WHERE patient_key IN ("
                + placeholders
                + ")) x WHERE rn = 1");
    bind(statement, new ArrayList<>(keys));
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        stats.put(
            rs.getLong(1),
            new EncounterStats(
                rs.getString(2), rs.getObject(3, LocalDateTime.class), rs.getInt(4)));
      }
    }
    return stats;
  }

  private static String likePrefix(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      if (value instanceof Long l) {
        statement.setLong(i + 1, l);
      } else if (value instanceof Integer n) {
        statement.setInt(i + 1, n);
      } else if (value instanceof String s) {
        statement.setString(i + 1, s);
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}
