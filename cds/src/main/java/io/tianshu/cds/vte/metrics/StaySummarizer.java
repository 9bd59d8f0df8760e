package io.tianshu.cds.vte.metrics;

import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.cds.vte.knowledge.CodeSet;
import io.tianshu.cds.vte.store.StoredAssessment;
import io.tianshu.cds.vte.store.VteStay;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.PatientRecord;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sums up one inpatient stay for the VTE-centre metrics: whether risk and bleeding were assessed
 * (documented by a clinician), the highest risk Tianshu found, the prophylaxis given during the
 * stay, whether it was appropriate to the recommendation, and hospital-associated VTE (a DVT or PE
 * diagnosis that was not present on admission).
 */
public final class StaySummarizer {

  /** DVT of the leg and PE (ICD-10): the outcome the VTE indicators count. */
  static final CodeSet VTE = new CodeSet(List.of("I26", "I80.1", "I80.2", "I80.3", "I82.4"));

  private final VteAssessor assessor;
  private final MetricDefinitions definitions;

  public StaySummarizer(VteAssessor assessor, MetricDefinitions definitions) {
    this.assessor = assessor;
    this.definitions = definitions;
  }

  public VteStay summarize(PatientRecord r, Encounter e, List<StoredAssessment> stored) {
    LocalDateTime end = e.dischargedAt() != null ? e.dischargedAt() : LocalDateTime.now();
    Integer age =
        r.patient().birthDate() == null
            ? null
            : Period.between(r.patient().birthDate(), e.admittedAt().toLocalDate()).getYears();
    LocalDateTime risk = documented(r, e, definitions.documentedRisk());
    LocalDateTime bleeding = documented(r, e, definitions.documentedBleeding());
    StoredAssessment worst =
        stored.stream()
            .max(
                Comparator.comparing(StoredAssessment::atRisk)
                    .thenComparingDouble(StoredAssessment::riskScore)
                    .thenComparing(StoredAssessment::assessedAt))
            .orElse(null);
    boolean atRisk = stored.stream().anyMatch(StoredAssessment::atRisk);
    boolean bleedingHigh = stored.stream().anyMatch(StoredAssessment::bleedingHigh);
    VteAssessor.Given given = assessor.prophylaxisGiven(r, e.id(), end);
    String rec = worst == null ? null : worst.recommendation();
    boolean appropriate =
        rec == null
            || switch (rec) {
              case "pharmacological" -> given.pharmacological();
              case "mechanical" -> given.mechanical();
              case "both" -> given.pharmacological() && given.mechanical();
              default -> true;
            };
    Diagnosis haVte = hospitalAssociatedVte(r, e);
    return new VteStay(
        e.id(),
        r.patient().id(),
        e.department(),
        e.admittedAt(),
        e.dischargedAt(),
        age,
        worst != null && worst.surgical(),
        risk,
        bleeding,
        worst == null ? null : worst.riskModel(),
        worst == null ? null : worst.riskBand(),
        atRisk,
        bleedingHigh,
        rec,
        given.pharmacological(),
        given.mechanical(),
        appropriate,
        haVte != null,
        haVte == null ? null : haVte.diagnosedAt());
  }

  /** When a clinician first documented a VTE risk assessment in the stay, or null. */
  public static LocalDateTime documentedRiskAssessment(
      PatientRecord r, Encounter e, List<Pattern> patterns) {
    return documented(r, e, patterns);
  }

  static LocalDateTime documented(PatientRecord r, Encounter e, List<Pattern> patterns) {
    LocalDateTime first = null;
    for (ClinicalDocument d : r.documents()) {
      if (!d.encounterId().equals(e.id()) || d.text() == null) {
        continue;
      }
      for (Pattern p : patterns) {
        if (p.matcher(d.text()).find()) {
          if (first == null || d.createdAt().isBefore(first)) {
            first = d.createdAt();
          }
          break;
        }
      }
    }
    return first;
  }

  /** A DVT/PE diagnosis of the stay not present among its admission diagnoses. */
  static Diagnosis hospitalAssociatedVte(PatientRecord r, Encounter e) {
    boolean onAdmission =
        r.diagnoses().stream()
            .anyMatch(
                d ->
                    d.encounterId().equals(e.id())
                        && d.kind() == DiagnosisKind.ADMISSION
                        && isVte(d));
    if (onAdmission) {
      return null;
    }
    return r.diagnoses().stream()
        .filter(d -> d.encounterId().equals(e.id()) && d.kind() != DiagnosisKind.ADMISSION)
        .filter(StaySummarizer::isVte)
        .min(Comparator.comparing(Diagnosis::diagnosedAt))
        .orElse(null);
  }

  private static boolean isVte(Diagnosis d) {
    return (d.code().standard() != null && VTE.matches(d.code().standard().code()))
        || VTE.matches(d.code().local().code());
  }
}
