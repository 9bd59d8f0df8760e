package io.tianshu.ingest.cda;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import io.tianshu.ingest.staging.MappedUnit;
import io.tianshu.ingest.staging.RecordFragment;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Maps one parsed WS/T 500 document to the records of its patient: the header's patient (non-master
 * demographics), its visit, the document with its section text, and the ICD-10 diagnoses and
 * ICD-9-CM-3 operations its entries code. Record ids derive from the document id, so a corrected
 * document re-sent under the same id replaces what the first one wrote.
 */
final class CdaMapper {

  /** WS/T 500 identifier roots (2.16.156.10011.1.x) that name the patient, in preference order. */
  private static final List<String[]> PATIENT_IDS =
      List.of(
          new String[] {"2.16.156.10011.1.13", "MR"}, // 病案号
          new String[] {"2.16.156.10011.1.12", "IP"}, // 住院号
          new String[] {"2.16.156.10011.1.11", "OP"}, // 门(急)诊号
          new String[] {"2.16.156.10011.1.2", "HR"}, // 城乡居民健康档案编号
          new String[] {"2.16.156.10011.1.19", "HC"}); // 居民健康卡号

  private static final String ID_CARD = "2.16.156.10011.1.3";
  private static final String DEPARTMENT = "2.16.156.10011.1.26";
  private static final String WARD = "2.16.156.10011.1.27";
  private static final String ICD10_CN = "2.16.156.10011.2.3.3.11";
  private static final String ICD10_HL7 = "2.16.840.1.113883.6.3";
  private static final String ICD9CM3_CN = "2.16.156.10011.2.3.3.12";
  private static final String ICD9CM_HL7 = "2.16.840.1.113883.6.104";
  private static final String DATA_ELEMENT_CATALOGUE = "2.16.156.10011.2.2.1";
  private static final String DIAGNOSIS_CODE_ELEMENT = "DE05.01.024.00";
  private static final String ADMITTED_ELEMENT = "DE06.00.092.00";
  private static final String DISCHARGED_ELEMENT = "DE06.00.017.00";
  private static final String OPERATION_NAME_ELEMENT = "DE06.00.094.00";
  private static final String OPERATION_LEVEL_ELEMENT = "DE06.00.255.00";
  private static final String ANAESTHESIA_ELEMENT = "DE06.00.073.00";
  private static final Pattern ICD9CM3_CODE = Pattern.compile("\\d{2}(\\.[0-9A-Za-z]{1,10})?");
  private static final Set<DocumentType> DISCHARGE_EVENT =
      EnumSet.of(
          DocumentType.DISCHARGE_SUMMARY, DocumentType.DEATH_RECORD, DocumentType.DEATH_DISCUSSION);

  private final Wst500 wst500;
  private final CdaTime time;
  private final SectionText sections;

  CdaMapper(Wst500 wst500, CdaTime time) {
    this.wst500 = wst500;
    this.time = time;
    this.sections = new SectionText(wst500, time);
  }

  /** The template a document declares by templateId, else by its WS/T 500 document code. */
  Wst500.Template template(Element root) {
    for (Element t : Dom.children(root, "templateId")) {
      Wst500.Template found = wst500.byTemplateId(Dom.attr(t, "root"));
      if (found != null) {
        return found;
      }
    }
    Element code = Dom.child(root, "code");
    if (Wst500.DOCUMENT_CODE_SYSTEM.equals(Dom.attr(code, "codeSystem"))) {
      return wst500.byCode(Dom.attr(code, "code"));
    }
    return null;
  }

  /** The document id as {@code root|extension} (or the root alone), or null. */
  static String documentId(Element root) {
    Element id = Dom.child(root, "id");
    String r = Dom.attr(id, "root");
    String x = Dom.attr(id, "extension");
    if (x == null) {
      return r;
    }
    return r == null ? x : r + "|" + x;
  }

  /** The custodian organisation's id, else the author's organisation's, else null. */
  static String sourceOrganisation(Element root) {
    String custodian =
        Dom.attr(
            Dom.path(
                root, "custodian", "assignedCustodian", "representedCustodianOrganization", "id"),
            "extension");
    if (custodian != null) {
      return custodian;
    }
    for (Element author : Dom.children(root, "author")) {
      String org =
          Dom.attr(
              Dom.path(author, "assignedAuthor", "representedOrganization", "id"), "extension");
      if (org != null) {
        return org;
      }
    }
    return null;
  }

  MappedUnit map(Element root, String source, String batchId) {
    Wst500.Template template = template(root);
    if (template == null) {
      throw new IngestException(
          IngestErrorCode.CDA_TEMPLATE_UNSUPPORTED,
          "no WS/T 500 templateId (2.16.156.10011.2.1.1.21-73) or document code (C0001-C0053)");
    }
    if (!template.supported()) {
      throw new IngestException(
          IngestErrorCode.CDA_TEMPLATE_UNSUPPORTED,
          template.code()
              + " "
              + template.title()
              + " is not supported: its content belongs in structured records Tianshu does not"
              + " read from CDA yet (see docs/cda.md)");
    }
    String docId = documentId(root);
    if (docId == null) {
      throw new IngestException(IngestErrorCode.CDA_DOCUMENT_ID_MISSING, "ClinicalDocument/id");
    }
    String recordId = "cda:" + docId;
    Element patientRole = Dom.path(root, "recordTarget", "patientRole");
    List<PatientIdentifier> identifiers = new ArrayList<>();
    String patientId = patientKey(patientRole, source, identifiers);

    Element encounterElement = Dom.path(root, "componentOf", "encompassingEncounter");
    // The visit's own times count only for a visit the document names (a skeleton, C0044, binds
    // 住院号 to encompassingEncounter/effectiveTime); else the 入院/出院日期时间 data elements.
    String visitId = visitId(encounterElement, source);
    Element visit = visitId == null ? null : encounterElement;
    LocalDateTime admitted = encounterTime(visit, "low", root, ADMITTED_ELEMENT);
    LocalDateTime discharged = encounterTime(visit, "high", root, DISCHARGED_ELEMENT);
    LocalDateTime createdAt =
        time.time(
            Dom.attr(Dom.child(root, "effectiveTime"), "value"), "ClinicalDocument/effectiveTime");
    if (createdAt == null) {
      throw new IngestException(
          IngestErrorCode.CDA_ELEMENT_MISSING, "ClinicalDocument/effectiveTime missing");
    }
    try {
      Patient demographics = demographics(patientRole, patientId, identifiers, source, docId);
      String encounterId = visitId != null ? visitId : "unlinked:" + patientId;
      List<Encounter> encounters = new ArrayList<>();
      Encounter encounter =
          encounter(
              encounterElement, template, visitId, patientId, admitted, discharged, source, docId);
      if (encounter != null) {
        encounters.add(encounter);
      }
      List<Operation> operations =
          operations(root, patientId, encounterId, recordId, source, docId, batchId);
      LocalDateTime eventAt = eventAt(template.type(), admitted, discharged, operations, createdAt);
      ClinicalDocument document =
          new ClinicalDocument(
              recordId,
              patientId,
              encounterId,
              template.type(),
              orElse(Dom.text(Dom.child(root, "title")), template.title()),
              author(root),
              eventAt,
              createdAt,
              time.time(
                  Dom.attr(Dom.path(root, "legalAuthenticator", "time"), "value"),
                  "legalAuthenticator/time"),
              sections.render(root),
              new Provenance(source, docId, batchId));
      List<Diagnosis> diagnoses =
          diagnoses(
              root,
              patientId,
              encounterId,
              recordId,
              source,
              docId,
              batchId,
              admitted,
              discharged,
              createdAt);
      return new MappedUnit(
          "CDA^" + template.code(),
          List.of(
              new RecordFragment(
                  patientId,
                  demographics,
                  false,
                  encounters,
                  diagnoses,
                  operations,
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(),
                  List.of(document))));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IngestException(IngestErrorCode.CDA_RECORD_INVALID, e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ patient

  /**
   * The provisional patient id {@code authority:type|value} of the most specific identifier (病案号,
   * 住院号, 门急诊号, 健康档案, 健康卡); the authority is the id's {@code assigningAuthorityName}, else the
   * source system, as HL7 v2 PID-3 names it.
   */
  private static String patientKey(
      Element patientRole, String source, List<PatientIdentifier> identifiers) {
    String key = null;
    for (String[] kind : PATIENT_IDS) {
      for (Element id : Dom.children(patientRole, "id")) {
        if (!kind[0].equals(Dom.attr(id, "root")) || Dom.attr(id, "extension") == null) {
          continue;
        }
        String authority = orElse(Dom.attr(id, "assigningAuthorityName"), source);
        PatientIdentifier identifier =
            new PatientIdentifier(authority + ":" + kind[1], Dom.attr(id, "extension"));
        if (!identifiers.contains(identifier)) {
          identifiers.add(identifier);
        }
        if (key == null) {
          key = identifier.system() + "|" + identifier.value();
        }
      }
    }
    if (key == null) {
      throw new IngestException(
          IngestErrorCode.CDA_PATIENT_ID_MISSING,
          "recordTarget/patientRole has no id with an extension under 病案号, 住院号, 门(急)诊号,"
              + " 健康档案编号 or 健康卡号 (2.16.156.10011.1.13/.12/.11/.2/.19)");
    }
    return key;
  }

  /** Demographics when name and birth date are both sent, else null (the patient must exist). */
  private Patient demographics(
      Element patientRole,
      String patientId,
      List<PatientIdentifier> identifiers,
      String source,
      String docId) {
    Element patient = Dom.child(patientRole, "patient");
    String name = Dom.name(Dom.child(patient, "name"));
    LocalDate birth =
        time.date(Dom.attr(Dom.child(patient, "birthTime"), "value"), "patient/birthTime");
    if (name == null || birth == null) {
      return null;
    }
    String idNumber = null;
    for (Element id : Dom.children(patient, "id")) {
      if (ID_CARD.equals(Dom.attr(id, "root"))) {
        idNumber = Dom.attr(id, "extension");
      }
    }
    String mrn =
        identifiers.stream()
            .filter(i -> i.system().endsWith(":MR"))
            .findFirst()
            .orElse(identifiers.get(0))
            .value();
    String phone = Dom.attr(Dom.child(patientRole, "telecom"), "value");
    if (phone != null && phone.toLowerCase(Locale.ROOT).startsWith("tel:")) {
      phone = phone.substring(4);
    }
    return new Patient(
        patientId,
        mrn,
        name,
        sex(Dom.attr(Dom.child(patient, "administrativeGenderCode"), "code")),
        birth,
        idNumber,
        phone,
        address(Dom.child(patientRole, "addr")),
        identifiers,
        new Provenance(source, docId + "#recordTarget", ""));
  }

  /** GB/T 2261.1 (1 male, 2 female, 0 unknown, 9 unspecified), also HL7 M/F. */
  private static Sex sex(String code) {
    if (code == null) {
      return Sex.UNKNOWN;
    }
    return switch (code) {
      case "1", "M", "男" -> Sex.MALE;
      case "2", "F", "女" -> Sex.FEMALE;
      default -> Sex.UNKNOWN;
    };
  }

  /** Structured parts largest first, as Chinese addresses are written; else the address text. */
  private static String address(Element addr) {
    if (addr == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String part :
        new String[] {"state", "city", "county", "township", "streetName", "houseNumber"}) {
      String v = Dom.text(Dom.child(addr, part));
      if (v != null) {
        b.append(v);
      }
    }
    String text = b.isEmpty() ? Dom.text(addr) : b.toString();
    return text == null || text.isBlank() ? null : text;
  }

  // ------------------------------------------------------------------ visit

  /** {@code visit:authority|extension} as HL7 v2 names visits (PV1-19), or null. */
  private static String visitId(Element encounter, String source) {
    for (Element id : Dom.children(encounter, "id")) {
      String x = Dom.attr(id, "extension");
      if (x != null) {
        return "visit:" + orElse(Dom.attr(id, "assigningAuthorityName"), source) + "|" + x;
      }
    }
    return null;
  }

  /**
   * The visit's low/high time from encompassingEncounter/effectiveTime, else the 入院/出院日期时间 data
   * element anywhere in the body.
   */
  private LocalDateTime encounterTime(
      Element encounter, String bound, Element root, String dataElement) {
    Element effective = Dom.child(encounter, "effectiveTime");
    String value = Dom.attr(Dom.child(effective, bound), "value");
    if (value == null && bound.equals("low")) {
      value = Dom.attr(effective, "value");
    }
    if (value != null) {
      return time.time(value, "encompassingEncounter/effectiveTime/" + bound);
    }
    for (Element observation : Dom.descendants(root, "observation")) {
      if (dataElement.equals(Dom.attr(Dom.child(observation, "code"), "code"))) {
        String v = Dom.attr(Dom.child(observation, "value"), "value");
        if (v != null) {
          return time.time(v, dataElement);
        }
      }
    }
    return null;
  }

  private static Encounter encounter(
      Element element,
      Wst500.Template template,
      String visitId,
      String patientId,
      LocalDateTime admitted,
      LocalDateTime discharged,
      String source,
      String docId) {
    if (visitId == null || admitted == null) {
      return null;
    }
    String department = null;
    String ward = null;
    for (Element org : Dom.descendants(element, "wholeOrganization")) {
      String root = Dom.attr(Dom.child(org, "id"), "root");
      if (DEPARTMENT.equals(root)) {
        department = Dom.text(Dom.child(org, "name"));
      } else if (WARD.equals(root)) {
        ward = Dom.text(Dom.child(org, "name"));
      }
    }
    if (department == null) {
      return null;
    }
    EncounterType type =
        switch (orElse(Dom.attr(Dom.child(element, "code"), "code"), "")) {
          case "IMP", "ACUTE", "NONAC" -> EncounterType.INPATIENT;
          case "AMB" -> EncounterType.OUTPATIENT;
          case "EMER" -> EncounterType.EMERGENCY;
          default -> template.visitKind();
        };
    return new Encounter(
        visitId,
        patientId,
        type,
        department,
        type == EncounterType.INPATIENT ? ward : null,
        admitted,
        discharged,
        null,
        null,
        List.of(),
        new Provenance(source, docId + "#encompassingEncounter", ""));
  }

  // ------------------------------------------------------------------ document

  private static LocalDateTime eventAt(
      DocumentType type,
      LocalDateTime admitted,
      LocalDateTime discharged,
      List<Operation> operations,
      LocalDateTime createdAt) {
    if (type == DocumentType.ADMISSION_NOTE && admitted != null) {
      return admitted;
    }
    if (DISCHARGE_EVENT.contains(type) && discharged != null) {
      return discharged;
    }
    if (type == DocumentType.OPERATION_NOTE && !operations.isEmpty()) {
      Operation op = operations.get(0);
      return op.endedAt() != null ? op.endedAt() : op.startedAt();
    }
    return null;
  }

  /** The author's name, else the legal authenticator's. */
  private static String author(Element root) {
    for (Element author : Dom.children(root, "author")) {
      String name = Dom.name(Dom.path(author, "assignedAuthor", "assignedPerson", "name"));
      if (name != null) {
        return name;
      }
    }
    return Dom.name(
        Dom.path(root, "legalAuthenticator", "assignedEntity", "assignedPerson", "name"));
  }

  // ------------------------------------------------------------------ coded entries

  private List<Diagnosis> diagnoses(
      Element root,
      String patientId,
      String encounterId,
      String recordId,
      String source,
      String docId,
      String batchId,
      LocalDateTime admitted,
      LocalDateTime discharged,
      LocalDateTime createdAt) {
    List<Diagnosis> out = new ArrayList<>();
    Set<DiagnosisKind> seen = EnumSet.noneOf(DiagnosisKind.class);
    int n = 0;
    for (Element observation : Dom.descendants(root, "observation")) {
      Element value = Dom.child(observation, "value");
      MappedCode code = diagnosisCode(observation, value);
      if (code == null) {
        continue;
      }
      Element outer = outermost(observation);
      DiagnosisKind kind = kind(outer, observation);
      if (kind == null) {
        continue;
      }
      Boolean ranked = rankedFirst(outer);
      boolean main = ranked != null ? ranked : !seen.contains(kind);
      seen.add(kind);
      LocalDateTime at =
          orElse(
              observationTime(observation),
              orElse(
                  observationTime(outer),
                  orElse(kind == DiagnosisKind.DISCHARGE ? discharged : admitted, createdAt)));
      String id = recordId + "#dx" + (++n);
      out.add(
          new Diagnosis(
              id,
              patientId,
              encounterId,
              kind,
              main,
              code,
              at,
              new Provenance(source, docId + "#dx" + n, batchId)));
    }
    return out;
  }

  /** An ICD-10 coded value (or a 诊断编码 data element's local code), with its translations. */
  private static MappedCode diagnosisCode(Element observation, Element value) {
    if (value == null || Dom.attr(value, "code") == null) {
      return null;
    }
    String systemName = orElse(Dom.attr(value, "codeSystemName"), "");
    boolean tcm = systemName.contains("15657") || systemName.contains("中医");
    boolean isDiagnosisElement =
        DIAGNOSIS_CODE_ELEMENT.equals(Dom.attr(Dom.child(observation, "code"), "code"));
    if (tcm || (!isIcd10(value) && !isDiagnosisElement && !hasTranslation(value, true))) {
      return null;
    }
    return mapped(value, true, displayOf(value, observation));
  }

  private static boolean isIcd10(Element cd) {
    String system = Dom.attr(cd, "codeSystem");
    return system != null && (system.startsWith(ICD10_CN) || system.equals(ICD10_HL7));
  }

  private static boolean isIcd9cm3(Element cd) {
    String system = Dom.attr(cd, "codeSystem");
    return system != null && (system.equals(ICD9CM3_CN) || system.equals(ICD9CM_HL7));
  }

  private static boolean hasTranslation(Element cd, boolean icd10) {
    for (Element t : Dom.children(cd, "translation")) {
      if (icd10 ? isIcd10(t) : isIcd9cm3(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The standard code is the value's or a translation's in the expected standard; the local code is
   * a code in any other system (the source's own list, by codeSystemName), else the standard.
   */
  private static MappedCode mapped(Element cd, boolean icd10, String display) {
    List<Element> codes = new ArrayList<>();
    codes.add(cd);
    codes.addAll(Dom.children(cd, "translation"));
    Code standard = null;
    Code local = null;
    for (Element c : codes) {
      String code = Dom.attr(c, "code");
      if (code == null) {
        continue;
      }
      String shown = orElse(Dom.attr(c, "displayName"), display);
      boolean isStandard = icd10 ? isIcd10(c) : isIcd9cm3(c);
      if (isStandard && standard == null) {
        standard = Code.of(icd10 ? CodeSystem.ICD10 : CodeSystem.ICD9CM3, code, shown);
      } else if (!isStandard && local == null) {
        String system =
            orElse(Dom.attr(c, "codeSystemName"), orElse(Dom.attr(c, "codeSystem"), "CDA"));
        local = Code.of(CodeSystem.local(system), code, shown);
      }
    }
    if (standard == null && local == null) {
      return null;
    }
    return local == null ? MappedCode.standard(standard) : new MappedCode(local, standard);
  }

  private static String displayOf(Element value, Element observation) {
    String display = orElse(Dom.attr(value, "displayName"), Dom.text(value));
    if (display != null) {
      return display;
    }
    Element outer = Dom.parent(Dom.parent(observation));
    if (outer != null && Dom.isV3(outer, "observation")) {
      Element v = Dom.child(outer, "value");
      return v == null ? null : Dom.text(v);
    }
    return null;
  }

  /** The outermost observation of an entry this observation is nested in (itself if none). */
  private static Element outermost(Element observation) {
    Element top = observation;
    for (Element p = Dom.parent(observation); p != null; p = Dom.parent(p)) {
      if (Dom.isV3(p, "entry") || Dom.isV3(p, "section")) {
        break;
      }
      if (Dom.isV3(p, "observation")) {
        top = p;
      }
    }
    return top;
  }

  /**
   * The diagnosis kind the data element names, outermost first: 出院/死亡诊断 discharge, 入院/初步诊断
   * admission, 门(急)诊诊断 outpatient; 修正, 确定, 补充, 术前 and 术后诊断 stay in the text only.
   */
  private static DiagnosisKind kind(Element outer, Element observation) {
    for (Element e : outer == observation ? List.of(observation) : List.of(outer, observation)) {
      String label = orElse(Dom.attr(Dom.child(e, "code"), "displayName"), "");
      if (label.contains("出院诊断") || label.contains("死亡诊断")) {
        return DiagnosisKind.DISCHARGE;
      }
      if (label.contains("入院诊断") || label.contains("初步诊断")) {
        return DiagnosisKind.ADMISSION;
      }
      if (label.contains("门诊诊断") || label.contains("门(急)诊诊断") || label.contains("门急诊诊断")) {
        return DiagnosisKind.OUTPATIENT;
      }
      if (label.contains("诊断")) {
        return null;
      }
    }
    Element section = section(observation);
    String heading = section == null ? null : Dom.attr(Dom.child(section, "code"), "code");
    if ("11535-2".equals(heading)) {
      return DiagnosisKind.DISCHARGE;
    }
    if ("46241-6".equals(heading)) {
      return DiagnosisKind.ADMISSION;
    }
    return null;
  }

  private static Element section(Element e) {
    for (Element p = Dom.parent(e); p != null; p = Dom.parent(p)) {
      if (Dom.isV3(p, "section")) {
        return p;
      }
    }
    return null;
  }

  /** Whether a 诊断顺位 under the entry says 1 (main); null when the entry has no rank. */
  private static Boolean rankedFirst(Element outer) {
    for (Element o : Dom.descendants(outer, "observation")) {
      String label = orElse(Dom.attr(Dom.child(o, "code"), "displayName"), "");
      if (label.contains("顺位")) {
        String v = Dom.attr(Dom.child(o, "value"), "value");
        return v == null ? null : v.equals("1");
      }
    }
    return null;
  }

  private LocalDateTime observationTime(Element observation) {
    Element effective = Dom.child(observation, "effectiveTime");
    String v = orElse(Dom.attr(effective, "value"), Dom.attr(Dom.child(effective, "low"), "value"));
    return time.time(v, "observation/effectiveTime");
  }

  private List<Operation> operations(
      Element root,
      String patientId,
      String encounterId,
      String recordId,
      String source,
      String docId,
      String batchId) {
    List<Operation> out = new ArrayList<>();
    String anaesthesia = null;
    for (Element o : Dom.descendants(root, "observation")) {
      if (ANAESTHESIA_ELEMENT.equals(Dom.attr(Dom.child(o, "code"), "code"))) {
        Element v = Dom.child(o, "value");
        anaesthesia = orElse(Dom.attr(v, "displayName"), Dom.text(v));
      }
    }
    int n = 0;
    for (Element procedure : Dom.descendants(root, "procedure")) {
      Element code = Dom.child(procedure, "code");
      if (code == null
          || Dom.attr(code, "code") == null
          || DATA_ELEMENT_CATALOGUE.equals(Dom.attr(code, "codeSystem"))) {
        continue;
      }
      String value = Dom.attr(code, "code");
      if (isIcd9cm3(code) && (value == null || !ICD9CM3_CODE.matcher(value).matches())) {
        continue; // a skeleton's data-element code, not an ICD-9-CM-3 code
      }
      Element effective = Dom.child(procedure, "effectiveTime");
      LocalDateTime start =
          time.time(
              orElse(Dom.attr(Dom.child(effective, "low"), "value"), Dom.attr(effective, "value")),
              "procedure/effectiveTime/low");
      if (start == null) {
        continue; // Operation needs its start; the procedure stays in the text
      }
      LocalDateTime end =
          time.time(
              Dom.attr(Dom.child(effective, "high"), "value"), "procedure/effectiveTime/high");
      MappedCode mapped = mapped(code, false, operationName(procedure));
      if (mapped == null) {
        continue;
      }
      String id = recordId + "#op" + (++n);
      out.add(
          new Operation(
              id,
              patientId,
              encounterId,
              mapped,
              start,
              end,
              Dom.name(
                  Dom.path(procedure, "performer", "assignedEntity", "assignedPerson", "name")),
              anaesthesia,
              incisionClass(procedure),
              level(procedure),
              new Provenance(source, docId + "#op" + n, batchId)));
    }
    return out;
  }

  private static String operationName(Element procedure) {
    for (Element o : Dom.descendants(procedure, "observation")) {
      if (OPERATION_NAME_ELEMENT.equals(Dom.attr(Dom.child(o, "code"), "code"))) {
        return Dom.text(Dom.child(o, "value"));
      }
    }
    return null;
  }

  private static int level(Element procedure) {
    for (Element o : Dom.descendants(procedure, "observation")) {
      if (OPERATION_LEVEL_ELEMENT.equals(Dom.attr(Dom.child(o, "code"), "code"))) {
        String v = Dom.attr(Dom.child(o, "value"), "code");
        if (v != null && v.matches("[1-4]")) {
          return Integer.parseInt(v);
        }
      }
    }
    return 0;
  }

  /** 手术切口类别 as I/II/III (also written 1-3 or Ⅰ-Ⅲ); null when not sent or 0 (no incision). */
  private static String incisionClass(Element procedure) {
    for (Element o : Dom.descendants(procedure, "observation")) {
      String label = orElse(Dom.attr(Dom.child(o, "code"), "displayName"), "");
      if (label.contains("切口类别") || label.contains("切口等级")) {
        String v = orElse(Dom.attr(Dom.child(o, "value"), "code"), "");
        return switch (v) {
          case "I", "1", "Ⅰ" -> "I";
          case "II", "2", "Ⅱ" -> "II";
          case "III", "3", "Ⅲ" -> "III";
          default -> null;
        };
      }
    }
    return null;
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
