package io.tianshu.ingest.staging;

import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.ingest.hl7v2.MshHeader;
import io.tianshu.store.CdrStore;
import io.tianshu.store.Dialect;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The staging tables ({@code V5__ingest_staging.sql}) on the store's connections. Rows are written
 * in sets, with arrays bound as parameters ({@code UNNEST}), because both engines take one
 * statement of a thousand rows far faster than a thousand statements (DuckDB's JDBC inserts cost a
 * few hundred microseconds each).
 */
final class StagingStore {

  /** Advisory lock key that serialises staging of every Tianshu process on one PostgreSQL. */
  private static final long STAGE_LOCK = 0x7473_696e_6773L;

  /** The source named for bytes whose MSH cannot be read: content alone identifies them. */
  static final String UNKNOWN_SOURCE = "unknown";

  private static final String COLUMNS =
      "id, source, source_id, content_sha256, channel, arrived_at, raw, charset, message_type,"
          + " status, effect, error_code, reason, attempts, patient_id, duplicate_of, replay_of,"
          + " batch_id, decided_at";

  private final CdrStore store;
  private final Hl7v2Parser parser;
  private final UnitFormats formats;
  private final boolean postgres;
  private final Object stageLock = new Object();

  StagingStore(CdrStore store, Hl7v2Parser parser, UnitFormats formats) {
    this.store = store;
    this.parser = parser;
    this.formats = formats;
    this.postgres = store.dialect() == Dialect.POSTGRESQL;
  }

  // ---------------------------------------------------------------- staging

  /** Stages messages in one transaction; the receipts are in input order. */
  List<StageReceipt> stage(List<IncomingMessage> messages) {
    if (messages.isEmpty()) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>(messages.size());
    for (IncomingMessage m : messages) {
      candidates.add(candidate(m, null));
    }
    synchronized (stageLock) {
      return store.inTransaction(c -> stage(c, candidates));
    }
  }

  /** A message read for staging: its hash and the MSH fields staging records. */
  record Candidate(
      IncomingMessage message,
      String source,
      String sourceId,
      String messageType,
      String charset,
      String sha256,
      long hashPrefix,
      Long replayOf) {

    String key() {
      return source + ":" + sha256;
    }
  }

  Candidate candidate(IncomingMessage m, Long replayOf) {
    byte[] raw = m.bytes();
    String sha = StagedMessage.sha256(raw);
    long prefix = ByteBuffer.wrap(HexFormat.of().parseHex(sha, 0, 16)).getLong();
    String source = UNKNOWN_SOURCE;
    String sourceId = null;
    String type = null;
    String charset = null;
    UnitFormat format = formats.formatOf(raw);
    if (format != null) {
      UnitHeader h = unitHeader(format, raw);
      source =
          h.source() != null
              ? h.source()
              : m.declaredSource() != null ? m.declaredSource() : UNKNOWN_SOURCE;
      return new Candidate(m, source, h.sourceId(), h.type(), h.charset(), sha, prefix, replayOf);
    }
    try {
      MshHeader h = parser.readDecodedHeader(raw);
      if (!h.sendingApplication().isEmpty() || !h.sendingFacility().isEmpty()) {
        source = h.sourceSystem();
      }
      sourceId = emptyToNull(h.controlId());
      type = emptyToNull(h.typeAndTrigger());
      charset = emptyToNull(h.characterSet());
    } catch (RuntimeException e) {
      // Unreadable header: staged all the same, and the applier quarantines it with the reason.
    }
    return new Candidate(m, source, sourceId, type, charset, sha, prefix, replayOf);
  }

  private static UnitHeader unitHeader(UnitFormat format, byte[] raw) {
    try {
      UnitHeader h = format.header(raw);
      return h == null ? UnitHeader.NONE : h;
    } catch (RuntimeException e) {
      return UnitHeader.NONE; // the applier quarantines the unit with the reason
    }
  }

  List<StageReceipt> stage(Connection c, List<Candidate> candidates) throws SQLException {
    if (postgres) {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, STAGE_LOCK);
        lock.execute();
      }
    }
    Map<String, Original> originals = new HashMap<>();
    long next = originals(c, candidates, originals) + 1;
    List<StageReceipt> receipts = new ArrayList<>(candidates.size());
    Rows rows = new Rows(candidates.size());
    for (Candidate candidate : candidates) {
      long id = next++;
      Original original = originals.get(candidate.key());
      if (original == null) {
        originals.put(candidate.key(), new Original(id, MessageStatus.STAGED));
        rows.add(id, candidate, MessageStatus.STAGED, null);
        receipts.add(new StageReceipt(id, false, id, MessageStatus.STAGED));
      } else {
        rows.add(id, candidate, MessageStatus.DUPLICATE, original.id());
        receipts.add(new StageReceipt(id, true, original.id(), original.status()));
      }
    }
    rows.insert(c, postgres ? "bytea" : "blob");
    return receipts;
  }

  private record Original(long id, MessageStatus status) {}

  /**
   * Finds earlier originals of the candidates' contents by hash prefix (keyed source:sha) and
   * returns the largest id, in one statement: on DuckDB each statement costs about a millisecond,
   * and an MLLP sender that waits for every ACK pays it per message.
   */
  private long originals(Connection c, List<Candidate> candidates, Map<String, Original> found)
      throws SQLException {
    Long[] prefixes =
        candidates.stream().map(Candidate::hashPrefix).distinct().toArray(Long[]::new);
    try (PreparedStatement find =
        c.prepareStatement(
            "SELECT (SELECT MAX(id) FROM ingest_message), m.id, m.source, m.content_sha256,"
                + " m.status FROM (SELECT 1 AS one) x LEFT JOIN (SELECT id, source,"
                + " content_sha256, status FROM ingest_message WHERE duplicate_of IS NULL"
                + " AND hash_prefix IN (SELECT UNNEST(?::BIGINT[]))) m ON TRUE")) {
      find.setArray(1, c.createArrayOf("bigint", prefixes));
      long max = 0;
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          max = rs.getLong(1);
          if (rs.getString(3) != null) {
            found.put(
                rs.getString(3) + ":" + rs.getString(4),
                new Original(rs.getLong(2), MessageStatus.valueOf(rs.getString(5))));
          }
        }
      }
      return max;
    }
  }

  /** Column arrays of the rows one staging transaction inserts. */
  private static final class Rows {
    final List<Long> ids;
    final List<String> sources;
    final List<String> sourceIds;
    final List<String> hashes;
    final List<Long> prefixes;
    final List<String> channels;
    final List<String> arrivals;
    final List<byte[]> raws;
    final List<String> charsets;
    final List<String> types;
    final List<String> statuses;
    final List<Long> duplicateOf;
    final List<Long> replayOf;

    Rows(int size) {
      ids = new ArrayList<>(size);
      sources = new ArrayList<>(size);
      sourceIds = new ArrayList<>(size);
      hashes = new ArrayList<>(size);
      prefixes = new ArrayList<>(size);
      channels = new ArrayList<>(size);
      arrivals = new ArrayList<>(size);
      raws = new ArrayList<>(size);
      charsets = new ArrayList<>(size);
      types = new ArrayList<>(size);
      statuses = new ArrayList<>(size);
      duplicateOf = new ArrayList<>(size);
      replayOf = new ArrayList<>(size);
    }

    /**
     * One row with scalar parameters: an MLLP sender waiting for each ACK stages one message per
     * transaction, and binding thirteen arrays costs DuckDB more than the row itself.
     */
    void insertOne(Connection c) throws SQLException {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO ingest_message (id, source, source_id, content_sha256, hash_prefix,"
                  + " channel, arrived_at, raw, charset, message_type, status, attempts,"
                  + " duplicate_of, replay_of, decided_at) VALUES (?, ?, ?, ?, ?, ?,"
                  + " CAST(? AS TIMESTAMP), ?, ?, ?, ?, 0, ?, ?, CAST(? AS TIMESTAMP))")) {
        int i = 1;
        insert.setLong(i++, ids.get(0));
        insert.setString(i++, sources.get(0));
        nullable(insert, i++, sourceIds.get(0));
        insert.setString(i++, hashes.get(0));
        insert.setLong(i++, prefixes.get(0));
        insert.setString(i++, channels.get(0));
        insert.setString(i++, arrivals.get(0));
        if (raws.get(0) == null) {
          insert.setNull(i++, Types.BINARY);
        } else {
          insert.setBytes(i++, raws.get(0));
        }
        nullable(insert, i++, charsets.get(0));
        nullable(insert, i++, types.get(0));
        insert.setString(i++, statuses.get(0));
        nullableLong(insert, i++, duplicateOf.get(0));
        nullableLong(insert, i++, replayOf.get(0));
        nullable(insert, i, duplicateOf.get(0) == null ? null : arrivals.get(0));
        insert.executeUpdate();
      }
    }

    private static void nullable(PreparedStatement ps, int index, String value)
        throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.VARCHAR);
      } else {
        ps.setString(index, value);
      }
    }

    private static void nullableLong(PreparedStatement ps, int index, Long value)
        throws SQLException {
      if (value == null) {
        ps.setNull(index, Types.BIGINT);
      } else {
        ps.setLong(index, value);
      }
    }

    void add(long id, Candidate c, MessageStatus status, Long original) {
      ids.add(id);
      sources.add(c.source());
      sourceIds.add(c.sourceId());
      hashes.add(c.sha256());
      prefixes.add(c.hashPrefix());
      channels.add(c.message().channel());
      arrivals.add(timestampText(c.message().arrivedAt()));
      // A duplicate's bytes are its original's: stored once.
      raws.add(original == null ? c.message().bytes() : null);
      charsets.add(c.charset());
      types.add(c.messageType());
      statuses.add(status.name());
      duplicateOf.add(original);
      replayOf.add(c.replayOf());
    }

    void insert(Connection c, String blobType) throws SQLException {
      if (ids.size() == 1) {
        insertOne(c);
        return;
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO ingest_message (id, source, source_id, content_sha256, hash_prefix,"
                  + " channel, arrived_at, raw, charset, message_type, status, attempts,"
                  + " duplicate_of, replay_of, decided_at)"
                  + " SELECT id, source, source_id, sha, prefix, channel, CAST(arrived AS TIMESTAMP),"
                  + " raw, charset, mtype, status, 0, dup, replay,"
                  + " CASE WHEN dup IS NULL THEN NULL ELSE CAST(arrived AS TIMESTAMP) END"
                  + " FROM (SELECT UNNEST(?::BIGINT[]) AS id, UNNEST(?::VARCHAR[]) AS source,"
                  + " UNNEST(?::VARCHAR[]) AS source_id, UNNEST(?::VARCHAR[]) AS sha,"
                  + " UNNEST(?::BIGINT[]) AS prefix, UNNEST(?::VARCHAR[]) AS channel,"
                  + " UNNEST(?::VARCHAR[]) AS arrived, UNNEST(?::BYTEA[]) AS raw,"
                  + " UNNEST(?::VARCHAR[]) AS charset, UNNEST(?::VARCHAR[]) AS mtype,"
                  + " UNNEST(?::VARCHAR[]) AS status, UNNEST(?::BIGINT[]) AS dup,"
                  + " UNNEST(?::BIGINT[]) AS replay) x")) {
        int i = 1;
        insert.setArray(i++, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
        insert.setArray(i++, varchars(c, sources));
        insert.setArray(i++, varchars(c, sourceIds));
        insert.setArray(i++, varchars(c, hashes));
        insert.setArray(i++, c.createArrayOf("bigint", prefixes.toArray(Long[]::new)));
        insert.setArray(i++, varchars(c, channels));
        insert.setArray(i++, varchars(c, arrivals));
        insert.setArray(i++, c.createArrayOf(blobType, raws.toArray(byte[][]::new)));
        insert.setArray(i++, varchars(c, charsets));
        insert.setArray(i++, varchars(c, types));
        insert.setArray(i++, varchars(c, statuses));
        insert.setArray(i++, c.createArrayOf("bigint", duplicateOf.toArray(Long[]::new)));
        insert.setArray(i, c.createArrayOf("bigint", replayOf.toArray(Long[]::new)));
        insert.executeUpdate();
      }
    }
  }

  // ---------------------------------------------------------------- applying

  /** The oldest staged messages, up to {@code limit}, in arrival order. */
  List<PendingMessage> pending(int limit) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT id, source, source_id, content_sha256, channel, arrived_at, raw, status"
                      + " FROM ingest_message WHERE status = 'STAGED' ORDER BY id LIMIT ?")) {
            find.setInt(1, limit);
            return pendingRows(find);
          }
        });
  }

  /** Which of these channels name a staged row (an inbox recovering after a crash asks). */
  Set<String> stagedChannels(Collection<String> channels) {
    if (channels.isEmpty()) {
      return Set.of();
    }
    return store.inTransaction(
        c -> {
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT channel FROM ingest_message"
                      + " WHERE channel IN (SELECT UNNEST(?::VARCHAR[]))")) {
            find.setArray(1, varchars(c, channels));
            Set<String> found = new java.util.HashSet<>();
            try (ResultSet rs = find.executeQuery()) {
              while (rs.next()) {
                found.add(rs.getString(1));
              }
            }
            return found;
          }
        });
  }

  /** Held messages waiting for one of these patients, in arrival order. */
  List<PendingMessage> held(Collection<String> patientIds) {
    if (patientIds.isEmpty()) {
      return List.of();
    }
    return store.inTransaction(
        c -> {
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT id, source, source_id, content_sha256, channel, arrived_at, raw, status"
                      + " FROM ingest_message WHERE status = 'HELD'"
                      + " AND patient_id IN (SELECT UNNEST(?::VARCHAR[])) ORDER BY id")) {
            find.setArray(1, varchars(c, patientIds));
            return pendingRows(find);
          }
        });
  }

  private static List<PendingMessage> pendingRows(PreparedStatement find) throws SQLException {
    List<PendingMessage> out = new ArrayList<>();
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next()) {
        out.add(
            new PendingMessage(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs.getTimestamp(6)),
                rs.getBytes(7),
                MessageStatus.valueOf(rs.getString(8))));
      }
    }
    return out;
  }

  /**
   * Records decisions on the caller's connection (the CDR batch's own transaction), each only if
   * the row still has the status the decision was made from; when another applier got there first
   * the transaction must not commit, so this throws.
   */
  void decide(Connection c, List<Decision> decisions, String batchId, Instant at)
      throws SQLException {
    if (decisions.isEmpty()) {
      return;
    }
    int n = decisions.size();
    Long[] ids = new Long[n];
    String[] expected = new String[n];
    String[] statuses = new String[n];
    String[] effects = new String[n];
    String[] codes = new String[n];
    String[] reasons = new String[n];
    String[] patients = new String[n];
    for (int i = 0; i < n; i++) {
      Decision d = decisions.get(i);
      ids[i] = d.id();
      expected[i] = d.from().name();
      statuses[i] = d.status().name();
      effects[i] = d instanceof Decision.Applied a ? a.effect().name() : null;
      codes[i] = d.code() == null ? null : d.code().code();
      reasons[i] = d.reason();
      patients[i] = d.patientId();
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE ingest_message SET status = d.status, effect = d.effect, error_code = d.code,"
                + " reason = d.reason, patient_id = d.patient, attempts = attempts + 1,"
                + " batch_id = ?, decided_at = CAST(? AS TIMESTAMP)"
                + " FROM (SELECT UNNEST(?::BIGINT[]) AS id, UNNEST(?::VARCHAR[]) AS expected,"
                + " UNNEST(?::VARCHAR[]) AS status, UNNEST(?::VARCHAR[]) AS effect,"
                + " UNNEST(?::VARCHAR[]) AS code, UNNEST(?::VARCHAR[]) AS reason,"
                + " UNNEST(?::VARCHAR[]) AS patient) d"
                + " WHERE ingest_message.id = d.id AND ingest_message.status = d.expected")) {
      int i = 1;
      update.setString(i++, batchId);
      update.setString(i++, timestampText(at));
      update.setArray(i++, c.createArrayOf("bigint", ids));
      update.setArray(i++, c.createArrayOf("varchar", expected));
      update.setArray(i++, c.createArrayOf("varchar", statuses));
      update.setArray(i++, c.createArrayOf("varchar", effects));
      update.setArray(i++, c.createArrayOf("varchar", codes));
      update.setArray(i++, c.createArrayOf("varchar", reasons));
      update.setArray(i, c.createArrayOf("varchar", patients));
      int changed = update.executeUpdate();
      if (changed != n) {
        throw new SQLException(
            "staged messages changed while they were being applied ("
                + changed
                + " of "
                + n
                + " still as read): another applier got there first");
      }
    }
  }

  /** A merge to record with the batch that applied it. */
  record MergeRow(
      long messageId, String survivingPatientId, String priorPatientId, int recordsMoved) {}

  void recordMerges(Connection c, List<MergeRow> merges, String batchId, Instant at)
      throws SQLException {
    if (merges.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO ingest_patient_merge (merged_at, message_id, surviving_patient_id,"
                + " prior_patient_id, records_moved, batch_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (MergeRow m : merges) {
        insert.setObject(1, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        insert.setLong(2, m.messageId());
        insert.setString(3, m.survivingPatientId());
        insert.setString(4, m.priorPatientId());
        insert.setInt(5, m.recordsMoved());
        insert.setString(6, batchId);
        insert.executeUpdate();
      }
    }
  }

  /** The surviving patient of each of these ids that was merged away (one step). */
  Map<String, String> aliases(Collection<String> patientIds) {
    if (patientIds.isEmpty()) {
      return Map.of();
    }
    return store.inTransaction(
        c -> {
          Map<String, String> out = new HashMap<>();
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT prior_patient_id, surviving_patient_id FROM ingest_patient_merge"
                      + " WHERE prior_patient_id IN (SELECT UNNEST(?::VARCHAR[]))"
                      + " ORDER BY merged_at, message_id")) {
            find.setArray(1, varchars(c, patientIds));
            try (ResultSet rs = find.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
              }
            }
          }
          return out;
        });
  }

  /**
   * Quarantines messages held since before {@code cutoff}: their patient or visit did not arrive in
   * time. The held row already carries the code it gets (060 patient, 061 visit).
   */
  int expireHolds(Instant cutoff, String holdTime, Instant at) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE ingest_message SET status = 'QUARANTINED',"
                      + " reason = ? || reason, decided_at = CAST(? AS TIMESTAMP)"
                      + " WHERE status = 'HELD' AND arrived_at < CAST(? AS TIMESTAMP)")) {
            update.setString(1, "held longer than " + holdTime + ": ");
            update.setString(2, timestampText(at));
            update.setString(3, timestampText(cutoff));
            return update.executeUpdate();
          }
        });
  }

  // ---------------------------------------------------------------- review and replay

  /** A page of quarantined messages, newest first, optionally of one source. */
  QuarantinePage quarantine(String source, int page, int size) {
    return store.inTransaction(
        c -> {
          String where = " WHERE status = 'QUARANTINED' AND (? IS NULL OR source = ?)";
          long total;
          try (PreparedStatement count =
              c.prepareStatement("SELECT COUNT(*) FROM ingest_message" + where)) {
            bindSource(count, source);
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          List<StoredMessage> items = new ArrayList<>();
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM ingest_message"
                      + where
                      + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
            bindSource(find, source);
            find.setInt(3, size);
            find.setLong(4, (long) page * size);
            try (ResultSet rs = find.executeQuery()) {
              while (rs.next()) {
                items.add(stored(rs));
              }
            }
          }
          return new QuarantinePage(total, page, size, items);
        });
  }

  private static void bindSource(PreparedStatement ps, String source) throws SQLException {
    if (source == null) {
      ps.setNull(1, Types.VARCHAR);
      ps.setNull(2, Types.VARCHAR);
    } else {
      ps.setString(1, source);
      ps.setString(2, source);
    }
  }

  /** One staged message with its payload (a duplicate's payload is its original's). */
  java.util.Optional<StoredMessage> message(long id) {
    return store.inTransaction(c -> message(c, id));
  }

  private java.util.Optional<StoredMessage> message(Connection c, long id) throws SQLException {
    try (PreparedStatement find =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM ingest_message WHERE id = ? OR id = (SELECT duplicate_of FROM"
                + " ingest_message WHERE id = ?) ORDER BY id DESC")) {
      find.setLong(1, id);
      find.setLong(2, id);
      StoredMessage self = null;
      byte[] originalRaw = null;
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          StoredMessage m = stored(rs);
          if (m.id() == id) {
            self = m;
          } else {
            originalRaw = m.raw();
          }
        }
      }
      if (self == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(originalRaw == null ? self : self.withRaw(originalRaw));
    }
  }

  /** Current status and effect of staging rows. */
  Map<Long, MessageState> states(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return store.inTransaction(
        c -> {
          Map<Long, MessageState> out = new LinkedHashMap<>();
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT id, status, effect, error_code FROM ingest_message"
                      + " WHERE id IN (SELECT UNNEST(?::BIGINT[]))")) {
            find.setArray(1, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
            try (ResultSet rs = find.executeQuery()) {
              while (rs.next()) {
                String effect = rs.getString(3);
                out.put(
                    rs.getLong(1),
                    new MessageState(
                        MessageStatus.valueOf(rs.getString(2)),
                        effect == null ? null : Decision.Effect.valueOf(effect),
                        rs.getString(4)));
              }
            }
          }
          return out;
        });
  }

  /** Status and effect of one row. */
  record MessageState(MessageStatus status, Decision.Effect effect, String errorCode) {}

  /**
   * Puts a quarantined message back to be applied again: as it is (after a mapping fix), or as a
   * corrected copy staged beside it ({@code replay_of}), the original kept as received and marked
   * superseded.
   *
   * @return the row to apply, or empty when {@code id} is not a quarantined message
   */
  java.util.Optional<StageReceipt> replay(long id, byte[] corrected, Instant at) {
    synchronized (stageLock) {
      return store.inTransaction(
          c -> {
            java.util.Optional<StoredMessage> original = message(c, id);
            if (original.isEmpty() || original.get().status() != MessageStatus.QUARANTINED) {
              return java.util.Optional.empty();
            }
            if (corrected == null || java.util.Arrays.equals(corrected, original.get().raw())) {
              restage(c, id);
              return java.util.Optional.of(new StageReceipt(id, false, id, MessageStatus.STAGED));
            }
            // A record-shaped unit whose content names no source keeps the original's.
            Candidate candidate =
                candidate(
                    new IncomingMessage("replay:" + id, corrected, at, original.get().source()),
                    id);
            StageReceipt receipt = stage(c, List.of(candidate)).get(0);
            try (PreparedStatement supersede =
                c.prepareStatement(
                    "UPDATE ingest_message SET status = 'SUPERSEDED', decided_at ="
                        + " CAST(? AS TIMESTAMP) WHERE id = ? AND status = 'QUARANTINED'")) {
              supersede.setString(1, timestampText(at));
              supersede.setLong(2, id);
              supersede.executeUpdate();
            }
            return java.util.Optional.of(receipt);
          });
    }
  }

  private static void restage(Connection c, long id) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE ingest_message SET status = 'STAGED', effect = NULL, error_code = NULL,"
                + " reason = NULL, patient_id = NULL, decided_at = NULL"
                + " WHERE id = ? AND status = 'QUARANTINED'")) {
      update.setLong(1, id);
      update.executeUpdate();
    }
  }

  /** Per source: messages by status, last arrival, and arrivals per hour since {@code since}. */
  List<SourceActivity> sources(Instant since) {
    return store.inTransaction(
        c -> {
          Map<String, Map<MessageStatus, Long>> byStatus = new LinkedHashMap<>();
          Map<String, Instant> last = new HashMap<>();
          try (PreparedStatement find =
                  c.prepareStatement(
                      "SELECT source, status, COUNT(*), MAX(arrived_at) FROM ingest_message"
                          + " GROUP BY source, status ORDER BY source, status");
              ResultSet rs = find.executeQuery()) {
            while (rs.next()) {
              String source = rs.getString(1);
              byStatus
                  .computeIfAbsent(source, s -> new java.util.EnumMap<>(MessageStatus.class))
                  .put(MessageStatus.valueOf(rs.getString(2)), rs.getLong(3));
              Instant at = instant(rs.getTimestamp(4));
              last.merge(source, at, (a, b) -> a.isAfter(b) ? a : b);
            }
          }
          Map<String, Map<Instant, Long>> hourly = new HashMap<>();
          try (PreparedStatement find =
              c.prepareStatement(
                  "SELECT source, date_trunc('hour', arrived_at) AS h, COUNT(*) FROM ingest_message"
                      + " WHERE arrived_at >= CAST(? AS TIMESTAMP) GROUP BY source, h")) {
            find.setString(1, timestampText(since));
            try (ResultSet rs = find.executeQuery()) {
              while (rs.next()) {
                hourly
                    .computeIfAbsent(rs.getString(1), s -> new java.util.TreeMap<>())
                    .put(instant(rs.getTimestamp(2)), rs.getLong(3));
              }
            }
          }
          List<SourceActivity> out = new ArrayList<>();
          for (Map.Entry<String, Map<MessageStatus, Long>> e : byStatus.entrySet()) {
            out.add(
                new SourceActivity(
                    e.getKey(),
                    e.getValue(),
                    last.get(e.getKey()),
                    hourly.getOrDefault(e.getKey(), Map.of())));
          }
          return out;
        });
  }

  // ---------------------------------------------------------------- helpers

  private static StoredMessage stored(ResultSet rs) throws SQLException {
    String effect = rs.getString(11);
    String code = rs.getString(12);
    long duplicateOf = rs.getLong(16);
    boolean noDuplicate = rs.wasNull();
    long replayOf = rs.getLong(17);
    boolean noReplay = rs.wasNull();
    Timestamp decided = rs.getTimestamp(19);
    return new StoredMessage(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        instant(rs.getTimestamp(6)),
        rs.getBytes(7),
        rs.getString(8),
        rs.getString(9),
        MessageStatus.valueOf(rs.getString(10)),
        effect == null ? null : Decision.Effect.valueOf(effect).name(),
        code,
        rs.getString(13),
        rs.getInt(14),
        rs.getString(15),
        noDuplicate ? null : duplicateOf,
        noReplay ? null : replayOf,
        rs.getString(18),
        decided == null ? null : instant(decided));
  }

  private static Array varchars(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("varchar", values.toArray(String[]::new));
  }

  /** UTC, to the microsecond, as both engines cast text to TIMESTAMP. */
  static String timestampText(Instant at) {
    return TIMESTAMP_TEXT.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  private static final java.time.format.DateTimeFormatter TIMESTAMP_TEXT =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  static Instant instant(Timestamp t) {
    return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
