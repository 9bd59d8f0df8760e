package io.tianshu.ingest.hl7v2;

import static io.tianshu.ingest.hl7v2.MappingContext.emptyToNull;

import ca.uhn.hl7v2.model.Segment;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Sex;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Maps PID: identifiers (PID-3, PID-2) and demographics. */
final class PatientMapping {

  private PatientMapping() {}

  record PatientKey(String patientId, List<PatientIdentifier> identifiers) {}

  /** PID-3 (every repetition), falling back to PID-2 as older feeds send it. */
  static PatientKey patientKey(IndexedSegment pid, MappingContext c) {
    return patientKey(pid, 3, 2, c);
  }

  /**
   * The patient named by a CX list field ({@code field}, every repetition), falling back to {@code
   * fallback}: PID-3 and PID-2, or MRG-1 and MRG-4 for the prior patient of a merge.
   */
  static PatientKey patientKey(IndexedSegment segment, int field, int fallback, MappingContext c) {
    List<PatientIdentifier> identifiers = new ArrayList<>();
    PatientIdentifier preferred = null;
    String name = segment.segment().getName();
    for (int rep = 0; rep < Fields.repetitions(segment.segment(), field); rep++) {
      PatientIdentifier id = identifier(segment.segment(), field, rep, c);
      if (id == null) {
        continue;
      }
      identifiers.add(id);
      boolean medicalRecord = Fields.get(segment.segment(), field, rep, 5, 1).equals("MR");
      if (preferred == null || (medicalRecord && !preferred.system().endsWith(":MR"))) {
        preferred = id;
      }
    }
    if (identifiers.isEmpty()) {
      PatientIdentifier external = identifier(segment.segment(), fallback, 0, c);
      if (external == null) {
        throw new IngestException(
            IngestErrorCode.PATIENT_ID_MISSING,
            name + "-" + field + " missing (and no " + name + "-" + fallback + " to fall back to)");
      }
      identifiers.add(external);
      preferred = external;
    }
    // Provisional id until identity matching links it to a Tianshu patient.
    return new PatientKey(preferred.system() + "|" + preferred.value(), identifiers);
  }

  private static PatientIdentifier identifier(Segment pid, int field, int rep, MappingContext c) {
    String value = Fields.get(pid, field, rep, 1, 1);
    if (value.isEmpty()) {
      return null;
    }
    String authority = Fields.get(pid, field, rep, 4, 1);
    String type = Fields.get(pid, field, rep, 5, 1);
    String system = (authority.isEmpty() ? c.header().sourceSystem() : authority);
    return new PatientIdentifier(type.isEmpty() ? system : system + ":" + type, value);
  }

  /**
   * The patient's demographics; when incomplete, quarantines ({@code required}, ADT: the HIS is the
   * master) or returns null (ORU: the lab only echoes the patient).
   */
  static Patient demographics(
      IndexedSegment pid, PatientKey key, MappingContext c, boolean required) {
    Segment s = pid.segment();
    String name = name(s);
    LocalDate birth = c.time().date(Fields.get(s, 7, 1), "PID-7");
    if (name.isEmpty() || birth == null) {
      if (!required) {
        return null;
      }
      throw new IngestException(
          IngestErrorCode.PATIENT_DEMOGRAPHICS_MISSING,
          name.isEmpty() ? "PID-5 patient name missing" : "PID-7 birth date missing");
    }
    String mrn =
        key.identifiers().stream()
            .filter(i -> i.system().endsWith(":MR"))
            .map(PatientIdentifier::value)
            .findFirst()
            .orElse(key.identifiers().get(0).value());
    return new Patient(
        key.patientId(),
        mrn,
        name,
        sex(Fields.get(s, 8, 1)),
        birth,
        null,
        emptyToNull(Fields.get(s, 13, 1)),
        emptyToNull(address(s)),
        key.identifiers(),
        c.provenance(pid));
  }

  /** PID-5 family^given: Chinese names join without a space (张^三 → 张三). */
  private static String name(Segment s) {
    return joinName(Fields.get(s, 5, 1), Fields.get(s, 5, 2));
  }

  private static String joinName(String family, String given) {
    if (family.isEmpty() || given.isEmpty()) {
      return family + given;
    }
    boolean chinese =
        Character.UnicodeScript.of(family.codePointAt(0)) == Character.UnicodeScript.HAN;
    return chinese ? family + given : family + " " + given;
  }

  private static String address(Segment s) {
    List<String> parts = new ArrayList<>();
    for (int component : new int[] {4, 3, 2, 1}) {
      String part = Fields.get(s, 11, component);
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return String.join(" ", parts);
  }

  /** PID-8: HL7 table 0001 and GB/T 2261.1 codes, which Chinese HIS feeds often send instead. */
  private static Sex sex(String code) {
    return switch (code) {
      case "M", "1", "男" -> Sex.MALE;
      case "F", "2", "女" -> Sex.FEMALE;
      default -> Sex.UNKNOWN;
    };
  }

  /** An XCN field (id^family^given) as a display name, falling back to the id. */
  static String person(Segment s, int field) {
    String name = joinName(Fields.get(s, field, 2), Fields.get(s, field, 3));
    return name.isEmpty() ? Fields.get(s, field, 1) : name;
  }
}
