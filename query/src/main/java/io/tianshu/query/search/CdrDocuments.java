package io.tianshu.query.search;

import io.tianshu.store.CdrStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the CDR's clinical documents with their department, note facts and the patient's
 * identifiers, a slice of patients at a time so that memory stays flat whatever the size of the
 * hospital. Plain SQL that DuckDB and PostgreSQL both run, values bound.
 */
final class CdrDocuments {

  /** Patient keys per slice: two queries each, a few thousand documents in memory at most. */
  private static final int SLICE = 500;

  private static final String DOCUMENTS =
      "SELECT d.id, d.patient_id, d.encounter_id, d.document_type, d.title, d.created_at,"
          + " d.content, e.department, p.name, p.phone, p.address"
          + " FROM clinical_document d"
          + " JOIN patient p ON p.patient_key = d.patient_key"
          + " LEFT JOIN encounter e ON e.patient_key = d.patient_key AND e.id = d.encounter_id"
          + " WHERE d.patient_key >= ? AND d.patient_key < ?"
          + " ORDER BY d.patient_key, d.ord";

  private static final String FACTS =
      "SELECT patient_id, document_id, id, fact_type, concept, surface, start_offset,"
          + " end_offset, negated, uncertain, historical, family"
          + " FROM note_fact WHERE patient_key >= ? AND patient_key < ?"
          + " ORDER BY patient_key, ord";

  private CdrDocuments() {}

  /**
   * What the store holds now, as a stamp that changes with every committed load batch: an index
   * built from an older stamp is stale.
   */
  static String stamp(CdrStore store) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COUNT(*), MAX(committed_at) FROM load_batch");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            LocalDateTime last = rs.getObject(2, LocalDateTime.class);
            return "batches=" + rs.getLong(1) + ";last=" + last;
          }
        });
  }

  /** Hands every document to {@code sink}, patient by patient, in one transaction. */
  static void forEach(CdrStore store, Consumer<SourceDocument> sink) {
    store.inTransaction(
        c -> {
          long[] keys = keyRange(c);
          for (long from = keys[0]; from <= keys[1]; from += SLICE) {
            Map<String, List<MatchedFact>> facts = facts(c, from, from + SLICE);
            documents(c, from, from + SLICE, facts, sink);
          }
          return null;
        });
  }

  private static long[] keyRange(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT MIN(patient_key), MAX(patient_key) FROM clinical_document");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long min = rs.getLong(1);
      if (rs.wasNull()) {
        return new long[] {0, -1};
      }
      return new long[] {min, rs.getLong(2)};
    }
  }

  private static Map<String, List<MatchedFact>> facts(Connection c, long from, long to)
      throws SQLException {
    Map<String, List<MatchedFact>> byDocument = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(FACTS)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setFetchSize(2_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byDocument
              .computeIfAbsent(key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
              .add(
                  new MatchedFact(
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getInt(7),
                      rs.getInt(8),
                      rs.getBoolean(9),
                      rs.getBoolean(10),
                      rs.getBoolean(11),
                      rs.getBoolean(12)));
        }
      }
    }
    return byDocument;
  }

  /** Document ids are the source system's: unique within a patient's record for certain. */
  private static String key(String patientId, String documentId) {
    return patientId + '\u0000' + documentId;
  }

  private static void documents(
      Connection c,
      long from,
      long to,
      Map<String, List<MatchedFact>> facts,
      Consumer<SourceDocument> sink)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DOCUMENTS)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.setFetchSize(200);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          String patientId = rs.getString(2);
          String text = rs.getString(7);
          sink.accept(
              new SourceDocument(
                  id,
                  patientId,
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(8),
                  rs.getObject(6, LocalDateTime.class),
                  text,
                  facts.getOrDefault(key(patientId, id), List.of()),
                  PatientIdentifiers.find(
                      text, rs.getString(9), rs.getString(10), rs.getString(11))));
        }
      }
    }
  }
}
