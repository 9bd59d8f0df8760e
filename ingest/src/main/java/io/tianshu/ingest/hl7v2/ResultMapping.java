package io.tianshu.ingest.hl7v2;

import static io.tianshu.ingest.hl7v2.MappingContext.emptyToNull;
import static io.tianshu.ingest.hl7v2.MappingContext.firstNonEmpty;
import static io.tianshu.ingest.hl7v2.MappingContext.firstNonNull;

import ca.uhn.hl7v2.model.Segment;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps ORU^R01: one lab result per OBX, under its OBR, for the PID before it. */
final class ResultMapping {

  /** HL7 table 0123 result status values that carry results (Y and Z say the order is unknown). */
  private static final Set<String> RESULT_STATUSES =
      Set.of("O", "I", "S", "A", "P", "C", "R", "F", "X");

  /** HL7 table 0085 minus N ("not asked": there is no observation to store). */
  private static final Set<String> OBSERVATION_STATUSES =
      Set.of("C", "D", "F", "I", "O", "P", "R", "S", "U", "W", "X");

  private static final Pattern RANGE =
      Pattern.compile("\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*[-~–]\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*");
  private static final Pattern UPPER = Pattern.compile("\\s*(?:<|<=|≤)\\s*([-+]?\\d+(?:\\.\\d+)?)");
  private static final Pattern LOWER = Pattern.compile("\\s*(?:>|>=|≥)\\s*([-+]?\\d+(?:\\.\\d+)?)");
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

  private ResultMapping() {}

  static MappedMessage map(MappingContext c) {
    if (c.first("PID") == null) {
      throw new IngestException(IngestErrorCode.PID_SEGMENT_MISSING, "PID segment missing");
    }
    if (c.first("OBR") == null) {
      throw new IngestException(IngestErrorCode.OBR_SEGMENT_MISSING, "OBR segment missing");
    }
    List<PatientIdentifier> identifiers = new ArrayList<>();
    List<Patient> patients = new ArrayList<>();
    List<LabResult> results = new ArrayList<>();
    PatientMapping.PatientKey key = null;
    String encounterId = null;
    IndexedSegment obr = null;
    for (IndexedSegment s : c.segments()) {
      switch (s.segment().getName()) {
        case "PID" -> {
          key = PatientMapping.patientKey(s, c);
          identifiers.addAll(key.identifiers());
          Patient patient = PatientMapping.demographics(s, key, c, false);
          if (patient != null) {
            patients.add(patient);
          }
          // Core requires an encounter; results without a visit are linked later by the matcher.
          encounterId = "unlinked:" + key.patientId();
          obr = null;
        }
        case "PV1" -> {
          String visit = Fields.get(s.segment(), 19, 1);
          if (key != null && !visit.isEmpty()) {
            encounterId = "visit:" + c.header().sourceSystem() + "|" + visit;
          }
        }
        case "OBR" -> {
          checkOrder(s);
          obr = s;
        }
        case "OBX" -> {
          if (key == null) {
            throw new IngestException(
                IngestErrorCode.PID_SEGMENT_MISSING, "OBX " + s.index() + " has no PID before it");
          }
          if (obr == null) {
            throw new IngestException(
                IngestErrorCode.OBR_SEGMENT_MISSING, "OBX " + s.index() + " has no OBR before it");
          }
          results.add(labResult(s, obr, key, encounterId, c));
        }
        default -> {
          // NTE, ORC, SPM, TQ1…: not mapped in this slice; the raw message keeps them.
        }
      }
    }
    return new MappedMessage(
        c.header().typeAndTrigger(),
        c.header().controlId(),
        c.header().sourceSystem(),
        identifiers,
        patients,
        List.of(),
        List.of(),
        results);
  }

  private static void checkOrder(IndexedSegment obr) {
    if (Fields.get(obr.segment(), 2, 1).isEmpty() && Fields.get(obr.segment(), 3, 1).isEmpty()) {
      throw new IngestException(
          IngestErrorCode.ORDER_ID_MISSING,
          "OBR " + obr.index() + ": OBR-2 placer and OBR-3 filler order number both missing");
    }
    String status = Fields.get(obr.segment(), 25, 1);
    if (status.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.INVALID_RESULT_STATUS,
          "OBR " + obr.index() + ": OBR-25 result status missing");
    }
    if (!RESULT_STATUSES.contains(status)) {
      throw new IngestException(
          IngestErrorCode.INVALID_RESULT_STATUS,
          "OBR " + obr.index() + ": invalid result status in OBR-25: '" + status + "'");
    }
  }

  private static LabResult labResult(
      IndexedSegment obx,
      IndexedSegment obr,
      PatientMapping.PatientKey key,
      String encounterId,
      MappingContext c) {
    Segment s = obx.segment();
    String status = Fields.get(s, 11, 1);
    if (!OBSERVATION_STATUSES.contains(status)) {
      throw new IngestException(
          IngestErrorCode.INVALID_OBSERVATION_STATUS,
          status.isEmpty()
              ? "OBX " + obx.index() + ": OBX-11 observation status missing"
              : "OBX " + obx.index() + ": invalid observation status in OBX-11: '" + status + "'");
    }
    MappedCode item = observationCode(s, obx.index(), c);
    String valueType = Fields.get(s, 2, 1);
    String text = value(s, valueType);
    Double numeric = numeric(valueType, text);
    String referenceText = Fields.get(s, 7, 1);
    Double[] range = range(referenceText);
    LocalDateTime collected =
        firstNonNull(
            c.time().dateTime(Fields.get(s, 14, 1), "OBX-14"),
            c.time().dateTime(Fields.get(obr.segment(), 7, 1), "OBR-7"));
    if (collected == null) {
      throw new IngestException(
          IngestErrorCode.OBSERVATION_INCOMPLETE,
          "OBX " + obx.index() + ": no observation time (OBX-14 and OBR-7 empty)");
    }
    LocalDateTime reported = c.time().dateTime(Fields.get(obr.segment(), 22, 1), "OBR-22");
    String order = firstNonEmpty(Fields.get(obr.segment(), 3, 1), Fields.get(obr.segment(), 2, 1));
    String subId = Fields.get(s, 4, 1);
    String id =
        c.header().sourceSystem()
            + "|"
            + order
            + "|"
            + item.local().code()
            + (subId.isEmpty() ? "" : "." + subId)
            + "#"
            + Fields.get(s, 1, 1);
    return new LabResult(
        id,
        key.patientId(),
        encounterId,
        emptyToNull(
            firstNonEmpty(Fields.get(obr.segment(), 4, 2), Fields.get(obr.segment(), 4, 1))),
        item,
        numeric,
        text,
        emptyToNull(firstNonEmpty(Fields.get(s, 6, 1), Fields.get(s, 6, 2))),
        range[0],
        range[1],
        emptyToNull(referenceText),
        flag(Fields.get(s, 8, 1)),
        emptyToNull(
            firstNonEmpty(
                Fields.get(obr.segment(), 15, 0, 1, 2), Fields.get(obr.segment(), 15, 1))),
        collected,
        reported,
        c.provenance(obx));
  }

  /** OBX-3: the primary triplet keeps its coding system; LN (here or in the alternate) is LOINC. */
  private static MappedCode observationCode(Segment s, int index, MappingContext c) {
    // Some senders fill only the alternate triplet (components 4-6); it then is the primary.
    int first = Fields.get(s, 3, 1).isEmpty() ? 4 : 1;
    String code = Fields.get(s, 3, first);
    String display = Fields.get(s, 3, first + 1);
    String system = Fields.get(s, 3, first + 2);
    if (code.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.OBSERVATION_INCOMPLETE, "OBX " + index + ": OBX-3 identifier missing");
    }
    if (system.equals("LN")) {
      return MappedCode.standard(Code.of(CodeSystem.LOINC, code, display));
    }
    Code local =
        Code.of(
            CodeSystem.local(system.isEmpty() ? c.header().sourceSystem() : system), code, display);
    String alternate = first == 1 ? Fields.get(s, 3, 4) : "";
    Code standard =
        Fields.get(s, 3, 6).equals("LN") && !alternate.isEmpty()
            ? Code.of(CodeSystem.LOINC, alternate, Fields.get(s, 3, 5))
            : null;
    return new MappedCode(local, standard);
  }

  /** OBX-5 as reported: coded values by their text, structured numerics joined, repeats by "; ". */
  private static String value(Segment s, String valueType) {
    List<String> parts = new ArrayList<>();
    for (int rep = 0; rep < Fields.repetitions(s, 5); rep++) {
      String v =
          switch (valueType) {
            case "CE", "CWE", "CNE", "CF" ->
                firstNonEmpty(Fields.get(s, 5, rep, 2, 1), Fields.get(s, 5, rep, 1, 1));
            case "SN" ->
                Fields.get(s, 5, rep, 1, 1)
                    + Fields.get(s, 5, rep, 2, 1)
                    + Fields.get(s, 5, rep, 3, 1)
                    + Fields.get(s, 5, rep, 4, 1);
            default -> Fields.get(s, 5, rep, 1, 1);
          };
      if (!v.isEmpty()) {
        parts.add(v);
      }
    }
    return String.join("; ", parts);
  }

  private static Double numeric(String valueType, String text) {
    if (!(valueType.equals("NM") || valueType.equals("SN")) || !NUMBER.matcher(text).matches()) {
      return null;
    }
    return Double.valueOf(text);
  }

  private static Double[] range(String text) {
    Matcher m = RANGE.matcher(text);
    if (m.matches()) {
      return new Double[] {Double.valueOf(m.group(1)), Double.valueOf(m.group(2))};
    }
    m = UPPER.matcher(text);
    if (m.matches()) {
      return new Double[] {null, Double.valueOf(m.group(1))};
    }
    m = LOWER.matcher(text);
    if (m.matches()) {
      return new Double[] {Double.valueOf(m.group(1)), null};
    }
    return new Double[] {null, null};
  }

  /**
   * OBX-8 (table 0078). Flags without a core equivalent (e.g. susceptibility R/S) read ABNORMAL.
   */
  private static AbnormalFlag flag(String code) {
    return switch (code) {
      case "", "N" -> AbnormalFlag.NORMAL;
      case "L", "<" -> AbnormalFlag.LOW;
      case "H", ">" -> AbnormalFlag.HIGH;
      case "LL", "LU" -> AbnormalFlag.CRITICAL_LOW;
      case "HH", "HU" -> AbnormalFlag.CRITICAL_HIGH;
      default -> AbnormalFlag.ABNORMAL;
    };
  }
}
