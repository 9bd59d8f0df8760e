package io.tianshu.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.store.CdrStore;
import io.tianshu.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain verifies when untouched and pinpoints the first altered or removed entry. */
class AuditLogTest {

  @TempDir Path dir;

  private CdrStore open() {
    return CdrStore.open(
        StoreConfig.duckdb(
            dir.resolve("audit.duckdb"),
            "audit-test-key-0123456789".getBytes(StandardCharsets.UTF_8)));
  }

  private static AuditLog log(CdrStore store) {
    return new AuditLog(
        store, Clock.fixed(Instant.parse("2026-11-25T01:00:00Z"), ZoneId.of("Asia/Shanghai")));
  }

  @Test
  void anUntouchedChainVerifies() {
    try (CdrStore store = open()) {
      AuditLog audit = log(store);
      AuditEntry first =
          audit.append("dr.wang", "READ_PATIENT", "P0000001", "GET /api/patients/{id}", null);
      AuditEntry second =
          audit.append(
              "dr.wang", "READ_TIMELINE", "P0000001", "GET /api/patients/{id}/timeline", null);
      assertThat(first.prevHash()).isEqualTo(AuditLog.GENESIS);
      assertThat(second.prevHash()).isEqualTo(first.hash());
      assertThat(audit.verify()).isEqualTo(new AuditLog.Verification(true, 2, null));
      assertThat(audit.page("dr.wang", null, 0, 10).items())
          .extracting(AuditEntry::seq)
          .containsExactly(2L, 1L);
    }
  }

  @Test
  void anAlteredEntryBreaksTheChainFromThere() {
    try (CdrStore store = open()) {
      AuditLog audit = log(store);
      for (int i = 1; i <= 4; i++) {
        audit.append("dr.wang", "READ_PATIENT", "P000000" + i, "GET /api/patients/{id}", null);
      }
      store.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE audit_log SET patient_id = ? WHERE seq = ?")) {
              ps.setString(1, "P0000009");
              ps.setLong(2, 3);
              return ps.executeUpdate();
            }
          });
      assertThat(audit.verify()).isEqualTo(new AuditLog.Verification(false, 2, 3L));
    }
  }

  @Test
  void aRemovedEntryBreaksTheChain() {
    try (CdrStore store = open()) {
      AuditLog audit = log(store);
      for (int i = 1; i <= 3; i++) {
        audit.append("dr.wang", "READ_PATIENT", "P000000" + i, "GET /api/patients/{id}", null);
      }
      store.inTransaction(
          c -> c.createStatement().executeUpdate("DELETE FROM audit_log WHERE seq = 2"));
      assertThat(audit.verify().valid()).isFalse();
      assertThat(audit.verify().firstBrokenSeq()).isEqualTo(3L);
    }
  }
}
