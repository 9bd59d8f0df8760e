package io.tianshu.server.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.cohort.CodeCatalog;
import io.tianshu.query.cohort.SavedCohort;
import io.tianshu.query.cohort.SavedCohorts;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.criteria.Demographics;
import io.tianshu.query.criteria.InclusionRule;
import io.tianshu.query.export.DatasetExporter;
import io.tianshu.query.export.DatasetSpec;
import io.tianshu.query.export.ExportCohort;
import io.tianshu.query.export.ExportFormat;
import io.tianshu.query.export.ExportSummary;
import io.tianshu.query.export.deid.DateShiftRange;
import io.tianshu.query.export.deid.DeidSecrets;
import io.tianshu.query.export.deid.Deidentification;
import io.tianshu.query.memory.Fact;
import io.tianshu.query.memory.FactDetail;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import io.tianshu.query.memory.RuleEvidence;
import io.tianshu.query.sql.CohortCount;
import io.tianshu.query.sql.CohortDemographics;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.RuleAttrition;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.server.audit.AuditLog;
import io.tianshu.server.config.TianshuProperties;
import io.tianshu.server.security.DataAccess;
import io.tianshu.store.CdrStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cohorts over the CDR: counts with attrition and demographics, live previews per rule, saved and
 * versioned definitions, and the paged patient list with per-patient evidence. Users without
 * identified-data rights see counts from 1 to 9 suppressed, since small cells can single out
 * patients, and patient names masked.
 */
@RestController
@RequestMapping("/api/cohorts")
class CohortController {

  static final int SMALL_CELL = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PAGE_SIZE = 200;

  private final CdrStore store;
  private final SqlCohortEngine engine;
  private final SavedCohorts saved;
  private final CodeCatalog codes;
  private final AuditLog audit;
  private final Path dataDir;
  private final String deidSecret;

  CohortController(
      CdrStore store,
      AuditLog audit,
      Clock clock,
      TianshuProperties properties,
      @Value("${tianshu.deid.secret:}") String deidSecret) {
    this.store = store;
    this.dataDir = properties.dataDir();
    this.deidSecret = deidSecret;
    this.engine = new SqlCohortEngine(store);
    this.saved = new SavedCohorts(store, clock);
    this.codes = new CodeCatalog(store);
    this.audit = audit;
  }

  @PostMapping("/count")
  Map<String, Object> count(
      @RequestBody JsonNode definition,
      @RequestParam(defaultValue = "false") boolean demographics,
      Authentication user) {
    // A CriteriaException (TS-QUERY-001, 400) names the bad field by JSON pointer.
    CohortDefinition cohort = CohortDefinition.parse(definition.toString(), saved);
    audit.append(user.getName(), "COUNT_COHORT", null, "POST /api/cohorts/count", cohort.name());
    return counted(cohort, demographics, DataAccess.deidentified(user));
  }

  /**
   * What each rule does while a definition is being edited: the patients left after it (attrition)
   * and the index population it would keep on its own, so a user sees which rule bites.
   */
  @PostMapping("/preview")
  Map<String, Object> preview(@RequestBody JsonNode definition, Authentication user) {
    CohortDefinition cohort = CohortDefinition.parse(definition.toString(), saved);
    audit.append(user.getName(), "COUNT_COHORT", null, "POST /api/cohorts/preview", cohort.name());
    boolean suppress = DataAccess.deidentified(user);
    long started = System.nanoTime();
    CohortCount count = engine.count(cohort);
    long index =
        engine
            .count(new CohortDefinition(cohort.version(), cohort.name(), cohort.index(), List.of()))
            .count();
    List<Map<String, Object>> rules = new ArrayList<>();
    for (int k = 0; k < cohort.rules().size(); k++) {
      InclusionRule rule = cohort.rules().get(k);
      long alone =
          engine
              .count(
                  new CohortDefinition(
                      cohort.version(), cohort.name(), cohort.index(), List.of(rule)))
              .count();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", rule.name());
      row.put("alone", shown(alone, suppress));
      row.put("remaining", shown(count.attrition().get(k).remaining(), suppress));
      rules.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("index", shown(index, suppress));
    out.put("count", shown(count.count(), suppress));
    out.put("rules", rules);
    out.put("elapsed_ms", (System.nanoTime() - started) / 1_000_000);
    out.put("suppressed_below", suppress ? SMALL_CELL : null);
    return out;
  }

  /** The code-set picker: codes in use in a domain that match the typed text, most used first. */
  @GetMapping("/codes")
  List<CodeCatalog.Entry> codes(
      @RequestParam String domain,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "20") int limit) {
    return codes.find(domain, q, limit);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody SaveRequest request, Authentication user) {
    SavedCohort cohort =
        saved.save(null, request.name(), request.description(), json(request), user.getName());
    audit.append(user.getName(), "SAVE_COHORT", null, "POST /api/cohorts", cohort.id());
    return summary(cohort);
  }

  @PostMapping("/{id}/versions")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> newVersion(
      @PathVariable String id, @RequestBody SaveRequest request, Authentication user) {
    SavedCohort cohort =
        saved.save(id, request.name(), request.description(), json(request), user.getName());
    audit.append(user.getName(), "SAVE_COHORT", null, "POST /api/cohorts/" + id + "/versions", id);
    return summary(cohort);
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return saved.list().stream().map(CohortController::summary).toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id, @RequestParam(required = false) Integer version)
      throws Exception {
    SavedCohort cohort = find(id, version);
    Map<String, Object> out = summary(cohort);
    out.put("definition", JSON.readTree(cohort.definitionJson()));
    out.put("versions", saved.versions(id).stream().map(CohortController::summary).toList());
    return out;
  }

  @GetMapping("/{id}/count")
  Map<String, Object> savedCount(
      @PathVariable String id,
      @RequestParam(required = false) Integer version,
      Authentication user) {
    SavedCohort cohort = find(id, version);
    audit.append(user.getName(), "COUNT_COHORT", null, "GET /api/cohorts/" + id + "/count", id);
    Map<String, Object> out =
        counted(saved.definition(cohort), true, DataAccess.deidentified(user));
    out.put("id", cohort.id());
    out.put("version", cohort.version());
    return out;
  }

  /**
   * The cohort as a dataset (the body is a dataset specification, docs/research-export.md), CSV or
   * Parquet. De-identified unless the user holds identified-data rights and asks for identified
   * data; de-identified users cannot export cohorts under the small-cell size.
   */
  @PostMapping("/{id}/export")
  ResponseEntity<byte[]> export(
      @PathVariable String id,
      @RequestParam(required = false) Integer version,
      @RequestParam(defaultValue = "csv") String format,
      @RequestParam(defaultValue = "false") boolean identified,
      @RequestBody JsonNode dataset,
      Authentication user) {
    boolean deidentifiedUser = DataAccess.deidentified(user);
    if (identified && deidentifiedUser) {
      throw new AccessDeniedException("identified export needs identified-data rights");
    }
    SavedCohort cohort = find(id, version);
    CohortDefinition definition = saved.definition(cohort);
    DatasetSpec spec = DatasetSpec.parse(dataset.toString());
    ExportFormat chosen = ExportFormat.parse(format);
    List<CohortMember> members = engine.members(definition);
    if (!identified && members.size() > 0 && members.size() < SMALL_CELL && deidentifiedUser) {
      throw new IllegalArgumentException(
          "cohorts of fewer than " + SMALL_CELL + " patients are not exported de-identified");
    }
    audit.append(
        user.getName(),
        identified ? "EXPORT_COHORT_IDENTIFIED" : "EXPORT_COHORT_DEIDENTIFIED",
        null,
        "POST /api/cohorts/" + id + "/export",
        cohort.id() + " v" + cohort.version() + " " + members.size() + " patients " + spec.name());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExportSummary summary =
        DatasetExporter.export(
            store,
            ExportCohort.of(definition, members),
            spec,
            chosen,
            identified ? null : deidentification(),
            out);
    String file = cohort.id() + "-v" + cohort.version() + "." + chosen.extension();
    return ResponseEntity.ok()
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file).build().toString())
        .header("X-Tianshu-Rows", Long.toString(summary.rows()))
        .header("X-Tianshu-Deidentified", Boolean.toString(summary.deidentified()))
        .contentType(
            chosen == ExportFormat.CSV
                ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                : MediaType.APPLICATION_OCTET_STREAM)
        .body(out.toByteArray());
  }

  private Deidentification deidentification() {
    Path file = dataDir.resolve("secrets").resolve(DeidSecrets.FILE_NAME);
    return new Deidentification(DeidSecrets.resolve(deidSecret, file), DateShiftRange.DEFAULT);
  }

  /**
   * One page of members, each with why it qualified: the index fact and, per rule, the facts that
   * satisfied it, re-derived by the in-memory evaluator from the patient's record.
   */
  @GetMapping("/{id}/patients")
  Map<String, Object> patients(
      @PathVariable String id,
      @RequestParam(required = false) Integer version,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      Authentication user) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
    }
    SavedCohort cohort = find(id, version);
    CohortDefinition definition = saved.definition(cohort);
    boolean deidentified = DataAccess.deidentified(user);
    long total = engine.count(definition).count();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", cohort.id());
    out.put("version", cohort.version());
    out.put("page", page);
    out.put("size", size);
    if (deidentified && total > 0 && total < SMALL_CELL) {
      // A list would show how many there are and who they are.
      out.put("total", null);
      out.put("suppressed_below", SMALL_CELL);
      out.put("patients", List.of());
      return out;
    }
    List<CohortMember> members = engine.members(definition, page * size, size);
    Map<String, PatientRecord> records =
        store.readPatients(members.stream().map(CohortMember::patientId).toList());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CohortMember member : members) {
      PatientRecord record = records.get(member.patientId());
      if (record == null) {
        continue; // removed between the two reads
      }
      audit.append(
          user.getName(),
          "READ_COHORT_EVIDENCE",
          member.patientId(),
          "GET /api/cohorts/" + id + "/patients",
          cohort.id() + " v" + cohort.version());
      rows.add(
          row(
              definition,
              member,
              record,
              MemoryEvaluator.evaluate(definition, record),
              deidentified));
    }
    out.put("total", total);
    out.put("suppressed_below", deidentified ? SMALL_CELL : null);
    out.put("patients", rows);
    return out;
  }

  private Map<String, Object> counted(
      CohortDefinition cohort, boolean withDemographics, boolean suppress) {
    CohortCount result = engine.count(cohort);
    List<Map<String, Object>> attrition = new ArrayList<>();
    for (RuleAttrition rule : result.attrition()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", rule.rule());
      row.put("remaining", shown(rule.remaining(), suppress));
      attrition.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", shown(result.count(), suppress));
    out.put("index", shown(result.indexPopulation(), suppress));
    out.put("attrition", attrition);
    out.put("elapsed_ms", result.elapsedMs());
    out.put("suppressed_below", suppress ? SMALL_CELL : null);
    if (withDemographics) {
      CohortDemographics d = engine.demographics(cohort);
      Map<String, Object> demographics = new LinkedHashMap<>();
      demographics.put("sex", cells(d.bySex(), suppress));
      demographics.put("age_bands", cells(d.byAgeBand(), suppress));
      out.put("demographics", demographics);
    }
    return out;
  }

  private static Map<String, Long> cells(Map<String, Long> counts, boolean suppress) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((key, value) -> out.put(key, shown(value, suppress)));
    return out;
  }

  private static Map<String, Object> row(
      CohortDefinition definition,
      CohortMember member,
      PatientRecord record,
      PatientMatch match,
      boolean deidentified) {
    Patient p = record.patient();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("patient_id", p.id());
    row.put("name", deidentified ? masked(p.name()) : p.name());
    row.put("mrn", deidentified ? null : p.mrn());
    row.put("sex", p.sex());
    row.put(
        "age_at_index",
        p.birthDate() == null
            ? null
            : Period.between(p.birthDate(), member.indexAt().toLocalDate()).getYears());
    row.put("index_at", member.indexAt());
    row.put("index", match.index() == null ? null : FactDetail.of(match.index(), record));
    List<Map<String, Object>> evidence = new ArrayList<>();
    for (int k = 0; k < match.evidence().size(); k++) {
      RuleEvidence rule = match.evidence().get(k);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("rule", rule.rule());
      e.put("satisfied", rule.satisfied());
      // Why a satisfied rule may show no facts: age and sex are not dated facts, and NONE or
      // "at most" hold by absence.
      e.put(
          "kind",
          !rule.facts().isEmpty()
              ? "facts"
              : definition.rules().get(k).criterion() instanceof Demographics
                  ? "demographics"
                  : "absence");
      List<FactDetail> facts = new ArrayList<>();
      for (Fact f : rule.facts()) {
        facts.add(FactDetail.of(f, record));
      }
      e.put("facts", facts);
      evidence.add(e);
    }
    row.put("evidence", evidence);
    return row;
  }

  /** The surname only, as the patient views show researchers. */
  private static String masked(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first)
        + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }

  private SavedCohort find(String id, Integer version) {
    return saved
        .get(id, version)
        .orElseThrow(
            () ->
                new TianshuException(
                    ErrorCode.NOT_FOUND,
                    version == null
                        ? "No saved cohort " + id + "."
                        : "No version " + version + " of saved cohort " + id + "."));
  }

  private static String json(SaveRequest request) {
    if (request.definition() == null || request.definition().isNull()) {
      throw new IllegalArgumentException("definition is required");
    }
    return request.definition().toPrettyString();
  }

  private static Map<String, Object> summary(SavedCohort c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("version", c.version());
    out.put("name", c.name());
    out.put("description", c.description());
    out.put("created_by", c.createdBy());
    out.put("created_at", c.createdAt());
    return out;
  }

  /** A count a de-identified user may see: null stands for "1 to 9". */
  static Long shown(long count, boolean suppress) {
    return suppress && count > 0 && count < SMALL_CELL ? null : count;
  }

  /** Body of a save: a name, an optional description, and the definition. */
  record SaveRequest(String name, String description, JsonNode definition) {}
}
