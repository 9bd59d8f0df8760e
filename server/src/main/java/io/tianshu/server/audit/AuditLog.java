package io.tianshu.server.audit;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.store.CdrStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The append-only, hash-chained audit log of patient-data access (who, when, which patient, which
 * endpoint). Appends are serialised in this process so that the chain stays linear; there is no
 * update or delete.
 */
@Service
public class AuditLog {

  static final String GENESIS = "0".repeat(64);
  static final ErrorCode AUDIT_FAILED =
      new ErrorCode("TS-AUDIT-500", 500, "The audit log could not be written");

  private final CdrStore store;
  private final Clock clock;
  private final Object appendLock = new Object();

  AuditLog(CdrStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Appends an entry. A read of patient data that cannot be audited must not happen, so a failure
   * here propagates and fails the request.
   */
  public AuditEntry append(
      String username, String action, String patientId, String endpoint, String detail) {
    LocalDateTime at = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    synchronized (appendLock) {
      try {
        return store.inTransaction(
            c -> {
              long seq = 1;
              String prev = GENESIS;
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                  ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  seq = rs.getLong(1) + 1;
                  prev = rs.getString(2);
                }
              }
              String hash = hash(seq, at, username, action, patientId, endpoint, detail, prev);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO audit_log (seq, \"at\", username, action, patient_id, endpoint, detail, prev_hash, hash)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setTimestamp(2, Timestamp.valueOf(at));
                ps.setString(3, username);
                ps.setString(4, action);
                setNullable(ps, 5, patientId);
                ps.setString(6, endpoint);
                setNullable(ps, 7, detail);
                ps.setString(8, prev);
                ps.setString(9, hash);
                ps.executeUpdate();
              }
              return new AuditEntry(
                  seq, at, username, action, patientId, endpoint, detail, prev, hash);
            });
      } catch (TianshuException e) {
        throw new TianshuException(
            AUDIT_FAILED, "The access could not be audited, so it was refused.", e);
      }
    }
  }

  /** A page of entries, newest first, optionally for one user and/or one patient. */
  public AuditPage page(String username, String patientId, int page, int size) {
    return store.inTransaction(
        c -> {
          String where = " WHERE (? IS NULL OR username = ?) AND (? IS NULL OR patient_id = ?)";
          long total;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM audit_log" + where)) {
            bindFilter(ps, username, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          List<AuditEntry> items = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq, \"at\", username, action, patient_id, endpoint, detail, prev_hash, hash FROM audit_log"
                      + where
                      + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
            bindFilter(ps, username, patientId);
            ps.setInt(5, size);
            ps.setLong(6, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(read(rs));
              }
            }
          }
          return new AuditPage(total, page, size, items);
        });
  }

  /** Walks the whole chain and reports the first entry whose hash or link does not match. */
  public Verification verify() {
    return store.inTransaction(
        c -> {
          String prev = GENESIS;
          long count = 0;
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT seq, \"at\", username, action, patient_id, endpoint, detail, prev_hash, hash"
                          + " FROM audit_log ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            long expectedSeq = 1;
            while (rs.next()) {
              AuditEntry e = read(rs);
              String expected =
                  hash(
                      e.seq(),
                      e.at(),
                      e.username(),
                      e.action(),
                      e.patientId(),
                      e.endpoint(),
                      e.detail(),
                      prev);
              if (e.seq() != expectedSeq
                  || !e.prevHash().equals(prev)
                  || !e.hash().equals(expected)) {
                return new Verification(false, count, e.seq());
              }
              prev = e.hash();
              expectedSeq++;
              count++;
            }
          }
          return new Verification(true, count, null);
        });
  }

  /** Result of {@link #verify()}: {@code firstBrokenSeq} is null when the chain is intact. */
  public record Verification(boolean valid, long entries, Long firstBrokenSeq) {}

  /** A page of audit entries. */
  public record AuditPage(long total, int page, int size, List<AuditEntry> items) {}

  private static void bindFilter(PreparedStatement ps, String username, String patientId)
      throws SQLException {
    setNullable(ps, 1, username);
    setNullable(ps, 2, username);
    setNullable(ps, 3, patientId);
    setNullable(ps, 4, patientId);
  }

  private static void setNullable(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  private static AuditEntry read(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong(1),
        rs.getTimestamp(2).toLocalDateTime(),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9));
  }

  static String hash(
      long seq,
      LocalDateTime at,
      String username,
      String action,
      String patientId,
      String endpoint,
      String detail,
      String prev) {
    // Unit separators keep field boundaries unambiguous ("ab"+"c" differs from "a"+"bc").
    String canonical =
        String.join(
            "\u001f",
            Long.toString(seq),
            at.truncatedTo(ChronoUnit.MILLIS).toString(),
            username,
            action,
            patientId == null ? "\u0000" : patientId,
            endpoint,
            detail == null ? "\u0000" : detail,
            prev);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
