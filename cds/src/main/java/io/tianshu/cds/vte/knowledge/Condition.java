package io.tianshu.cds.vte.knowledge;

import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.VitalType;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A test over one patient's facts at an assessment time, as written in {@code findings.yaml}. The
 * grammar is documented in {@code docs/knowledge/vte.md}; the evaluator gives each condition one of
 * three answers: present (with evidence), absent, or unknown for lack of data.
 */
public sealed interface Condition {

  /** Which encounters a fact may come from. */
  enum Scope {
    /** Any encounter, up to the assessment time. */
    ANY,
    /** The encounter being assessed. */
    CURRENT,
    /** Earlier encounters only (facts before the current admission). */
    PREVIOUS
  }

  /** How a note mention's "history" flag is treated. */
  enum Historical {
    ANY,
    ONLY,
    EXCLUDE
  }

  /** What a measurement-based condition answers when there is no measurement. */
  enum Missing {
    UNKNOWN,
    ABSENT
  }

  record AnyOf(List<Condition> conditions) implements Condition {
    public AnyOf {
      conditions = List.copyOf(conditions);
    }
  }

  record AllOf(List<Condition> conditions) implements Condition {
    public AllOf {
      conditions = List.copyOf(conditions);
    }
  }

  record Not(Condition condition) implements Condition {}

  record FindingRef(String findingId) implements Condition {}

  record Age(Integer min, Integer max) implements Condition {}

  record SexIs(Sex sex) implements Condition {}

  record Bmi(Comparison comparison) implements Condition {}

  record DiagnosisCodes(CodeSet codes, Duration within, Scope scope) implements Condition {}

  record OperationDone(
      CodeSet codes,
      List<String> names,
      CodeSet excludeCodes,
      Integer minMinutes,
      Integer maxMinutes,
      List<String> anaesthesia,
      Duration within,
      Scope scope)
      implements Condition {
    public OperationDone {
      names = List.copyOf(names);
      anaesthesia = List.copyOf(anaesthesia);
    }
  }

  record Lab(
      CodeSet codes,
      Comparison comparison,
      Set<AbnormalFlag> flags,
      Duration within,
      Missing missing)
      implements Condition {
    public Lab {
      flags = Set.copyOf(flags);
    }
  }

  record Egfr(Comparison comparison, Duration within) implements Condition {}

  record Vital(VitalType type, Comparison comparison, Duration within) implements Condition {}

  record Drug(Set<String> classes, boolean active, Integer activeForHours, Duration within)
      implements Condition {
    public Drug {
      classes = Set.copyOf(classes);
    }
  }

  record Icu() implements Condition {}

  /**
   * A note-fact test. {@code codedOnly}: only facts read from a coded fact's display text (timed by
   * that fact), for items whose time limit runs from an event a note's date does not give.
   */
  record Note(
      Set<String> concepts,
      Historical historical,
      boolean family,
      Duration within,
      Scope scope,
      boolean codedOnly)
      implements Condition {
    public Note {
      concepts = Set.copyOf(concepts);
    }
  }

  /**
   * A fact only a clinician can state (e.g. a planned lumbar puncture); answered through the API.
   */
  record Planned(String question) implements Condition {}
}
