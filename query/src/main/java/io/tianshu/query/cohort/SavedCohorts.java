package io.tianshu.query.cohort;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.CohortLibrary;
import io.tianshu.query.criteria.CriteriaException;
import io.tianshu.store.CdrStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Saved cohort definitions with versions, in the CDR database (table {@code saved_cohort}). Saving
 * never changes a version: an edit adds the next one. Also the {@link CohortLibrary} that resolves
 * {@code {"type": "cohort"}} references.
 */
public final class SavedCohorts implements CohortLibrary {

  private static final String COLUMNS =
      "cohort_id, version, name, description, definition_json, created_by, created_at";

  private static final SecureRandom IDS = new SecureRandom();

  private final CdrStore store;
  private final Clock clock;

  public SavedCohorts(CdrStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Saves a definition as a new cohort ({@code id} null) or as the next version of an existing one.
   * The definition must parse, with its references resolved, and must not refer to its own cohort.
   *
   * @throws CriteriaException when the definition is invalid
   * @throws TianshuException ({@code NOT_FOUND}) when {@code id} names no saved cohort
   */
  public SavedCohort save(
      String id, String name, String description, String definitionJson, String user) {
    String cohortId = id == null ? newId() : id;
    CohortLibrary others =
        (ref, version) -> {
          if (ref.equals(cohortId)) {
            return Optional.empty();
          }
          return find(ref, version);
        };
    CohortDefinition definition;
    try {
      definition = CohortDefinition.parse(definitionJson, others);
    } catch (CriteriaException e) {
      if (e.reason().endsWith("saved cohort '" + cohortId + "'")) {
        throw new CriteriaException(e.pointer(), "a cohort cannot refer to itself");
      }
      throw e;
    }
    String shownName = name == null || name.isBlank() ? definition.name() : name.strip();
    LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
    return store.inTransaction(
        c -> {
          int next = 1;
          if (id != null) {
            int latest = latestVersion(c, id);
            if (latest == 0) {
              throw new TianshuException(ErrorCode.NOT_FOUND, "No saved cohort " + id + ".");
            }
            next = latest + 1;
          }
          SavedCohort saved =
              new SavedCohort(
                  cohortId,
                  next,
                  shownName.isEmpty() ? cohortId : shownName,
                  description == null || description.isBlank() ? null : description.strip(),
                  definitionJson,
                  user,
                  now);
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO saved_cohort (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, saved.id());
            s.setInt(2, saved.version());
            s.setString(3, saved.name());
            s.setString(4, saved.description());
            s.setString(5, saved.definitionJson());
            s.setString(6, saved.createdBy());
            s.setObject(7, saved.createdAt());
            s.executeUpdate();
          }
          return saved;
        });
  }

  /** The latest version of every saved cohort, most recently saved first. */
  public List<SavedCohort> list() {
    return store.inTransaction(
        c ->
            query(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM saved_cohort s WHERE s.version = (SELECT MAX(m.version)"
                    + " FROM saved_cohort m WHERE m.cohort_id = s.cohort_id)"
                    + " ORDER BY s.created_at DESC, s.cohort_id"));
  }

  /** Every version of one cohort, oldest first; empty when there is no such cohort. */
  public List<SavedCohort> versions(String id) {
    return store.inTransaction(
        c ->
            query(
                c,
                "SELECT " + COLUMNS + " FROM saved_cohort WHERE cohort_id = ? ORDER BY version",
                id));
  }

  /** One version, or the latest when {@code version} is null. */
  public Optional<SavedCohort> get(String id, Integer version) {
    List<SavedCohort> all = versions(id);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    if (version == null) {
      return Optional.of(all.get(all.size() - 1));
    }
    return all.stream().filter(s -> s.version() == version).findFirst();
  }

  /** The saved definition, parsed with its references resolved. */
  public CohortDefinition definition(SavedCohort saved) {
    return CohortDefinition.parse(saved.definitionJson(), this);
  }

  @Override
  public Optional<Saved> find(String id, Integer version) {
    return get(id, version).map(s -> new Saved(s.version(), s.definitionJson()));
  }

  private static int latestVersion(Connection c, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT MAX(version) FROM saved_cohort WHERE cohort_id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private static List<SavedCohort> query(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int p = 0; p < params.length; p++) {
        s.setObject(p + 1, params[p]);
      }
      List<SavedCohort> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new SavedCohort(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getObject(7, LocalDateTime.class)));
        }
      }
      return out;
    }
  }

  private static String newId() {
    byte[] bytes = new byte[5];
    IDS.nextBytes(bytes);
    return "coh-" + HexFormat.of().formatHex(bytes);
  }
}
