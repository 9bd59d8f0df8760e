package io.tianshu.query.criteria;

import io.tianshu.core.record.DiagnosisKind;
import java.util.List;
import java.util.Objects;

/**
 * Diagnoses by code set; the fact time is {@code diagnosedAt}.
 *
 * @param codes the diagnosis codes (ICD-10 by default)
 * @param kinds accepted kinds (admission, discharge, outpatient); empty for any
 * @param mainOnly whether only the main diagnosis of its encounter qualifies
 * @param scope relation to the index event
 */
public record DiagnosisCriterion(
    CodeSet codes, List<DiagnosisKind> kinds, boolean mainOnly, EventScope scope)
    implements EventCriterion {

  public DiagnosisCriterion {
    Objects.requireNonNull(codes, "codes");
    kinds = List.copyOf(kinds);
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.diagnosis(this);
  }

  @Override
  public String domain() {
    return "diagnosis";
  }
}
