package io.tianshu.query.sql;

import io.tianshu.query.criteria.CodePattern;
import io.tianshu.query.criteria.CodeSet;
import io.tianshu.query.criteria.CohortReference;
import io.tianshu.query.criteria.CriterionVisitor;
import io.tianshu.query.criteria.Demographics;
import io.tianshu.query.criteria.DiagnosisCriterion;
import io.tianshu.query.criteria.DocumentCriterion;
import io.tianshu.query.criteria.DrugCriterion;
import io.tianshu.query.criteria.EncounterCriterion;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.Group;
import io.tianshu.query.criteria.LabCriterion;
import io.tianshu.query.criteria.NoteFactCriterion;
import io.tianshu.query.criteria.OperationCriterion;
import io.tianshu.query.criteria.ValueRange;
import io.tianshu.query.criteria.VitalCriterion;
import java.util.List;

/**
 * One small SQL builder per criteria domain: each writes a sub-select of the facts that satisfy an
 * event criterion's own fields, in the same shape for every domain ({@code patient_key,
 * encounter_id, fact_id, event_at, code_key}), so windows, encounter binding and counts are
 * compiled once for all of them. Keep each builder in step with {@code
 * io.tianshu.query.memory.FactFinder}.
 */
final class FactSources implements CriterionVisitor<Void> {

  private static final String HOURS = " * INTERVAL '1 hour'";

  private final SqlText out;
  private final boolean withCodeKey;
  private final boolean localBranch;
  private boolean whereWritten;
  private boolean codesWritten;

  private FactSources(SqlText out, boolean withCodeKey, boolean localBranch) {
    this.out = out;
    this.withCodeKey = withCodeKey;
    this.localBranch = localBranch;
  }

  /**
   * Writes the sub-select for {@code criterion} (without surrounding parentheses).
   *
   * @param withCodeKey whether to add the {@code code_key} column, needed only to count distinct
   *     codes
   */
  static void write(EventCriterion criterion, boolean withCodeKey, SqlText out) {
    FactSources standard = new FactSources(out, withCodeKey, false);
    criterion.accept(standard);
    if (standard.codesWritten) {
      // Facts found by their local code only, in a branch of their own: each branch's code test is
      // then a plain conjunct DuckDB pushes into the table scan, where an OR across the standard
      // and
      // local columns ran as a filter over the whole scan (1.22x -> 1.06x the best hand-written SQL
      // at 1M patients, docs/benchmarks.md). A fact matching by its standard code never enters the
      // local branch, so nothing is counted twice.
      out.line("UNION ALL").line();
      criterion.accept(new FactSources(out, withCodeKey, true));
    }
  }

  @Override
  public Void demographics(Demographics c) {
    throw new IllegalArgumentException("demographics are not dated facts");
  }

  @Override
  public Void group(Group c) {
    throw new IllegalArgumentException("a group is not a dated fact");
  }

  @Override
  public Void diagnosis(DiagnosisCriterion c) {
    select("d", "d.encounter_id", "d.diagnosed_at", codeKey("d"));
    out.line("FROM diagnosis d");
    and();
    codeSet("d", c.codes());
    if (!c.kinds().isEmpty()) {
      and().in("d.kind", c.kinds());
    }
    if (c.mainOnly()) {
      and().sql("d.is_main");
    }
    return null;
  }

  @Override
  public Void operation(OperationCriterion c) {
    select("o", "o.encounter_id", "o.started_at", codeKey("o"));
    out.line("FROM operation o");
    and();
    codeSet("o", c.codes());
    return null;
  }

  @Override
  public Void drug(DrugCriterion c) {
    if (c.source().orders()) {
      select("m", "m.encounter_id", "m.start_at", codeKey("m"));
      out.line("FROM medication_order m");
      and();
      codeSet("m", c.codes());
    }
    if (c.source() == DrugCriterion.Source.BOTH) {
      out.line("UNION ALL").line();
    }
    if (c.source().administrations()) {
      select("a", "a.encounter_id", "a.administered_at", codeKey("a"));
      out.line("FROM medication_administration a");
      and();
      codeSet("a", c.codes());
    }
    return null;
  }

  @Override
  public Void lab(LabCriterion c) {
    select("l", "l.encounter_id", "l.collected_at", codeKey("l"));
    out.line("FROM lab_result l");
    and();
    codeSet("l", c.codes());
    valueRange("l.numeric_value", "l.unit", c.value());
    if (!c.flags().isEmpty()) {
      and().in("l.flag", c.flags());
    }
    return null;
  }

  @Override
  public Void vital(VitalCriterion c) {
    select("v", "v.encounter_id", "v.measured_at", "v.vital_type");
    out.line("FROM vital_sign v");
    and().in("v.vital_type", c.types());
    valueRange("v.measured_value", "v.unit", c.value());
    return null;
  }

  @Override
  public Void encounter(EncounterCriterion c) {
    select("e", "e.id", "e.admitted_at", "CAST(NULL AS VARCHAR)");
    out.line("FROM encounter e");
    if (!c.types().isEmpty()) {
      and().in("e.encounter_type", c.types());
    }
    if (!c.departments().isEmpty()) {
      and().in("e.department", c.departments());
    }
    if (c.hasStayBounds()) {
      // An open encounter has no length of stay, so it fails every bound
      // (docs/criteria-language.md).
      and().sql("e.discharged_at IS NOT NULL");
    }
    if (c.minStayHours() != null) {
      and().sql("e.discharged_at >= e.admitted_at + ").intParam(c.minStayHours()).sql(HOURS);
    }
    if (c.maxStayHours() != null) {
      and().sql("e.discharged_at <= e.admitted_at + ").intParam(c.maxStayHours()).sql(HOURS);
    }
    return null;
  }

  @Override
  public Void document(DocumentCriterion c) {
    select("c", "c.encounter_id", "c.created_at", "CAST(NULL AS VARCHAR)");
    out.line("FROM clinical_document c");
    if (!c.types().isEmpty()) {
      and().in("c.document_type", c.types());
    }
    DocumentCriterion.Timeliness t = c.timeliness();
    if (t == null) {
      return null;
    }
    String comparison = t.status() == DocumentCriterion.Timeliness.Status.LATE ? " > " : " <= ";
    if (t.from() == DocumentCriterion.Timeliness.Reference.EVENT) {
      and().sql("c.event_at IS NOT NULL");
      and()
          .sql("c.created_at" + comparison + "c.event_at + ")
          .intParam(t.deadlineHours())
          .sql(HOURS);
      return null;
    }
    // EXISTS rather than a join, so a document is never counted twice.
    and().sql("EXISTS (").indent();
    out.line("SELECT 1 FROM encounter e");
    out.line("WHERE e.patient_key = c.patient_key AND e.id = c.encounter_id");
    out.line("AND c.created_at" + comparison + "e.admitted_at + ")
        .intParam(t.deadlineHours())
        .sql(HOURS);
    out.outdent().line(")");
    return null;
  }

  @Override
  public Void noteFact(NoteFactCriterion c) {
    select("n", "n.encounter_id", "n.documented_at", "n.concept");
    out.line("FROM note_fact n");
    and().sql("(");
    boolean first = true;
    if (!c.concepts().isEmpty()) {
      out.in("n.concept", c.concepts());
      first = false;
    }
    for (String text : c.texts()) {
      // strpos rather than LIKE: a % or _ the user typed stays a literal character.
      out.sql(first ? "" : " OR ").sql("strpos(n.surface, ").param(text).sql(") > 0");
      first = false;
    }
    out.sql(")");
    if (!c.factTypes().isEmpty()) {
      and().in("n.fact_type", c.factTypes());
    }
    if (!c.sections().isEmpty()) {
      and().in("n.section", c.sections());
    }
    flag(
        "n.negated",
        c.assertion() == NoteFactCriterion.Assertion.ANY,
        c.assertion() == NoteFactCriterion.Assertion.NEGATED);
    flag(
        "n.historical",
        c.temporality() == NoteFactCriterion.Temporality.ANY,
        c.temporality() == NoteFactCriterion.Temporality.HISTORICAL);
    flag(
        "n.family",
        c.experiencer() == NoteFactCriterion.Experiencer.ANY,
        c.experiencer() == NoteFactCriterion.Experiencer.FAMILY);
    flag(
        "n.uncertain",
        c.certainty() == NoteFactCriterion.Certainty.ANY,
        c.certainty() == NoteFactCriterion.Certainty.UNCERTAIN);
    return null;
  }

  @Override
  public Void cohort(CohortReference c) {
    throw new IllegalArgumentException("a saved-cohort reference is not a dated fact");
  }

  private void flag(String column, boolean any, boolean wanted) {
    if (!any) {
      and().sql(wanted ? column : "NOT " + column);
    }
  }

  private void select(String alias, String encounter, String time, String codeKey) {
    whereWritten = false;
    out.sql("SELECT " + alias + ".patient_key, " + encounter + " AS encounter_id, ");
    out.sql(alias + ".id AS fact_id, " + time + " AS event_at");
    if (withCodeKey) {
      out.sql(", " + codeKey + " AS code_key");
    }
  }

  /** Starts the next condition of the current sub-select: WHERE for the first, AND after it. */
  private SqlText and() {
    out.line(whereWritten ? "AND " : "WHERE ");
    whereWritten = true;
    return out;
  }

  /** The standard code where mapped, else the local one, as {@code system:code}. */
  private static String codeKey(String a) {
    return "CASE WHEN "
        + a
        + ".std_code IS NOT NULL THEN "
        + a
        + ".std_system || ':' || "
        + a
        + ".std_code ELSE "
        + a
        + ".local_system || ':' || "
        + a
        + ".local_code END";
  }

  /**
   * A code set: in the standard branch over the standard code, in the local branch over the local
   * code of facts whose standard code does not match (see {@link #write}). Exclusions test both
   * columns; the IS NOT NULL guards there keep a missing standard code FALSE rather than NULL,
   * which matters under NOT.
   */
  private void codeSet(String a, CodeSet codes) {
    codesWritten = true;
    if (!localBranch) {
      out.sql(a + ".std_system = ").param(codes.system()).sql(" AND ");
      patterns(a + ".std_code", codes.include());
    } else {
      out.sql(a + ".local_system = ").param(codes.system()).sql(" AND ");
      patterns(a + ".local_code", codes.include());
      and().sql("NOT COALESCE(" + a + ".std_system = ").param(codes.system()).sql(" AND ");
      patterns(a + ".std_code", codes.include());
      out.sql(", FALSE)");
    }
    if (!codes.exclude().isEmpty()) {
      and().sql("NOT (");
      codeMatch(a, codes.system(), codes.exclude());
      out.sql(")");
    }
  }

  private void codeMatch(String a, String system, List<CodePattern> patterns) {
    out.sql("(" + a + ".std_code IS NOT NULL AND " + a + ".std_system = ").param(system);
    out.sql(" AND ");
    patterns(a + ".std_code", patterns);
    out.sql(")");
    out.sql(" OR (" + a + ".local_system = ").param(system).sql(" AND ");
    patterns(a + ".local_code", patterns);
    out.sql(")");
  }

  private void patterns(String column, List<CodePattern> patterns) {
    List<String> exact =
        patterns.stream().filter(p -> !p.isHierarchy()).map(CodePattern::text).toList();
    out.sql("(");
    boolean first = true;
    if (!exact.isEmpty()) {
      out.in(column, exact);
      first = false;
    }
    for (CodePattern p : patterns) {
      if (!p.isHierarchy()) {
        continue;
      }
      if (!first) {
        out.sql(" OR ");
      }
      out.sql("starts_with(" + column + ", ").param(p.prefix()).sql(")");
      if (p.parent() != null) {
        out.sql(" OR " + column + " = ").param(p.parent());
      }
      first = false;
    }
    out.sql(")");
  }

  private void valueRange(String value, String unit, ValueRange range) {
    if (range == null) {
      return;
    }
    and().sql(value + " IS NOT NULL");
    if (range.min() != null) {
      and().sql(value + " >= ").param(range.min());
    }
    if (range.max() != null) {
      and().sql(value + " <= ").param(range.max());
    }
    if (range.unit() != null) {
      and().sql(unit + " = ").param(range.unit());
    }
  }
}
