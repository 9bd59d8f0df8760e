package io.tianshu.query.export.deid;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a record itself says identifies people, for finding them again in its free text: the
 * patient's name, the names of the staff who appear in it, the patient's numbers (Tianshu id, MRN,
 * ID number, identifiers in source systems), phone and address.
 *
 * @param patientNames the patient's name
 * @param staffNames doctors, nurses and authors named in the record's structured fields
 * @param numbers identifying numbers and codes of the patient
 * @param phones the patient's phone numbers
 * @param addresses the patient's addresses
 */
public record PatientIdentifiers(
    List<String> patientNames,
    List<String> staffNames,
    List<String> numbers,
    List<String> phones,
    List<String> addresses) {

  /**
   * Shorter numbers are left to the patterns: a three-character MRN would also match doses and lab
   * values, and scrubbing those would damage the data without protecting anyone.
   */
  static final int MIN_NUMBER_LENGTH = 4;

  public PatientIdentifiers {
    patientNames = List.copyOf(patientNames);
    staffNames = List.copyOf(staffNames);
    numbers = List.copyOf(numbers);
    phones = List.copyOf(phones);
    addresses = List.copyOf(addresses);
  }

  /** Nothing known: only the patterns apply. */
  public static PatientIdentifiers none() {
    return new PatientIdentifiers(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  public static PatientIdentifiers of(PatientRecord record) {
    Patient p = record.patient();
    Set<String> staff = new LinkedHashSet<>();
    for (Encounter e : record.encounters()) {
      staff.add(e.attendingDoctor());
    }
    for (MedicationOrder o : record.orders()) {
      staff.add(o.orderingDoctor());
    }
    for (MedicationAdministration a : record.administrations()) {
      staff.add(a.performer());
    }
    for (Operation o : record.operations()) {
      staff.add(o.surgeon());
    }
    for (ClinicalDocument d : record.documents()) {
      staff.add(d.author());
    }
    List<String> numbers = new ArrayList<>();
    numbers.add(p.id());
    numbers.add(p.mrn());
    numbers.add(p.idNumber());
    for (PatientIdentifier id : p.identifiers()) {
      numbers.add(id.value());
    }
    return new PatientIdentifiers(
        names(List.of(p.name())),
        names(staff),
        numbers(numbers),
        present(p.phone() == null ? List.of() : List.of(p.phone())),
        present(p.address() == null ? List.of() : List.of(p.address())));
  }

  private static List<String> names(Iterable<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      // A one-character "name" is a surname or a word, not a person.
      if (name != null && name.strip().codePointCount(0, name.strip().length()) >= 2) {
        out.add(name.strip());
      }
    }
    return out;
  }

  private static List<String> numbers(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      if (value != null && value.strip().length() >= MIN_NUMBER_LENGTH) {
        out.add(value.strip());
      }
    }
    return out;
  }

  private static List<String> present(List<String> values) {
    return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
  }
}
