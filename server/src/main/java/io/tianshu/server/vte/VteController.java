package io.tianshu.server.vte;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tianshu.cds.vte.assess.AssessmentJson;
import io.tianshu.cds.vte.assess.VteAssessment;
import io.tianshu.cds.vte.fhir.BundleAssessment;
import io.tianshu.cds.vte.fhir.BundleException;
import io.tianshu.cds.vte.metrics.MetricDefinitions;
import io.tianshu.cds.vte.metrics.MetricRow;
import io.tianshu.cds.vte.metrics.StayRef;
import io.tianshu.cds.vte.metrics.VteMetrics;
import io.tianshu.cds.vte.store.StoredAssessment;
import io.tianshu.cds.vte.store.VteAlert;
import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.cds.vte.ward.WardRow;
import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.server.audit.AuditLog;
import io.tianshu.store.CdrStore;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * VTE prevention: assessments (of a FHIR Bundle or of a patient in the CDR), the ward list of
 * patients in hospital, alerts with acknowledgement, and the VTE-centre metrics with drill-down.
 * Every read of patient data is audited before it leaves the server.
 */
@RestController
@RequestMapping("/api/vte")
class VteController {

  static final ErrorCode BAD_BUNDLE = new ErrorCode("TS-CDS-010", 422, "Bundle cannot be assessed");

  private final CdrStore store;
  private final BundleAssessment bundles;
  private final VteWard ward;
  private final VteMetrics metrics;
  private final AuditLog audit;
  private final Clock clock;

  VteController(
      CdrStore store,
      BundleAssessment bundles,
      VteWard ward,
      VteMetrics metrics,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.bundles = bundles;
    this.ward = ward;
    this.metrics = metrics;
    this.audit = audit;
    this.clock = clock;
  }

  /** Assesses the patient of a FHIR R4 Bundle (nothing is stored). */
  @PostMapping(
      value = "/assess",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/fhir+json"})
  ObjectNode assessBundle(
      @RequestBody String bundle,
      @RequestParam(required = false) String at,
      @RequestParam(required = false) String encounter,
      Authentication user) {
    VteAssessment a;
    try {
      a = bundles.assess(bundle, time(at), encounter, Map.of());
    } catch (BundleException e) {
      throw new TianshuException(BAD_BUNDLE, e.getMessage());
    }
    audit.append(user.getName(), "VTE_ASSESS_BUNDLE", a.patientId(), "POST /api/vte/assess", null);
    return AssessmentJson.toJson(a);
  }

  /**
   * Assesses a stay of a patient in the CDR now (or at {@code at}); the stay defaults to the one in
   * progress, else the latest inpatient stay. The result is stored when it is new.
   */
  @GetMapping("/patients/{patientId}/assessment")
  ObjectNode assessPatient(
      @PathVariable String patientId,
      @RequestParam(required = false) String encounter,
      @RequestParam(required = false) String at,
      Authentication user) {
    PatientRecord r = patient(patientId);
    audit.append(
        user.getName(),
        "VTE_ASSESS",
        patientId,
        "GET /api/vte/patients/{id}/assessment",
        encounter);
    LocalDateTime now = LocalDateTime.now(clock);
    LocalDateTime when = at == null ? null : time(at);
    Encounter e = stay(r, encounter, when == null ? now : when);
    if (when == null) {
      when = e.dischargedAt() != null && e.dischargedAt().isBefore(now) ? e.dischargedAt() : now;
    }
    VteAssessment a =
        at == null && (e.dischargedAt() == null || e.dischargedAt().isAfter(now))
            ? ward.assessNow(r, e.id(), when)
            : ward.assessor().assess(r, e.id(), when);
    ObjectNode out = AssessmentJson.toJson(a);
    out.put("patientName", r.patient().name());
    out.put("department", e.department());
    return out;
  }

  /** Stored assessments of a patient's inpatient stays, newest stay first. */
  @GetMapping("/patients/{patientId}/history")
  List<Map<String, Object>> history(@PathVariable String patientId, Authentication user) {
    PatientRecord r = patient(patientId);
    audit.append(
        user.getName(), "VTE_HISTORY", patientId, "GET /api/vte/patients/{id}/history", null);
    List<Map<String, Object>> out = new ArrayList<>();
    r.encounters().stream()
        .filter(e -> e.type() == EncounterType.INPATIENT)
        .sorted(Comparator.comparing(Encounter::admittedAt).reversed())
        .forEach(
            e -> {
              Map<String, Object> stay = new LinkedHashMap<>();
              stay.put("encounterId", e.id());
              stay.put("department", e.department());
              stay.put("admittedAt", e.admittedAt());
              stay.put("dischargedAt", e.dischargedAt());
              stay.put(
                  "assessments",
                  ward.repository().assessments(e.id()).stream().map(VteController::row).toList());
              stay.put("alerts", ward.repository().alertsOf(e.id()));
              out.add(stay);
            });
    return out;
  }

  /** The patients in hospital with their latest assessment and open alerts. */
  @GetMapping("/ward")
  Map<String, Object> wardList(
      @RequestParam(required = false) String department, Authentication user) {
    LocalDateTime now = LocalDateTime.now(clock);
    List<WardRow> rows = ward.ward(blank(department), now);
    audit.append(user.getName(), "VTE_WARD_LIST", null, "GET /api/vte/ward", department);
    List<Map<String, Object>> out = new ArrayList<>();
    for (WardRow w : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("patientId", w.patientId());
      m.put("name", w.patientName());
      m.put("sex", w.sex());
      m.put("age", w.age());
      m.put("encounterId", w.encounterId());
      m.put("department", w.department());
      m.put("ward", w.ward());
      m.put("admittedAt", w.admittedAt());
      m.put("assessment", w.latest() == null ? null : row(w.latest()));
      m.put("alerts", w.alerts());
      out.add(m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("asOf", now);
    result.put("patients", out);
    result.put(
        "atRisk", rows.stream().filter(w -> w.latest() != null && w.latest().atRisk()).count());
    result.put("withAlerts", rows.stream().filter(w -> !w.alerts().isEmpty()).count());
    return result;
  }

  /** An alert with the name of the patient it is about. */
  record AlertView(
      String id,
      String patientId,
      String patientName,
      String encounterId,
      String department,
      String kind,
      LocalDateTime raisedAt,
      String message,
      String status,
      String acknowledgedBy,
      LocalDateTime acknowledgedAt,
      String ackReason,
      LocalDateTime resolvedAt) {
    static AlertView of(VteAlert a, String name) {
      return new AlertView(
          a.id(),
          a.patientId(),
          name,
          a.encounterId(),
          a.department(),
          a.kind(),
          a.raisedAt(),
          a.message(),
          a.status(),
          a.acknowledgedBy(),
          a.acknowledgedAt(),
          a.ackReason(),
          a.resolvedAt());
    }
  }

  @GetMapping("/alerts")
  List<AlertView> alerts(
      @RequestParam(defaultValue = "OPEN") String status,
      @RequestParam(required = false) String department,
      Authentication user) {
    audit.append(user.getName(), "VTE_ALERTS", null, "GET /api/vte/alerts", status);
    List<VteAlert> alerts =
        ward.repository().alerts(status.equals("ALL") ? null : status, blank(department));
    Map<String, String> names =
        ward.repository().patientNames(alerts.stream().map(VteAlert::patientId).toList());
    return alerts.stream().map(a -> AlertView.of(a, names.get(a.patientId()))).toList();
  }

  record Acknowledgement(String reason) {}

  /** Acknowledges an open alert; the reason is required and audited. */
  @PostMapping("/alerts/{id}/acknowledge")
  @PreAuthorize("hasAnyRole('ADMIN','CLINICIAN')")
  VteAlert acknowledge(
      @PathVariable String id, @RequestBody Acknowledgement body, Authentication user) {
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw new IllegalArgumentException("An acknowledgement needs a reason.");
    }
    VteAlert a =
        ward.repository()
            .acknowledge(id, user.getName(), body.reason().strip(), LocalDateTime.now(clock))
            .orElseThrow(
                () -> new TianshuException(ErrorCode.NOT_FOUND, "No open VTE alert " + id + "."));
    audit.append(
        user.getName(),
        "ACK_VTE_ALERT",
        a.patientId(),
        "POST /api/vte/alerts/{id}/acknowledge",
        id + ": " + body.reason().strip());
    return a;
  }

  /** The metric definitions: ids, labels, numerator and denominator flags. */
  @GetMapping("/metrics/definitions")
  MetricDefinitions definitions() {
    return metrics.definitions();
  }

  @GetMapping("/metrics")
  Map<String, Object> metricTable(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String department,
      @RequestParam(defaultValue = "true") boolean byDepartment,
      Authentication user) {
    audit.append(user.getName(), "VTE_METRICS", null, "GET /api/vte/metrics", department);
    List<MetricRow> rows = metrics.compute(month(from), month(to), blank(department), byDepartment);
    List<Map<String, Object>> out = new ArrayList<>();
    for (MetricRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("metric", r.metric());
      m.put("department", r.department());
      m.put("month", r.month());
      m.put("numerator", r.numerator());
      m.put("denominator", r.denominator());
      m.put("rate", r.rate());
      out.add(m);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("version", metrics.definitions().version());
    result.put("rows", out);
    return result;
  }

  /** The stays behind a metric figure (numerator, or denominator when asked). */
  @GetMapping("/metrics/{metric}/stays")
  List<StayRef> drillDown(
      @PathVariable String metric,
      @RequestParam String month,
      @RequestParam(required = false) String department,
      @RequestParam(defaultValue = "false") boolean denominator,
      @RequestParam(defaultValue = "200") int limit,
      Authentication user) {
    audit.append(
        user.getName(),
        "VTE_METRIC_STAYS",
        null,
        "GET /api/vte/metrics/{metric}/stays",
        metric + " " + month + " " + department);
    return metrics.stays(
        metric, denominator, month(month), blank(department), Math.min(limit, 1000));
  }

  static Map<String, Object> row(StoredAssessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("assessedAt", a.assessedAt());
    m.put("reason", a.reason());
    m.put("surgical", a.surgical());
    m.put("riskModel", a.riskModel());
    m.put("riskVersion", a.riskVersion());
    m.put("riskScore", a.riskScore());
    m.put("riskBand", a.riskBand());
    m.put("atRisk", a.atRisk());
    m.put("bleedingModel", a.bleedingModel());
    m.put("bleedingVersion", a.bleedingVersion());
    m.put("bleedingScore", a.bleedingScore());
    m.put("bleedingBand", a.bleedingBand());
    m.put("bleedingHigh", a.bleedingHigh());
    m.put("recommendation", a.recommendation());
    m.put("pharmInPlace", a.pharmInPlace());
    m.put("mechInPlace", a.mechInPlace());
    m.put("pharmContraindicated", a.pharmContraindicated());
    m.put("unknownItems", a.unknownItems());
    return m;
  }

  private PatientRecord patient(String id) {
    return store
        .readPatient(id)
        .orElseThrow(() -> new TianshuException(ErrorCode.NOT_FOUND, "No patient " + id + "."));
  }

  static Encounter stay(PatientRecord r, String encounterId, LocalDateTime at) {
    List<Encounter> inpatient =
        r.encounters().stream().filter(e -> e.type() == EncounterType.INPATIENT).toList();
    if (encounterId != null) {
      return inpatient.stream()
          .filter(e -> e.id().equals(encounterId))
          .findFirst()
          .orElseThrow(
              () ->
                  new TianshuException(
                      ErrorCode.NOT_FOUND, "No inpatient stay " + encounterId + "."));
    }
    return inpatient.stream()
        .filter(e -> !e.admittedAt().isAfter(at))
        .max(Comparator.comparing(Encounter::admittedAt))
        .orElseThrow(
            () ->
                new TianshuException(
                    ErrorCode.NOT_FOUND,
                    "Patient " + r.patient().id() + " has no inpatient stay."));
  }

  static LocalDateTime time(String at) {
    if (at == null || at.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(at.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "at must be a local date-time such as 2026-03-10T10:00, not '" + at + "'");
    }
  }

  private static String month(String m) {
    if (m == null || m.isBlank()) {
      return null;
    }
    if (!m.matches("\\d{4}-\\d{2}")) {
      throw new IllegalArgumentException("A month is written YYYY-MM, not '" + m + "'");
    }
    return m;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
