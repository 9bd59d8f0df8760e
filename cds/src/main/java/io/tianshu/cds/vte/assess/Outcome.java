package io.tianshu.cds.vte.assess;

import java.util.ArrayList;
import java.util.List;

/**
 * What a condition answered: present with its evidence, absent, or unknown with the reason (the
 * data it needs are missing).
 */
public record Outcome(Status status, List<Evidence> evidence, String reason) {

  public enum Status {
    PRESENT,
    ABSENT,
    UNKNOWN
  }

  static final Outcome ABSENT = new Outcome(Status.ABSENT, List.of(), null);

  public Outcome {
    evidence = List.copyOf(evidence);
  }

  static Outcome present(List<Evidence> evidence) {
    return new Outcome(Status.PRESENT, evidence, null);
  }

  static Outcome present(Evidence evidence) {
    return new Outcome(Status.PRESENT, List.of(evidence), null);
  }

  static Outcome unknown(String reason) {
    return new Outcome(Status.UNKNOWN, List.of(), reason);
  }

  public boolean isPresent() {
    return status == Status.PRESENT;
  }

  public boolean isUnknown() {
    return status == Status.UNKNOWN;
  }

  /** Present if any is; else unknown if any is (reasons joined); else absent. */
  static Outcome any(List<Outcome> outcomes) {
    List<Evidence> ev = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.isPresent()) {
        ev.addAll(o.evidence);
      } else if (o.isUnknown()) {
        reasons.add(o.reason);
      }
    }
    if (!ev.isEmpty()) {
      return present(ev);
    }
    return reasons.isEmpty() ? ABSENT : unknown(String.join("; ", reasons));
  }

  /** Absent if any is; else unknown if any is; else present with all evidence. */
  static Outcome all(List<Outcome> outcomes) {
    List<Evidence> ev = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.status == Status.ABSENT) {
        return ABSENT;
      }
      if (o.isUnknown()) {
        reasons.add(o.reason);
      } else {
        ev.addAll(o.evidence);
      }
    }
    return reasons.isEmpty() ? present(ev) : unknown(String.join("; ", reasons));
  }
}
