package io.tianshu.server.patient;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.PatientSummary;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The de-identified view researchers get: name reduced to the surname, ID number, phone and address
 * removed, and the same identifiers scrubbed from document text. Date shifting and full free-text
 * PII scrubbing belong to the research export (see docs/architecture.md) and are not done here yet.
 */
final class Deidentifier {

  private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private Deidentifier() {}

  static String maskName(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first)
        + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }

  static PatientSummary summary(PatientSummary s) {
    return new PatientSummary(
        s.id(),
        s.mrn(),
        maskName(s.name()),
        s.sex(),
        s.birthDate(),
        null,
        s.lastDepartment(),
        s.lastAdmittedAt(),
        s.encounterCount());
  }

  static PatientRecord record(PatientRecord r) {
    Patient p = r.patient();
    Patient masked =
        new Patient(
            p.id(),
            p.mrn(),
            maskName(p.name()),
            p.sex(),
            p.birthDate(),
            null,
            null,
            null,
            List.of(),
            p.provenance());
    List<ClinicalDocument> documents = r.documents().stream().map(d -> scrub(d, p)).toList();
    return new PatientRecord(
        masked,
        r.encounters(),
        r.diagnoses(),
        r.operations(),
        r.orders(),
        r.administrations(),
        r.labs(),
        r.vitals(),
        r.exams(),
        documents);
  }

  private static ClinicalDocument scrub(ClinicalDocument d, Patient p) {
    String text = d.text();
    if (p.name() != null && !p.name().isEmpty()) {
      text = text.replace(p.name(), maskName(p.name()));
    }
    text = ID_NUMBER.matcher(text).replaceAll("[身份证号已隐去]");
    text = MOBILE.matcher(text).replaceAll("[电话已隐去]");
    if (p.address() != null && !p.address().isEmpty()) {
      text = text.replace(p.address(), "[地址已隐去]");
    }
    return new ClinicalDocument(
        d.id(),
        d.patientId(),
        d.encounterId(),
        d.type(),
        d.title(),
        d.author(),
        d.eventAt(),
        d.createdAt(),
        d.signedAt(),
        text,
        d.provenance());
  }
}
