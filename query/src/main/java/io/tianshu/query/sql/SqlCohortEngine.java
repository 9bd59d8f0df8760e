package io.tianshu.query.sql;

import io.tianshu.core.error.TianshuException;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.QueryErrors;
import io.tianshu.store.CdrStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs cohort definitions over the whole CDR as SQL (DuckDB or PostgreSQL, the same text for both),
 * with every value from the definition bound as a parameter. The population-scale counterpart of
 * {@code io.tianshu.query.memory.MemoryEvaluator}.
 */
public final class SqlCohortEngine {

  private final CdrStore store;

  public SqlCohortEngine(CdrStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The cohort's size and its attrition table. */
  public CohortCount count(CohortDefinition definition) {
    long started = System.nanoTime();
    CompiledCohort compiled =
        CohortSqlCompiler.compile(definition, CohortSqlCompiler.Output.ATTRITION);
    List<Long> steps =
        run(
            compiled,
            rs -> {
              List<Long> out = new ArrayList<>();
              while (rs.next()) {
                out.add(rs.getLong(2));
              }
              return out;
            });
    List<RuleAttrition> attrition = new ArrayList<>();
    for (int k = 1; k < steps.size(); k++) {
      attrition.add(new RuleAttrition(definition.rules().get(k - 1).name(), steps.get(k)));
    }
    long elapsed = (System.nanoTime() - started) / 1_000_000;
    return new CohortCount(steps.get(steps.size() - 1), attrition, elapsed, steps.get(0));
  }

  /** The cohort's members, ordered by patient id, each with its earliest qualifying index time. */
  public List<CohortMember> members(CohortDefinition definition) {
    return readMembers(CohortSqlCompiler.compile(definition, CohortSqlCompiler.Output.MEMBERS));
  }

  private List<CohortMember> readMembers(CompiledCohort compiled) {
    return run(
        compiled,
        rs -> {
          List<CohortMember> out = new ArrayList<>();
          while (rs.next()) {
            // As LocalDateTime, never via java.sql.Timestamp: that round trip goes through the
            // JVM's
            // time zone and shifts wall-clock times that fall in a daylight-saving gap.
            out.add(new CohortMember(rs.getString(1), rs.getObject(2, LocalDateTime.class)));
          }
          return out;
        });
  }

  /**
   * One page of the cohort's members, in the order of {@link #members(CohortDefinition)}.
   *
   * @param offset members to skip
   * @param limit most members to return
   */
  public List<CohortMember> members(CohortDefinition definition, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
    CompiledCohort compiled =
        CohortSqlCompiler.compile(definition, CohortSqlCompiler.Output.MEMBERS);
    List<Object> params = new ArrayList<>(compiled.params());
    params.add(limit);
    params.add(offset);
    return readMembers(new CompiledCohort(compiled.sql() + "\nLIMIT ? OFFSET ?", params));
  }

  /** The members by sex and by age band at their earliest qualifying index time. */
  public CohortDemographics demographics(CohortDefinition definition) {
    CompiledCohort compiled =
        CohortSqlCompiler.compile(definition, CohortSqlCompiler.Output.DEMOGRAPHICS);
    return run(
        compiled,
        rs -> {
          CohortDemographics.Builder out = new CohortDemographics.Builder();
          while (rs.next()) {
            int age = rs.getInt(2);
            out.add(rs.getString(1), rs.wasNull() ? null : age, rs.getLong(3));
          }
          return out.build();
        });
  }

  /** The SQL that {@link #members} runs, with {@code ?} where values are bound. */
  public String explain(CohortDefinition definition) {
    return CohortSqlCompiler.compile(definition, CohortSqlCompiler.Output.MEMBERS).sql();
  }

  private <T> T run(CompiledCohort compiled, RowReader<T> reader) {
    try {
      return store.inTransaction(
          connection -> {
            try (PreparedStatement statement = prepare(connection, compiled);
                ResultSet rs = statement.executeQuery()) {
              return reader.read(rs);
            }
          });
    } catch (TianshuException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TianshuException(
          QueryErrors.QUERY_FAILED, "cohort query failed: " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection connection, CompiledCohort compiled)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(compiled.sql());
    try {
      for (int p = 0; p < compiled.params().size(); p++) {
        statement.setObject(p + 1, compiled.params().get(p));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  /** Reads a result set; may throw SQLException like any JDBC work. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }
}
