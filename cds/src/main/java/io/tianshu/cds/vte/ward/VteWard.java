package io.tianshu.cds.vte.ward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.cds.vte.assess.AssessmentJson;
import io.tianshu.cds.vte.assess.Outcome;
import io.tianshu.cds.vte.assess.Recommendation;
import io.tianshu.cds.vte.assess.VteAssessment;
import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.cds.vte.knowledge.VtePolicy;
import io.tianshu.cds.vte.metrics.MetricDefinitions;
import io.tianshu.cds.vte.metrics.StaySummarizer;
import io.tianshu.cds.vte.store.StoredAssessment;
import io.tianshu.cds.vte.store.VteAlert;
import io.tianshu.cds.vte.store.VteRepository;
import io.tianshu.cds.vte.store.VteStay;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The VTE work of the wards: assesses stays when the policy says (admission, new admission
 * documents, after each operation, on transfer, before discharge, and now for patients in
 * hospital), keeps the results, raises and resolves alerts, and sums up stays for the metrics.
 */
public final class VteWard {

  /** Why an assessment was made. */
  public enum Reason {
    ADMISSION,
    DOCUMENT,
    OPERATION,
    TRANSFER,
    DISCHARGE,
    CURRENT,
    REQUEST
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CdrStore store;
  private final VteAssessor assessor;
  private final VteRepository repository;
  private final StaySummarizer summarizer;
  private final MetricDefinitions definitions;

  public VteWard(CdrStore store, VteAssessor assessor, MetricDefinitions definitions) {
    this.store = store;
    this.assessor = assessor;
    this.repository = new VteRepository(store);
    this.definitions = definitions;
    this.summarizer = new StaySummarizer(assessor, definitions);
  }

  public VteRepository repository() {
    return repository;
  }

  public VteAssessor assessor() {
    return assessor;
  }

  /** What processing one patient did. */
  public record Processed(int stays, int assessments, int alertsRaised) {}

  /**
   * Assesses every inpatient stay of the record up to {@code now} at its trigger times, stores the
   * results, sums up the stays, and raises or resolves the alerts of stays still open at {@code
   * now}. Idempotent: running it again replaces what it wrote.
   */
  public Processed process(PatientRecord r, LocalDateTime now) {
    return process(List.of(r), now);
  }

  /**
   * As {@link #process(PatientRecord, LocalDateTime)} for many patients, writing their assessments
   * and stay summaries in one transaction each (a backfill of thousands of patients would otherwise
   * spend its time committing).
   */
  public Processed process(java.util.Collection<PatientRecord> records, LocalDateTime now) {
    List<StoredAssessment> toSave = new ArrayList<>();
    List<VteStay> stays = new ArrayList<>();
    int raised = 0;
    for (PatientRecord r : records) {
      raised += assessStays(r, now, toSave, stays);
    }
    repository.saveAssessments(toSave);
    repository.saveStays(stays);
    return new Processed(stays.size(), toSave.size(), raised);
  }

  private int assessStays(
      PatientRecord r, LocalDateTime now, List<StoredAssessment> toSave, List<VteStay> stays) {
    int raised = 0;
    for (Encounter e : r.encounters()) {
      if (e.type() != EncounterType.INPATIENT || e.admittedAt().isAfter(now)) {
        continue;
      }
      List<StoredAssessment> stayRows = new ArrayList<>();
      StoredAssessment last = null;
      for (var t : triggers(r, e, now).entrySet()) {
        Reason reason = t.getValue();
        StoredAssessment row = stored(assessor.assess(r, e.id(), t.getKey()), reason, e);
        boolean always = reason == Reason.ADMISSION || reason == Reason.DISCHARGE;
        if (last == null || always || !row.sameResult(last)) {
          stayRows.add(row);
          last = row;
        }
      }
      toSave.addAll(stayRows);
      stays.add(summarizer.summarize(r, e, stayRows));
      if (open(e, now) && last != null) {
        raised += alerts(r, e, stayRows, last, now);
      }
    }
    return raised;
  }

  /** Assesses a stay now (e.g. on request) and stores the result if it is new. */
  public VteAssessment assessNow(PatientRecord r, String encounterId, LocalDateTime now) {
    Encounter e =
        r.encounters().stream().filter(x -> x.id().equals(encounterId)).findFirst().orElseThrow();
    VteAssessment a = assessor.assess(r, encounterId, now);
    StoredAssessment row = stored(a, Reason.REQUEST, e);
    Optional<StoredAssessment> latest = repository.latest(encounterId);
    if (latest.isEmpty() || !latest.get().sameResult(row)) {
      repository.saveAssessments(List.of(row));
    }
    return a;
  }

  /** Trigger times of a stay up to {@code now}, in time order (one reason per time). */
  public TreeMap<LocalDateTime, Reason> triggers(PatientRecord r, Encounter e, LocalDateTime now) {
    LocalDateTime end =
        e.dischargedAt() == null || e.dischargedAt().isAfter(now) ? now : e.dischargedAt();
    TreeMap<LocalDateTime, Reason> t = new TreeMap<>();
    LocalDateTime admission = e.admittedAt().plusHours(1);
    for (ClinicalDocument d : r.documents()) {
      // The admission documents are what a first assessment needs; later notes re-assess via
      // CURRENT while the patient is in hospital.
      if (d.encounterId().equals(e.id())
          && d.createdAt().isBefore(e.admittedAt().plusHours(48))
          && !d.createdAt().isAfter(end)) {
        t.put(d.createdAt(), Reason.DOCUMENT);
      }
    }
    for (Operation o : r.operations()) {
      if (o.encounterId().equals(e.id()) && o.endedAt() != null) {
        LocalDateTime at = o.endedAt().plusHours(1);
        if (!at.isAfter(end)) {
          t.put(at, Reason.OPERATION);
        }
      }
    }
    for (Transfer x : e.transfers()) {
      LocalDateTime at = x.at().plusHours(1);
      if (!at.isAfter(end)) {
        t.put(at, Reason.TRANSFER);
      }
    }
    if (!admission.isAfter(end)) {
      t.put(admission, Reason.ADMISSION);
    }
    if (e.dischargedAt() != null && !e.dischargedAt().isAfter(now)) {
      LocalDateTime before = e.dischargedAt().minusHours(1);
      if (before.isAfter(e.admittedAt())) {
        t.put(before, Reason.DISCHARGE);
      }
    } else {
      t.put(now, Reason.CURRENT);
    }
    t.headMap(e.admittedAt()).clear();
    return t;
  }

  private int alerts(
      PatientRecord r,
      Encounter e,
      List<StoredAssessment> rows,
      StoredAssessment latest,
      LocalDateTime now) {
    VtePolicy policy = assessor.knowledge().policy();
    int raised = 0;
    LocalDateTime firstAtRisk =
        rows.stream()
            .filter(StoredAssessment::atRisk)
            .map(StoredAssessment::assessedAt)
            .min(Comparator.naturalOrder())
            .orElse(null);
    if (latest.atRisk()
        && !latest.pharmInPlace()
        && !latest.mechInPlace()
        && firstAtRisk != null
        && !firstAtRisk.plusHours(policy.noProphylaxisAfterHours()).isAfter(now)) {
      raised +=
          raise(
              r,
              e,
              "NO_PROPHYLAXIS",
              firstAtRisk.plusHours(policy.noProphylaxisAfterHours()),
              "VTE风险"
                  + bandLabel(latest)
                  + "（"
                  + modelName(latest)
                  + " "
                  + score(latest.riskScore())
                  + "分），"
                  + policy.noProphylaxisAfterHours()
                  + "小时内未采取预防措施；建议："
                  + Recommendation.shortZh(latest.recommendation()));
    } else {
      repository.resolve(e.id(), "NO_PROPHYLAXIS", now);
    }
    if (latest.pharmInPlace() && latest.pharmContraindicated()) {
      raised +=
          raise(
              r,
              e,
              "PHARM_CONTRAINDICATED",
              latest.assessedAt(),
              "正在药物预防/抗凝，但存在药物预防禁忌：" + contraindications(latest));
    } else {
      repository.resolve(e.id(), "PHARM_CONTRAINDICATED", now);
    }
    LocalDateTime due = e.admittedAt().plusHours(policy.dueAfterAdmissionHours());
    LocalDateTime documented =
        StaySummarizer.documentedRiskAssessment(r, e, definitions.documentedRisk());
    if (!due.isAfter(now) && (documented == null || documented.isAfter(due))) {
      raised +=
          raise(
              r,
              e,
              "ASSESSMENT_OVERDUE",
              due,
              "入院" + policy.dueAfterAdmissionHours() + "小时内无医师记录的VTE风险评估");
    } else {
      repository.resolve(e.id(), "ASSESSMENT_OVERDUE", now);
    }
    return raised;
  }

  private int raise(PatientRecord r, Encounter e, String kind, LocalDateTime at, String message) {
    VteAlert a =
        new VteAlert(
            VteAlert.idOf(e.id(), kind),
            r.patient().id(),
            e.id(),
            e.department(),
            kind,
            at,
            message,
            "OPEN",
            null,
            null,
            null,
            null);
    return repository.raise(a) ? 1 : 0;
  }

  private String bandLabel(StoredAssessment a) {
    return assessor.knowledge().model(a.riskModel()).bands().stream()
        .filter(b -> b.id().equals(a.riskBand()))
        .map(b -> b.label().zh())
        .findFirst()
        .orElse(a.riskBand());
  }

  private String modelName(StoredAssessment a) {
    String title = assessor.knowledge().model(a.riskModel()).title().zh();
    int paren = title.indexOf('（');
    return paren > 0 ? title.substring(0, paren) : title;
  }

  /** The pharmacological contraindications found, from the stored assessment JSON. */
  private static String contraindications(StoredAssessment a) {
    try {
      JsonNode found = JSON.readTree(a.detail()).path("contraindications").path("pharmacological");
      List<String> labels = new ArrayList<>();
      found.forEach(c -> labels.add(c.path("label").asText()));
      return String.join("、", labels);
    } catch (IOException e) {
      throw new UncheckedIOException("stored VTE assessment " + a.id() + " is not JSON", e);
    }
  }

  private static String score(double s) {
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  static boolean open(Encounter e, LocalDateTime now) {
    return !e.admittedAt().isAfter(now)
        && (e.dischargedAt() == null || e.dischargedAt().isAfter(now));
  }

  /** The row kept for an assessment; its id is deterministic so re-runs replace it. */
  public StoredAssessment stored(VteAssessment a, Reason reason, Encounter e) {
    VtePolicy policy = assessor.knowledge().policy();
    boolean pharmContra =
        a.contraindications().stream()
            .anyMatch(
                c ->
                    c.status() == Outcome.Status.PRESENT
                        && c.contraindication().against().equals("pharmacological"));
    return new StoredAssessment(
        e.id() + "@" + a.at() + "#" + reason,
        a.patientId(),
        a.encounterId(),
        e.department(),
        a.at(),
        reason.name(),
        a.surgical(),
        a.riskModel(),
        a.risk().model().version(),
        a.risk().score(),
        a.risk().band().id(),
        policy.atRisk(a.riskModel(), a.risk().band().id()),
        a.bleedingModel(),
        a.bleeding().model().version(),
        a.bleeding().score(),
        a.bleeding().band().id(),
        policy.highBleeding(a.bleedingModel(), a.bleeding().band().id()),
        a.recommendation().prophylaxis(),
        !a.currentPharmacological().isEmpty(),
        !a.currentMechanical().isEmpty(),
        pharmContra,
        a.risk().unknown().size(),
        AssessmentJson.toJsonString(a));
  }

  // ------------------------------------------------------------------ ward list

  /** Patient ids with an inpatient stay admitted by {@code now} (open ones only if asked). */
  public List<String> inpatientIds(LocalDateTime now, boolean openOnly) {
    String sql =
        "SELECT DISTINCT patient_id FROM encounter WHERE encounter_type = 'INPATIENT'"
            + " AND admitted_at <= ?"
            + (openOnly ? " AND (discharged_at IS NULL OR discharged_at > ?)" : "")
            + " ORDER BY patient_id";
    return store.inTransaction(
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.valueOf(now));
            if (openOnly) {
              s.setTimestamp(2, Timestamp.valueOf(now));
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  /** The current inpatients (of one department, or all), highest risk first. */
  public List<WardRow> ward(String department, LocalDateTime now) {
    List<WardRow> rows = new ArrayList<>();
    // The list shows stored results; no note fact is needed to show them.
    for (PatientRecord r : store.readPatients(inpatientIds(now, true), Set.of()).values()) {
      for (Encounter e : r.encounters()) {
        if (e.type() != EncounterType.INPATIENT
            || !open(e, now)
            || (department != null && !department.equals(e.department()))) {
          continue;
        }
        StoredAssessment latest = repository.latest(e.id()).orElse(null);
        List<VteAlert> alerts =
            repository.alertsOf(e.id()).stream().filter(a -> a.status().equals("OPEN")).toList();
        Integer age =
            r.patient().birthDate() == null
                ? null
                : Period.between(r.patient().birthDate(), now.toLocalDate()).getYears();
        rows.add(
            new WardRow(
                r.patient().id(),
                r.patient().name(),
                r.patient().sex().chinese(),
                age,
                e.id(),
                e.department(),
                e.ward(),
                e.admittedAt(),
                latest,
                alerts));
      }
    }
    rows.sort(
        Comparator.comparing((WardRow w) -> w.latest() != null && w.latest().atRisk())
            .thenComparingInt(w -> w.alerts().size())
            .thenComparingDouble(w -> w.latest() == null ? -1 : w.latest().riskScore())
            .reversed());
    return rows;
  }
}
