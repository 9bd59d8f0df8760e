package io.tianshu.server.patient;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.server.audit.AuditLog;
import io.tianshu.server.security.DataAccess;
import io.tianshu.store.CdrStore;
import io.tianshu.store.PatientPage;
import io.tianshu.store.PatientQuery;
import io.tianshu.store.PatientSummary;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Patient search, the patient-360 record and the timeline. Every call is audited before data leave
 * the server; researchers without the identified-data grant get the de-identified view.
 */
@RestController
@RequestMapping("/api/patients")
class PatientController {

  private final CdrStore store;
  private final AuditLog audit;
  private final Clock clock;

  PatientController(CdrStore store, AuditLog audit, Clock clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** A search result row with the age the patient has today. */
  record PatientRow(
      String id,
      String mrn,
      String name,
      String sex,
      LocalDate birthDate,
      Integer age,
      String idNumberMasked,
      String lastDepartment,
      LocalDateTime lastAdmittedAt,
      int encounterCount) {}

  record SearchResult(long total, int page, int size, List<PatientRow> items) {}

  @GetMapping
  SearchResult search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String department,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      Authentication user) {
    if (page < 0 || size < 1 || size > 200) {
      throw new IllegalArgumentException("page must be >= 0 and size 1-200");
    }
    boolean deidentified = DataAccess.deidentified(user);
    // Researchers may not look people up by name or ID number; they search by department and dates.
    String text = deidentified ? null : q;
    audit.append(
        user.getName(),
        "SEARCH_PATIENTS",
        null,
        "GET /api/patients",
        "q="
            + (q == null ? "" : "[" + q.length() + " chars]")
            + " department="
            + department
            + " from="
            + from
            + " to="
            + to);
    PatientPage result =
        store.searchPatients(new PatientQuery(text, department, from, to, page * size, size));
    LocalDate today = LocalDate.now(clock);
    List<PatientRow> rows =
        result.items().stream()
            .map(s -> deidentified ? Deidentifier.summary(s) : s)
            .map(s -> row(s, today))
            .toList();
    return new SearchResult(result.total(), page, size, rows);
  }

  @GetMapping("/{id}")
  PatientRecord record(@PathVariable String id, Authentication user) {
    audit.append(user.getName(), "READ_PATIENT", id, "GET /api/patients/{id}", null);
    PatientRecord record = load(id);
    return DataAccess.deidentified(user) ? Deidentifier.record(record) : record;
  }

  @GetMapping("/{id}/timeline")
  List<TimelineEvent> timeline(@PathVariable String id, Principal user) {
    audit.append(user.getName(), "READ_TIMELINE", id, "GET /api/patients/{id}/timeline", null);
    return Timeline.of(load(id));
  }

  private PatientRecord load(String id) {
    return store
        .readPatient(id)
        .orElseThrow(
            () -> new TianshuException(ErrorCode.NOT_FOUND, "No patient with id " + id + "."));
  }

  private static PatientRow row(PatientSummary s, LocalDate today) {
    Integer age = s.birthDate() == null ? null : Period.between(s.birthDate(), today).getYears();
    return new PatientRow(
        s.id(),
        s.mrn(),
        s.name(),
        s.sex() == null ? null : s.sex().name(),
        s.birthDate(),
        age,
        s.idNumberMasked(),
        s.lastDepartment(),
        s.lastAdmittedAt(),
        s.encounterCount());
  }
}
