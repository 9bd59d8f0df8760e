package io.tianshu.ingest.fhir;

import static io.tianshu.ingest.fhir.FhirCodes.blankToNull;

import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;

/**
 * Patient → {@link Patient}. The id is the resource's logical id, else its first identifier, else
 * its fullUrl; the MR identifier (v2-0203) is the MRN. A Chinese name is family + given without a
 * space ({@code 张} + {@code 三}); other names are given, then family.
 */
final class PatientMapping {

  private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

  private PatientMapping() {}

  static Patient map(SourceResource r, MappingContext c) {
    org.hl7.fhir.r4.model.Patient p = (org.hl7.fhir.r4.model.Patient) r.resource();
    List<PatientIdentifier> identifiers = identifiers(p, c.sourceSystem);
    String id =
        r.id() != null ? r.id() : !identifiers.isEmpty() ? token(identifiers.get(0)) : r.recordId();
    if (id == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_RESOURCE_ID_MISSING, "Patient has no id, identifier or fullUrl");
    }
    LocalDate birthDate = FhirTime.date(p.getBirthDateElement(), "Patient.birthDate");
    if (birthDate == null) {
      throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, "Patient.birthDate missing");
    }
    String mrn = mrn(p, identifiers, id);
    String name = name(p);
    Sex sex = sex(p);
    String idNumber = idNumber(p);
    String phone = phone(p);
    String address = address(p);
    String sourceRecordId =
        r.sourceRecordId() != null ? r.sourceRecordId() : "Patient?identifier=" + id;
    Provenance provenance = new Provenance(c.sourceSystem, sourceRecordId, "");
    return MappingContext.record(
        () ->
            new Patient(
                id, mrn, name, sex, birthDate, idNumber, phone, address, identifiers, provenance));
  }

  private static List<PatientIdentifier> identifiers(
      org.hl7.fhir.r4.model.Patient p, String sourceSystem) {
    List<PatientIdentifier> out = new ArrayList<>();
    for (Identifier identifier : p.getIdentifier()) {
      String value = blankToNull(identifier.getValue());
      if (value == null) {
        continue;
      }
      String system = blankToNull(identifier.getSystem());
      String type = FhirCodes.code(identifier.getType(), V2_0203);
      String issuer = system != null ? system : type != null ? type : sourceSystem;
      PatientIdentifier pi = new PatientIdentifier(issuer, value);
      if (!out.contains(pi)) {
        out.add(pi);
      }
    }
    return out;
  }

  private static String token(PatientIdentifier identifier) {
    return identifier.system() + "|" + identifier.value();
  }

  private static String mrn(
      org.hl7.fhir.r4.model.Patient p, List<PatientIdentifier> identifiers, String id) {
    for (Identifier identifier : p.getIdentifier()) {
      if ("MR".equals(FhirCodes.code(identifier.getType(), V2_0203))
          && blankToNull(identifier.getValue()) != null) {
        return identifier.getValue().strip();
      }
    }
    return identifiers.isEmpty() ? id : identifiers.get(0).value();
  }

  /** The resident ID card number: v2-0203 {@code NNCHN} (national person id of China). */
  private static String idNumber(org.hl7.fhir.r4.model.Patient p) {
    for (Identifier identifier : p.getIdentifier()) {
      String type = FhirCodes.code(identifier.getType(), V2_0203);
      String typeText = FhirCodes.text(identifier.getType());
      boolean idCard = "NNCHN".equals(type) || (typeText != null && typeText.contains("身份证"));
      if (idCard && blankToNull(identifier.getValue()) != null) {
        return identifier.getValue().strip();
      }
    }
    return null;
  }

  static String name(org.hl7.fhir.r4.model.Patient p) {
    HumanName chosen = null;
    for (HumanName name : p.getName()) {
      if (name.getUse() == HumanName.NameUse.OFFICIAL) {
        chosen = name;
        break;
      }
      if (chosen == null && name.getUse() != HumanName.NameUse.OLD) {
        chosen = name;
      }
    }
    if (chosen == null) {
      return "";
    }
    if (blankToNull(chosen.getText()) != null) {
      return chosen.getText().strip();
    }
    String family = chosen.hasFamily() ? chosen.getFamily().strip() : "";
    String given =
        chosen.getGiven().stream()
            .map(StringType::getValue)
            .filter(s -> s != null && !s.isBlank())
            .map(String::strip)
            .collect(Collectors.joining(hasHan(family) ? "" : " "));
    if (hasHan(family) || hasHan(given)) {
      return family + given;
    }
    return (given + " " + family).strip();
  }

  private static Sex sex(org.hl7.fhir.r4.model.Patient p) {
    if (p.getGender() == null) {
      return Sex.UNKNOWN;
    }
    return switch (p.getGender()) {
      case MALE -> Sex.MALE;
      case FEMALE -> Sex.FEMALE;
      default -> Sex.UNKNOWN;
    };
  }

  private static String phone(org.hl7.fhir.r4.model.Patient p) {
    return p.getTelecom().stream()
        .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE)
        .map(t -> blankToNull(t.getValue()))
        .filter(v -> v != null)
        .findFirst()
        .orElse(null);
  }

  /**
   * The address text, else its parts: largest first without spaces for Chinese, else smallest
   * first.
   */
  private static String address(org.hl7.fhir.r4.model.Patient p) {
    if (p.getAddress().isEmpty()) {
      return null;
    }
    Address a = p.getAddressFirstRep();
    if (blankToNull(a.getText()) != null) {
      return a.getText().strip();
    }
    List<String> lines = a.getLine().stream().map(StringType::getValue).toList();
    List<String> chinese =
        present(
            Stream.concat(
                Stream.of(a.getCountry(), a.getState(), a.getCity(), a.getDistrict()),
                lines.stream()));
    if (chinese.isEmpty()) {
      return null;
    }
    if (chinese.stream().anyMatch(PatientMapping::hasHan)) {
      return String.join("", chinese);
    }
    return String.join(
        ", ",
        present(
            Stream.concat(
                lines.stream(),
                Stream.of(a.getCity(), a.getDistrict(), a.getState(), a.getCountry()))));
  }

  private static List<String> present(Stream<String> parts) {
    return parts.filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
  }

  static boolean hasHan(String s) {
    return s != null
        && s.codePoints()
            .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
