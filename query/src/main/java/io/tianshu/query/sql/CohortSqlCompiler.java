package io.tianshu.query.sql;

import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.CohortReference;
import io.tianshu.query.criteria.Count;
import io.tianshu.query.criteria.Criterion;
import io.tianshu.query.criteria.CriterionVisitor;
import io.tianshu.query.criteria.Demographics;
import io.tianshu.query.criteria.DiagnosisCriterion;
import io.tianshu.query.criteria.DocumentCriterion;
import io.tianshu.query.criteria.DrugCriterion;
import io.tianshu.query.criteria.EncounterCriterion;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.EventScope;
import io.tianshu.query.criteria.Group;
import io.tianshu.query.criteria.InclusionRule;
import io.tianshu.query.criteria.IndexEvent;
import io.tianshu.query.criteria.LabCriterion;
import io.tianshu.query.criteria.NoteFactCriterion;
import io.tianshu.query.criteria.OperationCriterion;
import io.tianshu.query.criteria.VitalCriterion;
import io.tianshu.query.criteria.Window;
import java.util.List;

/**
 * Compiles a cohort definition to one SQL statement, valid on DuckDB and PostgreSQL alike, as a
 * chain of common table expressions a reader can follow: {@code index_event} (every fact of the
 * index criterion), {@code index_candidate} (the first ones, or all), then {@code rule_1 ...
 * rule_n}, each keeping the index events of the previous step that pass one inclusion rule.
 */
final class CohortSqlCompiler {

  private static final String HOURS = " * INTERVAL '1 hour'";

  /** What the statement returns. */
  enum Output {
    /** {@code patient_id, index_at}: each member once, with its earliest qualifying index time. */
    MEMBERS,
    /**
     * {@code step, remaining}: step 0 is the index event, step k the patients left after rule k.
     */
    ATTRITION,
    /** {@code patient_key}: each member once, for saved-cohort references. */
    KEYS,
    /**
     * {@code sex, age, patients}: members by sex and completed years of age at their earliest
     * qualifying index time.
     */
    DEMOGRAPHICS
  }

  private int aliases;

  static CompiledCohort compile(CohortDefinition definition, Output output) {
    return new CohortSqlCompiler().build(definition, output);
  }

  private CompiledCohort build(CohortDefinition definition, Output output) {
    SqlText sql = new SqlText();
    write(definition, output, sql);
    return new CompiledCohort(sql.text(), sql.params());
  }

  private void write(CohortDefinition definition, Output output, SqlText sql) {
    sql.sql("WITH index_event AS (").indent();
    sql.line("SELECT f.patient_key, p.id AS patient_id, f.encounter_id, f.fact_id,");
    sql.sql(" f.event_at AS index_at, p.birth_date, p.sex");
    sql.line("FROM (").indent().line();
    FactSources.write(definition.index().criterion(), false, sql);
    sql.outdent().line(") f");
    sql.line("JOIN patient p ON p.patient_key = f.patient_key");
    sql.outdent().line("),");
    sql.line("index_candidate AS (").indent();
    sql.line("SELECT e.* FROM index_event e");
    if (definition.index().occurrence() == IndexEvent.Occurrence.FIRST) {
      // All facts tied at the earliest time stay candidates (docs/criteria-language.md, "Ties").
      sql.line("WHERE e.index_at = (");
      sql.sql("SELECT MIN(m.index_at) FROM index_event m WHERE m.patient_key = e.patient_key)");
    }
    sql.outdent().line(")");
    String previous = "index_candidate";
    List<InclusionRule> rules = definition.rules();
    for (int k = 1; k <= rules.size(); k++) {
      String step = "rule_" + k;
      sql.sql(",").line(step + " AS (").indent();
      sql.line("SELECT i.* FROM " + previous + " i");
      sql.line("WHERE ");
      condition(rules.get(k - 1).criterion(), sql);
      sql.outdent().line(")");
      previous = step;
    }
    if (output == Output.MEMBERS) {
      sql.line("SELECT c.patient_id, MIN(c.index_at) AS index_at");
      sql.line("FROM " + previous + " c");
      sql.line("GROUP BY c.patient_key, c.patient_id");
      sql.line("ORDER BY c.patient_id");
    } else if (output == Output.KEYS) {
      sql.sql("SELECT DISTINCT c.patient_key FROM " + previous + " c");
    } else if (output == Output.DEMOGRAPHICS) {
      sql.line("SELECT i.sex, " + age() + " AS age, COUNT(*) AS patients");
      sql.line("FROM (").indent();
      sql.line("SELECT c.patient_key, MIN(c.index_at) AS index_at,");
      sql.sql(" MIN(c.birth_date) AS birth_date, MIN(c.sex) AS sex");
      sql.line("FROM " + previous + " c GROUP BY c.patient_key");
      sql.outdent().line(") i");
      sql.line("GROUP BY 1, 2");
    } else {
      sql.line("SELECT 0 AS step, COUNT(DISTINCT patient_key) AS remaining FROM index_candidate");
      for (int k = 1; k <= rules.size(); k++) {
        sql.line("UNION ALL SELECT " + k + ", COUNT(DISTINCT patient_key) FROM rule_" + k);
      }
      sql.line("ORDER BY step");
    }
  }

  /** Writes a boolean condition on the index row {@code i}. */
  private void condition(Criterion criterion, SqlText sql) {
    criterion.accept(new Condition(sql));
  }

  private final class Condition implements CriterionVisitor<Void> {
    private final SqlText sql;

    Condition(SqlText sql) {
      this.sql = sql;
    }

    @Override
    public Void demographics(Demographics c) {
      sql.sql("(").indent();
      String and = "";
      if (c.minAge() != null) {
        sql.line(and).sql(age()).sql(" >= ").param(c.minAge());
        and = "AND ";
      }
      if (c.maxAge() != null) {
        sql.line(and).sql(age()).sql(" <= ").param(c.maxAge());
        and = "AND ";
      }
      if (!c.sex().isEmpty()) {
        sql.line(and).in("i.sex", c.sex());
      }
      sql.outdent().line(")");
      return null;
    }

    @Override
    public Void group(Group c) {
      switch (c.match()) {
        case ALL -> members(c, " AND ");
        case ANY -> members(c, " OR ");
        case NONE -> {
          sql.sql("NOT ");
          members(c, " OR ");
        }
        case AT_LEAST -> {
          sql.sql("(").indent();
          for (int m = 0; m < c.criteria().size(); m++) {
            sql.line(m == 0 ? "" : "+ ").sql("(CASE WHEN ");
            condition(c.criteria().get(m), sql);
            sql.sql(" THEN 1 ELSE 0 END)");
          }
          sql.outdent().line(") >= ").param(c.n());
        }
        default -> throw new IllegalStateException(c.match().name());
      }
      return null;
    }

    private void members(Group c, String operator) {
      sql.sql("(").indent();
      for (int m = 0; m < c.criteria().size(); m++) {
        sql.line(m == 0 ? "" : operator.trim() + " ");
        condition(c.criteria().get(m), sql);
      }
      sql.outdent().line(")");
    }

    @Override
    public Void diagnosis(DiagnosisCriterion c) {
      return event(c);
    }

    @Override
    public Void operation(OperationCriterion c) {
      return event(c);
    }

    @Override
    public Void drug(DrugCriterion c) {
      return event(c);
    }

    @Override
    public Void lab(LabCriterion c) {
      return event(c);
    }

    @Override
    public Void vital(VitalCriterion c) {
      return event(c);
    }

    @Override
    public Void encounter(EncounterCriterion c) {
      return event(c);
    }

    @Override
    public Void document(DocumentCriterion c) {
      return event(c);
    }

    @Override
    public Void noteFact(NoteFactCriterion c) {
      return event(c);
    }

    /**
     * Membership of the referenced cohort: an uncorrelated sub-query (its own chain of CTEs), so
     * the engine computes the referenced cohort once, not per index row.
     */
    @Override
    public Void cohort(CohortReference c) {
      sql.sql("i.patient_key IN (").indent().line();
      new CohortSqlCompiler().write(c.definition(), Output.KEYS, sql);
      sql.outdent().line(")");
      return null;
    }

    /**
     * A correlated sub-query over the criterion's facts, related to the index row: EXISTS for the
     * common "at least one", a count comparison otherwise (which also covers "at most 0").
     */
    private Void event(EventCriterion c) {
      EventScope scope = c.scope();
      String f = "f" + (++aliases);
      Count count = scope.count();
      boolean exists =
          count.comparison() == Count.Comparison.AT_LEAST
              && count.n() == 1
              && count.distinct() == Count.Distinct.FACT;
      sql.sql(exists ? "EXISTS (" : "(").indent();
      sql.line(exists ? "SELECT 1" : "SELECT COUNT(" + counted(count.distinct(), f) + ")");
      sql.line("FROM (").indent().line();
      FactSources.write(c, count.distinct() == Count.Distinct.CODE, sql);
      sql.outdent().line(") " + f);
      sql.line("WHERE " + f + ".patient_key = i.patient_key");
      Window window = scope.window();
      if (window != null && window.startHours() != null) {
        sql.line("AND " + f + ".event_at >= i.index_at + ")
            .intParam(window.startHours())
            .sql(HOURS);
      }
      if (window != null && window.endHours() != null) {
        sql.line("AND " + f + ".event_at <= i.index_at + ").intParam(window.endHours()).sql(HOURS);
      }
      if (scope.sameEncounter()) {
        sql.line("AND " + f + ".encounter_id = i.encounter_id");
      }
      sql.outdent().line(")");
      if (!exists) {
        String op =
            switch (count.comparison()) {
              case AT_LEAST -> " >= ";
              case AT_MOST -> " <= ";
              case EXACTLY -> " = ";
            };
        sql.sql(op).param(count.n());
      }
      return null;
    }
  }

  private static String counted(Count.Distinct distinct, String f) {
    return switch (distinct) {
      case FACT -> "*";
      case DAY -> "DISTINCT CAST(" + f + ".event_at AS DATE)";
      case ENCOUNTER -> "DISTINCT " + f + ".encounter_id";
      case CODE -> "DISTINCT " + f + ".code_key";
    };
  }

  /**
   * Completed years at the index date: the year difference, minus one before the birthday in the
   * index year. Written out because DuckDB's date_diff('year') counts year boundaries, not
   * birthdays.
   */
  private static String age() {
    return "(EXTRACT(YEAR FROM i.index_at) - EXTRACT(YEAR FROM i.birth_date)"
        + " - CASE WHEN EXTRACT(MONTH FROM i.index_at) * 100 + EXTRACT(DAY FROM i.index_at)"
        + " < EXTRACT(MONTH FROM i.birth_date) * 100 + EXTRACT(DAY FROM i.birth_date)"
        + " THEN 1 ELSE 0 END)";
  }
}
