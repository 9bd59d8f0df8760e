package io.tianshu.ingest.hl7v2;

import ca.uhn.hl7v2.model.Segment;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parsed ADT^A01/A02/A03/A04/A08 or ORU^R01 message into Tianshu core records, or throws an
 * {@link IngestException} naming the field at fault. Reads segments by position, so the same code
 * serves HL7 2.3 to 2.5.1 (and later versions HAPI parses generically).
 */
public final class Hl7v2Mapper {

  /** Message types this slice maps; everything else is quarantined as unsupported. */
  public static final Set<String> SUPPORTED =
      Set.of("ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A08", "ORU^R01");

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

  private final Hl7v2Time time;

  /** A mapper that reads times without offset as local time of {@code hospitalZone}. */
  public Hl7v2Mapper(ZoneId hospitalZone) {
    this.time = new Hl7v2Time(Objects.requireNonNull(hospitalZone, "hospitalZone"));
  }

  /** A mapper for the default hospital time zone, Asia/Shanghai. */
  public Hl7v2Mapper() {
    this(ZoneId.of("Asia/Shanghai"));
  }

  /** True when {@code typeAndTrigger} (e.g. {@code ADT^A01}) is mapped by this class. */
  public static boolean supports(String typeAndTrigger) {
    return SUPPORTED.contains(typeAndTrigger);
  }

  /**
   * Maps one message.
   *
   * @param batchId the load batch recorded in every record's provenance
   * @throws IngestException with a stable code and a reason naming the field at fault
   */
  public MappedMessage map(ParsedMessage parsed, String batchId) {
    MshHeader header = parsed.header();
    checkHeader(header);
    Context context = new Context(header, parsed.segments(), batchId);
    try {
      if (header.messageType().equals("ORU")) {
        return mapResults(context);
      }
      return mapAdt(context);
    } catch (IllegalArgumentException | NullPointerException e) {
      // A core record constructor rejected a value: the message is at fault, not the code.
      throw new IngestException(IngestErrorCode.RECORD_INVALID, e.getMessage(), e);
    }
  }

  /**
   * Checks the MSH fields every message needs and that its type is supported, before any parsing.
   *
   * @throws IngestException {@code TS-INGEST-002} for an unsupported type, {@code TS-INGEST-003}
   *     for a missing MSH-3, MSH-4, MSH-9 or MSH-10
   */
  public static void checkHeader(MshHeader header) {
    if (header.messageType().isEmpty()) {
      throw new IngestException(IngestErrorCode.MSH_INCOMPLETE, "MSH-9 message type missing");
    }
    if (!supports(header.typeAndTrigger())) {
      throw new IngestException(
          IngestErrorCode.UNSUPPORTED_MESSAGE_TYPE,
          "message type " + header.typeAndTrigger() + " is not supported");
    }
    if (header.sendingApplication().isEmpty()) {
      throw new IngestException(
          IngestErrorCode.MSH_INCOMPLETE, "MSH-3 sending application missing");
    }
    if (header.sendingFacility().isEmpty()) {
      throw new IngestException(IngestErrorCode.MSH_INCOMPLETE, "MSH-4 sending facility missing");
    }
    if (header.controlId().isEmpty()) {
      throw new IngestException(IngestErrorCode.MSH_INCOMPLETE, "MSH-10 control id missing");
    }
  }

  // ---------------------------------------------------------------- ADT

  private MappedMessage mapAdt(Context c) {
    Indexed pid = c.first("PID");
    if (pid == null) {
      throw new IngestException(IngestErrorCode.PID_SEGMENT_MISSING, "PID segment missing");
    }
    Indexed pv1 = c.first("PV1");
    if (pv1 == null) {
      throw new IngestException(IngestErrorCode.PV1_SEGMENT_MISSING, "PV1 segment missing");
    }
    PatientKey key = patientKey(pid, c);
    Patient patient = demographics(pid, key, c, true);
    String trigger = c.header.triggerEvent();
    Indexed evn = c.first("EVN");
    LocalDateTime eventTime = eventTime(evn, c);

    EncounterType type = patientClass(pv1);
    String visitNumber = Fields.get(pv1.segment, 19, 1);
    LocalDateTime admitted = time.dateTime(Fields.get(pv1.segment, 44, 1), "PV1-44");
    if (admitted == null && (trigger.equals("A01") || trigger.equals("A04"))) {
      admitted = eventTime; // the admission event is the admission
    }
    String encounterId =
        visitNumber.isEmpty()
            ? key.patientId() + "@" + (admitted == null ? c.header.controlId() : admitted)
            : "visit:" + c.header.sourceSystem() + "|" + visitNumber;
    String ward = Fields.get(pv1.segment, 3, 1);
    String department = firstNonEmpty(Fields.get(pv1.segment, 10, 1), ward);

    List<Encounter> encounters = new ArrayList<>();
    List<Transfer> transfers = new ArrayList<>();
    if (trigger.equals("A02")) {
      if (department.isEmpty()) {
        throw new IngestException(
            IngestErrorCode.VISIT_INCOMPLETE, "PV1-10 and PV1-3 (new department/ward) missing");
      }
      transfers.add(
          new Transfer(
              encounterId + "@" + eventTime,
              encounterId,
              null,
              emptyToNull(Fields.get(pv1.segment, 6, 1)),
              department,
              emptyToNull(ward),
              eventTime,
              c.provenance(pv1)));
    }
    if (admitted == null) {
      // A02 carries the transfer and A08 the demographics even when the admit time is not resent.
      if (!trigger.equals("A02") && !trigger.equals("A08")) {
        throw new IngestException(IngestErrorCode.VISIT_INCOMPLETE, "PV1-44 admit time missing");
      }
    } else {
      if (department.isEmpty()) {
        throw new IngestException(
            IngestErrorCode.VISIT_INCOMPLETE, "PV1-10 hospital service and PV1-3 location missing");
      }
      LocalDateTime discharged = time.dateTime(Fields.get(pv1.segment, 45, 1), "PV1-45");
      if (discharged == null && trigger.equals("A03")) {
        discharged = eventTime;
      }
      encounters.add(
          new Encounter(
              encounterId,
              key.patientId(),
              type,
              department,
              type == EncounterType.INPATIENT ? emptyToNull(ward) : null,
              admitted,
              discharged,
              discharged == null ? null : disposition(Fields.get(pv1.segment, 36, 1)),
              emptyToNull(person(pv1.segment, 7)),
              transfers,
              c.provenance(pv1)));
    }
    return new MappedMessage(
        c.header.typeAndTrigger(),
        c.header.controlId(),
        c.header.sourceSystem(),
        key.identifiers(),
        List.of(patient),
        encounters,
        transfers,
        List.of());
  }

  private LocalDateTime eventTime(Indexed evn, Context c) {
    if (evn != null) {
      LocalDateTime occurred = time.dateTime(Fields.get(evn.segment, 6, 1), "EVN-6");
      if (occurred != null) {
        return occurred;
      }
      LocalDateTime recorded = time.dateTime(Fields.get(evn.segment, 2, 1), "EVN-2");
      if (recorded != null) {
        return recorded;
      }
    }
    LocalDateTime sent = time.dateTime(Fields.get(c.first("MSH").segment, 7, 1), "MSH-7");
    if (sent == null) {
      throw new IngestException(
          IngestErrorCode.MSH_INCOMPLETE, "no event time: EVN-6, EVN-2 and MSH-7 are all empty");
    }
    return sent;
  }

  private static EncounterType patientClass(Indexed pv1) {
    String value = Fields.get(pv1.segment, 2, 1);
    return switch (value) {
      case "I", "B" -> EncounterType.INPATIENT;
      case "E" -> EncounterType.EMERGENCY;
      // Pre-admit, recurring, commercial, not applicable, unknown: not a stay, count as visits.
      case "O", "P", "R", "C", "N", "U" -> EncounterType.OUTPATIENT;
      case "" ->
          throw new IngestException(
              IngestErrorCode.INVALID_PATIENT_CLASS, "PV1-2 patient class missing");
      default ->
          throw new IngestException(
              IngestErrorCode.INVALID_PATIENT_CLASS,
              "invalid patient class in PV1-2: '" + value + "'");
    };
  }

  /** PV1-36: China's 病案首页 离院方式 (1 医嘱离院 … 5 死亡, 9 其他) and HL7 table 0112's two-digit codes. */
  private static DischargeDisposition disposition(String code) {
    return switch (code) {
      case "" -> null;
      case "1", "01" -> DischargeDisposition.HOME;
      case "2", "02", "05", "43", "66" -> DischargeDisposition.TRANSFER_HOSPITAL;
      case "3", "03", "04", "06", "50", "51" -> DischargeDisposition.TRANSFER_COMMUNITY;
      case "4", "07" -> DischargeDisposition.AGAINST_ADVICE;
      case "5", "20", "40", "41", "42" -> DischargeDisposition.DEATH;
      default -> DischargeDisposition.OTHER;
    };
  }

  // ---------------------------------------------------------------- ORU

  private MappedMessage mapResults(Context c) {
    if (c.first("PID") == null) {
      throw new IngestException(IngestErrorCode.PID_SEGMENT_MISSING, "PID segment missing");
    }
    if (c.first("OBR") == null) {
      throw new IngestException(IngestErrorCode.OBR_SEGMENT_MISSING, "OBR segment missing");
    }
    List<PatientIdentifier> identifiers = new ArrayList<>();
    List<Patient> patients = new ArrayList<>();
    List<LabResult> results = new ArrayList<>();
    PatientKey key = null;
    String encounterId = null;
    Indexed obr = null;
    for (Indexed s : c.segments) {
      switch (s.segment.getName()) {
        case "PID" -> {
          key = patientKey(s, c);
          identifiers.addAll(key.identifiers());
          Patient patient = demographics(s, key, c, false);
          if (patient != null) {
            patients.add(patient);
          }
          // Core requires an encounter; results without a visit are linked later by the matcher.
          encounterId = "unlinked:" + key.patientId();
          obr = null;
        }
        case "PV1" -> {
          String visit = Fields.get(s.segment, 19, 1);
          if (key != null && !visit.isEmpty()) {
            encounterId = "visit:" + c.header.sourceSystem() + "|" + visit;
          }
        }
        case "OBR" -> {
          checkOrder(s);
          obr = s;
        }
        case "OBX" -> {
          if (key == null) {
            throw new IngestException(
                IngestErrorCode.PID_SEGMENT_MISSING, "OBX " + s.index + " has no PID before it");
          }
          if (obr == null) {
            throw new IngestException(
                IngestErrorCode.OBR_SEGMENT_MISSING, "OBX " + s.index + " has no OBR before it");
          }
          results.add(labResult(s, obr, key, encounterId, c));
        }
        default -> {
          // NTE, ORC, SPM, TQ1…: not mapped in this slice; the raw message keeps them.
        }
      }
    }
    return new MappedMessage(
        c.header.typeAndTrigger(),
        c.header.controlId(),
        c.header.sourceSystem(),
        identifiers,
        patients,
        List.of(),
        List.of(),
        results);
  }

  private static void checkOrder(Indexed obr) {
    if (Fields.get(obr.segment, 2, 1).isEmpty() && Fields.get(obr.segment, 3, 1).isEmpty()) {
      throw new IngestException(
          IngestErrorCode.ORDER_ID_MISSING,
          "OBR " + obr.index + ": OBR-2 placer and OBR-3 filler order number both missing");
    }
    String status = Fields.get(obr.segment, 25, 1);
    if (status.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.INVALID_RESULT_STATUS,
          "OBR " + obr.index + ": OBR-25 result status missing");
    }
    if (!RESULT_STATUSES.contains(status)) {
      throw new IngestException(
          IngestErrorCode.INVALID_RESULT_STATUS,
          "OBR " + obr.index + ": invalid result status in OBR-25: '" + status + "'");
    }
  }

  private LabResult labResult(
      Indexed obx, Indexed obr, PatientKey key, String encounterId, Context c) {
    Segment s = obx.segment;
    String status = Fields.get(s, 11, 1);
    if (!OBSERVATION_STATUSES.contains(status)) {
      throw new IngestException(
          IngestErrorCode.INVALID_OBSERVATION_STATUS,
          status.isEmpty()
              ? "OBX " + obx.index + ": OBX-11 observation status missing"
              : "OBX " + obx.index + ": invalid observation status in OBX-11: '" + status + "'");
    }
    MappedCode item = observationCode(s, obx.index, c);
    String valueType = Fields.get(s, 2, 1);
    String text = value(s, valueType);
    Double numeric = numeric(valueType, text);
    String referenceText = Fields.get(s, 7, 1);
    Double[] range = range(referenceText);
    LocalDateTime collected =
        firstNonNull(
            time.dateTime(Fields.get(s, 14, 1), "OBX-14"),
            time.dateTime(Fields.get(obr.segment, 7, 1), "OBR-7"));
    if (collected == null) {
      throw new IngestException(
          IngestErrorCode.OBSERVATION_INCOMPLETE,
          "OBX " + obx.index + ": no observation time (OBX-14 and OBR-7 empty)");
    }
    LocalDateTime reported = time.dateTime(Fields.get(obr.segment, 22, 1), "OBR-22");
    String order = firstNonEmpty(Fields.get(obr.segment, 3, 1), Fields.get(obr.segment, 2, 1));
    String subId = Fields.get(s, 4, 1);
    String id =
        c.header.sourceSystem()
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
        emptyToNull(firstNonEmpty(Fields.get(obr.segment, 4, 2), Fields.get(obr.segment, 4, 1))),
        item,
        numeric,
        text,
        emptyToNull(firstNonEmpty(Fields.get(s, 6, 1), Fields.get(s, 6, 2))),
        range[0],
        range[1],
        emptyToNull(referenceText),
        flag(Fields.get(s, 8, 1)),
        emptyToNull(
            firstNonEmpty(Fields.get(obr.segment, 15, 0, 1, 2), Fields.get(obr.segment, 15, 1))),
        collected,
        reported,
        c.provenance(obx));
  }

  /** OBX-3: the primary triplet keeps its coding system; LN (here or in the alternate) is LOINC. */
  private static MappedCode observationCode(Segment s, int index, Context c) {
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
            CodeSystem.local(system.isEmpty() ? c.header.sourceSystem() : system), code, display);
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

  // ---------------------------------------------------------------- patient

  private record PatientKey(String patientId, List<PatientIdentifier> identifiers) {}

  /** PID-3 (every repetition), falling back to PID-2 as older feeds send it. */
  private static PatientKey patientKey(Indexed pid, Context c) {
    List<PatientIdentifier> identifiers = new ArrayList<>();
    PatientIdentifier preferred = null;
    for (int rep = 0; rep < Fields.repetitions(pid.segment, 3); rep++) {
      PatientIdentifier id = identifier(pid.segment, 3, rep, c);
      if (id == null) {
        continue;
      }
      identifiers.add(id);
      boolean medicalRecord = Fields.get(pid.segment, 3, rep, 5, 1).equals("MR");
      if (preferred == null || (medicalRecord && !preferred.system().endsWith(":MR"))) {
        preferred = id;
      }
    }
    if (identifiers.isEmpty()) {
      PatientIdentifier external = identifier(pid.segment, 2, 0, c);
      if (external == null) {
        throw new IngestException(
            IngestErrorCode.PATIENT_ID_MISSING, "PID-3 missing (and no PID-2 to fall back to)");
      }
      identifiers.add(external);
      preferred = external;
    }
    // Provisional id until identity matching links it to a Tianshu patient.
    return new PatientKey(preferred.system() + "|" + preferred.value(), identifiers);
  }

  private static PatientIdentifier identifier(Segment pid, int field, int rep, Context c) {
    String value = Fields.get(pid, field, rep, 1, 1);
    if (value.isEmpty()) {
      return null;
    }
    String authority = Fields.get(pid, field, rep, 4, 1);
    String type = Fields.get(pid, field, rep, 5, 1);
    String system = (authority.isEmpty() ? c.header.sourceSystem() : authority);
    return new PatientIdentifier(type.isEmpty() ? system : system + ":" + type, value);
  }

  /**
   * The patient's demographics; when incomplete, quarantines ({@code required}, ADT: the HIS is the
   * master) or returns null (ORU: the lab only echoes the patient).
   */
  private Patient demographics(Indexed pid, PatientKey key, Context c, boolean required) {
    Segment s = pid.segment;
    String name = name(s);
    LocalDate birth = time.date(Fields.get(s, 7, 1), "PID-7");
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
  private static String person(Segment s, int field) {
    String name = joinName(Fields.get(s, field, 2), Fields.get(s, field, 3));
    return name.isEmpty() ? Fields.get(s, field, 1) : name;
  }

  // ---------------------------------------------------------------- helpers

  private record Indexed(int index, Segment segment) {}

  private static final class Context {
    final MshHeader header;
    final List<Indexed> segments;
    final String batchId;

    Context(MshHeader header, List<Segment> segments, String batchId) {
      this.header = header;
      this.batchId = Objects.requireNonNull(batchId, "batchId");
      List<Indexed> indexed = new ArrayList<>();
      for (int i = 0; i < segments.size(); i++) {
        indexed.add(new Indexed(i + 1, segments.get(i)));
      }
      this.segments = List.copyOf(indexed);
    }

    Indexed first(String name) {
      return segments.stream()
          .filter(s -> s.segment.getName().equals(name))
          .findFirst()
          .orElse(null);
    }

    /** Control id plus the 1-based segment index, so a fact points at its segment. */
    Provenance provenance(Indexed segment) {
      return new Provenance(
          header.sourceSystem(), header.controlId() + "#" + segment.index, batchId);
    }
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  private static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
