package io.tianshu.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The synthetic hospital as a FHIR R4 server would export it: one transaction Bundle per patient
 * ({@code fhir/<patient id>.json}) with the Patient, Encounters, Conditions, Procedures,
 * Observations (labs, with a DiagnosticReport per panel, and vital signs), MedicationRequests,
 * MedicationAdministrations and DocumentReferences (text/plain, base64). Written with Jackson, so
 * that synth does not depend on HAPI FHIR; only what the ingest reader maps is written. Times carry
 * the hospital zone's offset.
 */
public final class FhirExport {

  /** What was written. */
  public record Written(int bundles, long resources) {}

  private static final String BASE = "https://fhir.synth.tianshu.local/";
  private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
  private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  private static final String PARTICIPATION =
      "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  private static final String DIAGNOSIS_ROLE =
      "http://terminology.hl7.org/CodeSystem/diagnosis-role";
  private static final String OBSERVATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final String INTERPRETATION =
      "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
  private static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";
  private static final String HOMEPAGE_DISPOSITION = "urn:tianshu:homepage:discharge-disposition";
  private static final String ID_CARD_SYSTEM = "urn:oid:2.16.156.10011.1.3";
  private static final JsonFactory JSON = new JsonFactory();

  private final ZoneId zone;
  private final DateTimeFormatter times = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private FhirExport(ZoneId zone) {
    this.zone = zone;
  }

  /** Writes every patient's bundle into {@code out/fhir}, times in Asia/Shanghai. */
  public static Written write(SyntheticHospital hospital, Path out) throws IOException {
    return write(hospital, out, ZoneId.of("Asia/Shanghai"));
  }

  /**
   * Writes every patient's bundle into {@code out/fhir}; the records' times are in {@code zone}.
   */
  public static Written write(SyntheticHospital hospital, Path out, ZoneId zone)
      throws IOException {
    Objects.requireNonNull(zone, "zone");
    Path dir = out.resolve("fhir");
    Files.createDirectories(dir);
    FhirExport export = new FhirExport(zone);
    int bundles = 0;
    long resources = 0;
    for (GeneratedPatient g : hospital) {
      PatientRecord r = g.record();
      Path file = dir.resolve(fileName(r.patient().id()) + ".json");
      try (OutputStream os = Files.newOutputStream(file)) {
        resources += export.bundle(r, os);
      }
      bundles++;
    }
    return new Written(bundles, resources);
  }

  /** One patient's transaction bundle as UTF-8 JSON bytes. */
  public static byte[] bundle(PatientRecord record, ZoneId zone) {
    try (var bytes = new java.io.ByteArrayOutputStream(1 << 16)) {
      new FhirExport(zone).bundle(record, bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String fileName(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** Writes the bundle; returns the number of entries. */
  private long bundle(PatientRecord r, OutputStream os) throws IOException {
    long entries = 0;
    try (JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("resourceType", "Bundle");
      g.writeStringField("id", "synth-" + r.patient().id());
      g.writeStringField("type", "transaction");
      g.writeArrayFieldStart("entry");
      Patient p = r.patient();
      String patientRef = "Patient/" + p.id();
      entries += entry(g, "Patient", p.id(), () -> patient(g, p));
      for (Encounter e : r.encounters()) {
        List<Diagnosis> diagnoses =
            r.diagnoses().stream().filter(d -> d.encounterId().equals(e.id())).toList();
        entries += entry(g, "Encounter", e.id(), () -> encounter(g, e, patientRef, diagnoses));
      }
      for (Diagnosis d : r.diagnoses()) {
        entries += entry(g, "Condition", d.id(), () -> condition(g, d, patientRef));
      }
      for (Operation o : r.operations()) {
        entries += entry(g, "Procedure", o.id(), () -> procedure(g, o, patientRef));
      }
      Map<String, List<LabResult>> panels = new LinkedHashMap<>();
      for (LabResult l : r.labs()) {
        entries += entry(g, "Observation", l.id(), () -> lab(g, l, patientRef));
        if (l.panel() != null) {
          String key = l.encounterId() + "|" + l.panel() + "|" + l.collectedAt();
          panels.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
      }
      for (List<LabResult> panel : panels.values()) {
        String id = "DR-" + panel.get(0).id();
        entries += entry(g, "DiagnosticReport", id, () -> labReport(g, id, panel, patientRef));
      }
      for (VitalSign v : r.vitals()) {
        entries += entry(g, "Observation", v.id(), () -> vital(g, v, patientRef));
      }
      for (MedicationOrder o : r.orders()) {
        if (o.category() == OrderCategory.DRUG) {
          entries += entry(g, "MedicationRequest", o.id(), () -> order(g, o, patientRef));
        }
      }
      for (MedicationAdministration a : r.administrations()) {
        entries +=
            entry(g, "MedicationAdministration", a.id(), () -> administration(g, a, patientRef));
      }
      for (ClinicalDocument d : r.documents()) {
        entries += entry(g, "DocumentReference", d.id(), () -> document(g, d, patientRef));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return entries;
  }

  private interface Body {
    void write() throws IOException;
  }

  private int entry(JsonGenerator g, String type, String id, Body body) throws IOException {
    g.writeStartObject();
    g.writeStringField("fullUrl", BASE + type + "/" + id);
    g.writeObjectFieldStart("resource");
    g.writeStringField("resourceType", type);
    g.writeStringField("id", id);
    body.write();
    g.writeEndObject();
    g.writeObjectFieldStart("request");
    g.writeStringField("method", "PUT");
    g.writeStringField("url", type + "/" + id);
    g.writeEndObject();
    g.writeEndObject();
    return 1;
  }

  // ------------------------------------------------------------------ resources

  private void patient(JsonGenerator g, Patient p) throws IOException {
    g.writeArrayFieldStart("identifier");
    for (PatientIdentifier id : p.identifiers()) {
      g.writeStartObject();
      if (id.value().equals(p.mrn())) {
        codeable(g, "type", V2_0203, "MR", "Medical record number");
      }
      g.writeStringField("system", id.system());
      g.writeStringField("value", id.value());
      g.writeEndObject();
    }
    if (p.identifiers().stream().noneMatch(i -> i.value().equals(p.mrn()))) {
      g.writeStartObject();
      codeable(g, "type", V2_0203, "MR", "Medical record number");
      g.writeStringField("value", p.mrn());
      g.writeEndObject();
    }
    if (p.idNumber() != null) {
      g.writeStartObject();
      codeable(g, "type", V2_0203, "NNCHN", "居民身份证");
      g.writeStringField("system", ID_CARD_SYSTEM);
      g.writeStringField("value", p.idNumber());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("name");
    g.writeStartObject();
    g.writeStringField("use", "official");
    g.writeStringField("text", p.name());
    if (p.name().length() > 1) {
      g.writeStringField("family", p.name().substring(0, 1));
      g.writeArrayFieldStart("given");
      g.writeString(p.name().substring(1));
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeStringField(
        "gender", p.sex() == Sex.MALE ? "male" : p.sex() == Sex.FEMALE ? "female" : "unknown");
    g.writeStringField("birthDate", p.birthDate().toString());
    if (p.phone() != null) {
      g.writeArrayFieldStart("telecom");
      g.writeStartObject();
      g.writeStringField("system", "phone");
      g.writeStringField("value", p.phone());
      g.writeEndObject();
      g.writeEndArray();
    }
    if (p.address() != null) {
      g.writeArrayFieldStart("address");
      g.writeStartObject();
      g.writeStringField("text", p.address());
      g.writeEndObject();
      g.writeEndArray();
    }
  }

  private void encounter(JsonGenerator g, Encounter e, String patient, List<Diagnosis> diagnoses)
      throws IOException {
    g.writeStringField("status", e.dischargedAt() == null ? "in-progress" : "finished");
    g.writeObjectFieldStart("class");
    g.writeStringField("system", ACT_CODE);
    g.writeStringField(
        "code",
        switch (e.type()) {
          case INPATIENT -> "IMP";
          case EMERGENCY -> "EMER";
          case OUTPATIENT -> "AMB";
        });
    g.writeEndObject();
    g.writeObjectFieldStart("serviceType");
    g.writeStringField("text", e.department());
    g.writeEndObject();
    reference(g, "subject", patient, null);
    if (e.attendingDoctor() != null) {
      g.writeArrayFieldStart("participant");
      g.writeStartObject();
      g.writeArrayFieldStart("type");
      concept(g, PARTICIPATION, "ATND", "attender");
      g.writeEndArray();
      g.writeObjectFieldStart("individual");
      g.writeStringField("display", e.attendingDoctor());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
    }
    period(g, "period", e.admittedAt(), e.dischargedAt());
    if (!diagnoses.isEmpty()) {
      g.writeArrayFieldStart("diagnosis");
      for (Diagnosis d : diagnoses) {
        g.writeStartObject();
        reference(g, "condition", "Condition/" + d.id(), null);
        if (d.kind() != DiagnosisKind.OUTPATIENT) {
          codeable(
              g,
              "use",
              DIAGNOSIS_ROLE,
              d.kind() == DiagnosisKind.ADMISSION ? "AD" : "DD",
              d.kind() == DiagnosisKind.ADMISSION ? "Admission diagnosis" : "Discharge diagnosis");
        }
        if (d.main()) {
          g.writeNumberField("rank", 1);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (e.disposition() != null) {
      g.writeObjectFieldStart("hospitalization");
      codeable(
          g,
          "dischargeDisposition",
          HOMEPAGE_DISPOSITION,
          switch (e.disposition()) {
            case HOME -> "1";
            case TRANSFER_HOSPITAL -> "2";
            case TRANSFER_COMMUNITY -> "3";
            case AGAINST_ADVICE -> "4";
            case DEATH -> "5";
            case OTHER -> "9";
          },
          e.disposition().chinese());
      g.writeEndObject();
    }
    // Where the patient was, from admission on: each transfer starts a new timed location.
    g.writeArrayFieldStart("location");
    location(g, e.department(), e.admittedAt());
    for (Transfer t : e.transfers()) {
      location(g, t.toDepartment(), t.at());
    }
    g.writeEndArray();
  }

  private void location(JsonGenerator g, String name, LocalDateTime from) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("location");
    g.writeStringField("display", name);
    g.writeEndObject();
    period(g, "period", from, null);
    g.writeEndObject();
  }

  private void condition(JsonGenerator g, Diagnosis d, String patient) throws IOException {
    g.writeObjectFieldStart("clinicalStatus");
    g.writeArrayFieldStart("coding");
    g.writeStartObject();
    g.writeStringField("system", "http://terminology.hl7.org/CodeSystem/condition-clinical");
    g.writeStringField("code", "active");
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    code(g, "code", d.code(), CodeSystem.ICD10);
    reference(g, "subject", patient, null);
    reference(g, "encounter", "Encounter/" + d.encounterId(), null);
    g.writeStringField("recordedDate", time(d.diagnosedAt()));
  }

  private void procedure(JsonGenerator g, Operation o, String patient) throws IOException {
    g.writeStringField("status", "completed");
    code(g, "code", o.code(), CodeSystem.ICD9CM3);
    reference(g, "subject", patient, null);
    reference(g, "encounter", "Encounter/" + o.encounterId(), null);
    period(g, "performedPeriod", o.startedAt(), o.endedAt());
    if (o.surgeon() != null) {
      g.writeArrayFieldStart("performer");
      g.writeStartObject();
      g.writeObjectFieldStart("actor");
      g.writeStringField("display", o.surgeon());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
    }
  }

  private void lab(JsonGenerator g, LabResult l, String patient) throws IOException {
    g.writeStringField("status", "final");
    category(g, "laboratory");
    code(g, "code", l.item(), CodeSystem.LOINC);
    reference(g, "subject", patient, null);
    reference(g, "encounter", "Encounter/" + l.encounterId(), null);
    g.writeStringField("effectiveDateTime", time(l.collectedAt()));
    if (l.reportedAt() != null) {
      g.writeStringField("issued", instant(l.reportedAt()));
    }
    BigDecimal number = exactNumber(l);
    if (number != null) {
      g.writeObjectFieldStart("valueQuantity");
      g.writeNumberField("value", number);
      if (l.unit() != null && !l.unit().isBlank()) {
        g.writeStringField("unit", l.unit());
      }
      g.writeEndObject();
    } else {
      g.writeStringField("valueString", l.textValue());
    }
    if (l.flag() != AbnormalFlag.NORMAL) {
      g.writeArrayFieldStart("interpretation");
      concept(g, INTERPRETATION, l.flag().hl7(), null);
      g.writeEndArray();
    }
    if (l.specimen() != null) {
      g.writeObjectFieldStart("specimen");
      g.writeStringField("display", l.specimen());
      g.writeEndObject();
    }
    if (l.referenceLow() != null || l.referenceHigh() != null || l.referenceText() != null) {
      g.writeArrayFieldStart("referenceRange");
      g.writeStartObject();
      if (l.referenceLow() != null) {
        quantity(g, "low", l.referenceLow(), l.unit());
      }
      if (l.referenceHigh() != null) {
        quantity(g, "high", l.referenceHigh(), l.unit());
      }
      if (l.referenceText() != null) {
        g.writeStringField("text", l.referenceText());
      }
      g.writeEndObject();
      g.writeEndArray();
    }
  }

  /** The value as written, when it is exactly the numeric value (else it goes as text). */
  private static BigDecimal exactNumber(LabResult l) {
    if (l.numericValue() == null) {
      return null;
    }
    try {
      BigDecimal written = new BigDecimal(l.textValue().strip());
      return written.doubleValue() == l.numericValue() ? written : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void labReport(JsonGenerator g, String id, List<LabResult> panel, String patient)
      throws IOException {
    LabResult first = panel.get(0);
    g.writeStringField("status", "final");
    g.writeArrayFieldStart("category");
    concept(g, V2_0074, "LAB", "Laboratory");
    g.writeEndArray();
    g.writeObjectFieldStart("code");
    g.writeStringField("text", first.panel());
    g.writeEndObject();
    reference(g, "subject", patient, null);
    reference(g, "encounter", "Encounter/" + first.encounterId(), null);
    g.writeStringField("effectiveDateTime", time(first.collectedAt()));
    g.writeArrayFieldStart("result");
    for (LabResult l : panel) {
      g.writeStartObject();
      g.writeStringField("reference", "Observation/" + l.id());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void vital(JsonGenerator g, VitalSign v, String patient) throws IOException {
    g.writeStringField("status", "final");
    category(g, "vital-signs");
    g.writeObjectFieldStart("code");
    g.writeArrayFieldStart("coding");
    g.writeStartObject();
    coding(g, CodeSystem.LOINC.uri(), v.type().loinc(), null);
    g.writeEndObject();
    g.writeEndArray();
    g.writeStringField("text", v.type().chinese());
    g.writeEndObject();
    reference(g, "subject", patient, null);
    reference(g, "encounter", "Encounter/" + v.encounterId(), null);
    g.writeStringField("effectiveDateTime", time(v.measuredAt()));
    quantity(g, "valueQuantity", v.value(), v.type().unit());
  }

  private void order(JsonGenerator g, MedicationOrder o, String patient) throws IOException {
    g.writeStringField("status", o.stopAt() == null ? "active" : "completed");
    g.writeStringField("intent", "order");
    if (o.longTerm()) {
      codeable(
          g,
          "courseOfTherapyType",
          "http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy",
          "continuous",
          "长期医嘱");
    }
    code(g, "medicationCodeableConcept", o.item(), null);
    reference(g, "subject", patient, null);
    reference(g, "encounter", "Encounter/" + o.encounterId(), null);
    g.writeStringField("authoredOn", time(o.startAt()));
    if (o.orderingDoctor() != null) {
      g.writeObjectFieldStart("requester");
      g.writeStringField("display", o.orderingDoctor());
      g.writeEndObject();
    }
    g.writeArrayFieldStart("dosageInstruction");
    g.writeStartObject();
    g.writeObjectFieldStart("timing");
    g.writeObjectFieldStart("repeat");
    period(g, "boundsPeriod", o.startAt(), o.stopAt());
    if (!o.longTerm()) {
      g.writeNumberField("count", 1);
    }
    g.writeEndObject();
    if (o.frequency() != null) {
      g.writeObjectFieldStart("code");
      g.writeStringField("text", o.frequency());
      g.writeEndObject();
    }
    g.writeEndObject();
    if (o.route() != null) {
      g.writeObjectFieldStart("route");
      g.writeStringField("text", o.route());
      g.writeEndObject();
    }
    if (o.dose() != null) {
      g.writeArrayFieldStart("doseAndRate");
      g.writeStartObject();
      quantity(g, "doseQuantity", o.dose(), o.doseUnit());
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndArray();
  }

  private void administration(JsonGenerator g, MedicationAdministration a, String patient)
      throws IOException {
    g.writeStringField("status", "completed");
    code(g, "medicationCodeableConcept", a.item(), null);
    reference(g, "subject", patient, null);
    reference(g, "context", "Encounter/" + a.encounterId(), null);
    g.writeStringField("effectiveDateTime", time(a.administeredAt()));
    if (a.performer() != null) {
      g.writeArrayFieldStart("performer");
      g.writeStartObject();
      g.writeObjectFieldStart("actor");
      g.writeStringField("display", a.performer());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
    }
    if (a.orderId() != null) {
      reference(g, "request", "MedicationRequest/" + a.orderId(), null);
    }
    if (a.dose() != null || a.route() != null) {
      g.writeObjectFieldStart("dosage");
      if (a.route() != null) {
        g.writeObjectFieldStart("route");
        g.writeStringField("text", a.route());
        g.writeEndObject();
      }
      if (a.dose() != null) {
        quantity(g, "dose", a.dose(), a.doseUnit());
      }
      g.writeEndObject();
    }
  }

  private void document(JsonGenerator g, ClinicalDocument d, String patient) throws IOException {
    g.writeStringField("status", "current");
    g.writeObjectFieldStart("type");
    g.writeStringField("text", d.type().chinese());
    g.writeEndObject();
    reference(g, "subject", patient, null);
    g.writeStringField("date", instant(d.createdAt()));
    if (d.author() != null) {
      g.writeArrayFieldStart("author");
      g.writeStartObject();
      g.writeStringField("display", d.author());
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeStringField("description", d.title());
    g.writeArrayFieldStart("content");
    g.writeStartObject();
    g.writeObjectFieldStart("attachment");
    g.writeStringField("contentType", "text/plain; charset=utf-8");
    g.writeStringField(
        "data", Base64.getEncoder().encodeToString(d.text().getBytes(StandardCharsets.UTF_8)));
    g.writeStringField("title", d.title());
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("context");
    g.writeArrayFieldStart("encounter");
    g.writeStartObject();
    g.writeStringField("reference", "Encounter/" + d.encounterId());
    g.writeEndObject();
    g.writeEndArray();
    if (d.eventAt() != null) {
      period(g, "period", d.eventAt(), null);
    }
    g.writeEndObject();
  }

  // ------------------------------------------------------------------ data types

  private void category(JsonGenerator g, String code) throws IOException {
    g.writeArrayFieldStart("category");
    g.writeStartObject();
    g.writeArrayFieldStart("coding");
    g.writeStartObject();
    coding(g, OBSERVATION_CATEGORY, code, null);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }

  /**
   * A code as its source system and, when mapped, the standard system (listed first: the reader
   * takes a coding in the expected standard as the standard code, the first other as the local).
   */
  private static void code(JsonGenerator g, String field, MappedCode code, CodeSystem standard)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeArrayFieldStart("coding");
    Code std = code.standard();
    if (std != null && standard != null && std.system().equals(standard)) {
      g.writeStartObject();
      coding(g, std.system().uri(), std.code(), std.display());
      g.writeEndObject();
    }
    Code local = code.local();
    if (std == null || !local.equals(std)) {
      g.writeStartObject();
      coding(g, local.system().uri(), local.code(), local.display());
      g.writeEndObject();
    }
    g.writeEndArray();
    String text = code.preferred().display();
    if (!text.isEmpty()) {
      g.writeStringField("text", text);
    }
    g.writeEndObject();
  }

  private static void codeable(
      JsonGenerator g, String field, String system, String code, String display)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeArrayFieldStart("coding");
    g.writeStartObject();
    coding(g, system, code, display);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A CodeableConcept of one coding, as an array element. */
  private static void concept(JsonGenerator g, String system, String code, String display)
      throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("coding");
    g.writeStartObject();
    coding(g, system, code, display);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void coding(JsonGenerator g, String system, String code, String display)
      throws IOException {
    g.writeStringField("system", system);
    g.writeStringField("code", code);
    if (display != null && !display.isEmpty()) {
      g.writeStringField("display", display);
    }
  }

  private static void reference(JsonGenerator g, String field, String target, String display)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("reference", target);
    if (display != null) {
      g.writeStringField("display", display);
    }
    g.writeEndObject();
  }

  private static void quantity(JsonGenerator g, String field, double value, String unit)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeNumberField("value", BigDecimal.valueOf(value));
    if (unit != null && !unit.isBlank()) {
      g.writeStringField("unit", unit);
    }
    g.writeEndObject();
  }

  private void period(JsonGenerator g, String field, LocalDateTime start, LocalDateTime end)
      throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("start", time(start));
    if (end != null) {
      g.writeStringField("end", time(end));
    }
    g.writeEndObject();
  }

  private String time(LocalDateTime t) {
    return times.format(t.atZone(zone));
  }

  /** FHIR {@code instant}: seconds required, which ISO_OFFSET_DATE_TIME writes unless zero. */
  private String instant(LocalDateTime t) {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").format(t.atZone(zone));
  }
}
