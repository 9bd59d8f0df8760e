package io.tianshu.ingest.table;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import io.tianshu.ingest.IngestErrorCode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of a table to one CDR record, by the table's spec. A pure function of the row: staging
 * runs it to set failing rows apart, and the format runs it again when applying, with the same
 * result. Failures are {@link RowFailure}s with a code and a reason naming the field and value.
 */
final class RowMapper {

  /** A mapped row: the patient it is about and its record ({@link Patient}, {@link Encounter}…). */
  record Mapped(String patientId, Object record) {}

  private final TableSpec spec;

  RowMapper(TableSpec spec) {
    this.spec = spec;
  }

  TableSpec spec() {
    return spec;
  }

  Mapped map(RowValues row, Provenance provenance) {
    String patientId = strip(spec.patient().render(row));
    if (patientId == null) {
      throw new RowFailure(
          IngestErrorCode.TABLE_PATIENT_MISSING,
          "patient: '" + spec.patient().text() + "' is blank in this row");
    }
    String id = strip(spec.id().render(row));
    if (id == null) {
      throw new RowFailure(
          IngestErrorCode.TABLE_VALUE_MISSING,
          "id: '" + spec.id().text() + "' names a blank column in this row");
    }
    Fields f = new Fields(row);
    try {
      return new Mapped(patientId, build(f, patientId, id, row, provenance));
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      throw new RowFailure(
          IngestErrorCode.TABLE_RECORD_INVALID,
          spec.entity().yamlName() + " " + id + ": " + e.getMessage());
    }
  }

  private Object build(Fields f, String patientId, String id, RowValues row, Provenance p) {
    String encounter = null;
    if (spec.entity().needsEncounter()) {
      encounter = strip(spec.encounter().evaluate(row));
      if (encounter == null) {
        throw new RowFailure(IngestErrorCode.TABLE_VALUE_MISSING, "encounter: blank in this row");
      }
    }
    return switch (spec.entity()) {
      case PATIENT ->
          new Patient(
              patientId,
              f.required("mrn"),
              f.required("name"),
              (Sex) f.enumValue("sex"),
              f.date("birth_date"),
              f.text("id_number"),
              f.text("phone"),
              f.text("address"),
              f.identifiers("identifiers"),
              p);
      case ENCOUNTER ->
          new Encounter(
              id,
              patientId,
              (EncounterType) f.enumValue("type"),
              f.required("department"),
              f.text("ward"),
              f.dateTime("admitted_at"),
              f.dateTime("discharged_at"),
              (DischargeDisposition) f.enumValue("disposition"),
              f.text("attending_doctor"),
              List.of(),
              p);
      case TRANSFER ->
          new Transfer(
              id,
              encounter,
              f.text("from_department"),
              f.text("from_ward"),
              f.required("to_department"),
              f.text("to_ward"),
              f.dateTime("at"),
              p);
      case DIAGNOSIS ->
          new Diagnosis(
              id,
              patientId,
              encounter,
              (DiagnosisKind) f.enumValue("kind"),
              f.bool("main", false),
              f.code(),
              f.dateTime("diagnosed_at"),
              p);
      case OPERATION ->
          new Operation(
              id,
              patientId,
              encounter,
              f.code(),
              f.dateTime("started_at"),
              f.dateTime("ended_at"),
              f.text("surgeon"),
              f.text("anaesthesia"),
              f.text("incision_class"),
              f.integer("level", 0),
              p);
      case MEDICATION_ORDER ->
          new MedicationOrder(
              id,
              patientId,
              encounter,
              (OrderCategory) f.enumValue("category"),
              f.code(),
              f.number("dose"),
              f.text("dose_unit"),
              f.text("route"),
              f.text("frequency"),
              f.bool("long_term", false),
              f.dateTime("start_at"),
              f.dateTime("stop_at"),
              f.text("ordering_doctor"),
              p);
      case MEDICATION_ADMINISTRATION ->
          new MedicationAdministration(
              id,
              f.text("order_id"),
              patientId,
              encounter,
              f.code(),
              f.number("dose"),
              f.text("dose_unit"),
              f.text("route"),
              f.dateTime("administered_at"),
              f.text("performer"),
              p);
      case LAB -> lab(f, id, patientId, encounter, p);
      case VITAL ->
          new VitalSign(
              id,
              patientId,
              encounter,
              (VitalType) f.enumValue("type"),
              f.number("value"),
              f.dateTime("measured_at"),
              p);
      case EXAM ->
          new ExamReport(
              id,
              patientId,
              encounter,
              (ExamKind) f.enumValue("kind"),
              f.code(),
              f.text("body_site"),
              f.text("findings"),
              f.text("conclusion"),
              f.dateTime("examined_at"),
              f.dateTime("reported_at"),
              p);
      case DOCUMENT ->
          new ClinicalDocument(
              id,
              patientId,
              encounter,
              (DocumentType) f.enumValue("type"),
              f.text("title"),
              f.text("author"),
              f.dateTime("event_at"),
              f.dateTime("created_at"),
              f.dateTime("signed_at"),
              f.required("text"),
              p);
    };
  }

  private static LabResult lab(
      Fields f, String id, String patientId, String encounter, Provenance p) {
    Double numeric = f.number("numeric_value");
    String text;
    if (f.declared("text_value")) {
      text = orEmpty(f.text("text_value"));
    } else {
      // A source that sends only the number: its text is the number as written.
      text = numeric == null ? "" : f.raw("numeric_value").strip();
    }
    AbnormalFlag flag = (AbnormalFlag) f.enumValue("flag");
    return new LabResult(
        id,
        patientId,
        encounter,
        f.text("panel"),
        f.code(),
        numeric,
        text,
        f.text("unit"),
        f.number("reference_low"),
        f.number("reference_high"),
        f.text("reference_text"),
        flag == null ? AbnormalFlag.NORMAL : flag,
        f.text("specimen"),
        f.dateTime("collected_at"),
        f.dateTime("reported_at"),
        p);
  }

  /** Typed access to the row's mapped fields. */
  private final class Fields {
    private final RowValues row;

    Fields(RowValues row) {
      this.row = row;
    }

    String raw(String field) {
      ValueSpec v = spec.fields().get(field);
      if (v == null) {
        return null;
      }
      String s = v.evaluate(row);
      // Text is kept as written (a document's line breaks); typed values are trimmed where read.
      return s == null || s.isBlank() ? null : s;
    }

    String text(String field) {
      return raw(field);
    }

    boolean declared(String field) {
      return spec.fields().containsKey(field);
    }

    String required(String field) {
      String s = raw(field);
      if (s == null) {
        // An empty name or text may be what the source has: only absent values fail.
        ValueSpec v = spec.fields().get(field);
        if (v != null && v.constant() != null) {
          return v.constant();
        }
        throw missing(field);
      }
      return s;
    }

    private RowFailure missing(String field) {
      return new RowFailure(IngestErrorCode.TABLE_VALUE_MISSING, field + ": blank in this row");
    }

    Enum<?> enumValue(String field) {
      String s = raw(field);
      FieldType type = spec.entity().fields().get(field);
      if (s == null) {
        if (spec.entity().required().contains(field)) {
          throw missing(field);
        }
        return null;
      }
      Enum<?> e = type.constant(s.strip());
      if (e == null) {
        throw new RowFailure(
            IngestErrorCode.TABLE_CODE_UNMAPPED,
            field
                + ": '"
                + s
                + "' is not a "
                + type.name().toLowerCase(Locale.ROOT)
                + " (give the field a value map)");
      }
      return e;
    }

    LocalDate date(String field) {
      String s = raw(field);
      if (s == null) {
        if (spec.entity().required().contains(field)) {
          throw missing(field);
        }
        return null;
      }
      return spec.fields().get(field).formats().date(s, field);
    }

    LocalDateTime dateTime(String field) {
      String s = raw(field);
      if (s == null) {
        if (spec.entity().required().contains(field)) {
          throw missing(field);
        }
        return null;
      }
      return spec.fields().get(field).formats().dateTime(s, field);
    }

    Double number(String field) {
      String s = raw(field);
      if (s == null) {
        if (spec.entity().required().contains(field)) {
          throw missing(field);
        }
        return null;
      }
      try {
        double d = Double.parseDouble(s.strip());
        if (!Double.isFinite(d)) {
          throw new NumberFormatException();
        }
        return d;
      } catch (NumberFormatException e) {
        throw new RowFailure(
            IngestErrorCode.TABLE_NUMBER_INVALID, field + ": '" + s + "' is not a number");
      }
    }

    int integer(String field, int otherwise) {
      String s = raw(field);
      if (s == null) {
        return otherwise;
      }
      try {
        return Integer.parseInt(s.strip());
      } catch (NumberFormatException e) {
        throw new RowFailure(
            IngestErrorCode.TABLE_NUMBER_INVALID, field + ": '" + s + "' is not an integer");
      }
    }

    boolean bool(String field, boolean otherwise) {
      String s = raw(field);
      if (s == null) {
        return otherwise;
      }
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "t", "1", "y", "yes", "是" -> true;
        case "false", "f", "0", "n", "no", "否" -> false;
        default ->
            throw new RowFailure(
                IngestErrorCode.TABLE_NUMBER_INVALID, field + ": '" + s + "' is not a boolean");
      };
    }

    CodeSystem system(String field) {
      String s = raw(field);
      if (s == null) {
        return null;
      }
      try {
        return CodeSystems.byName(s);
      } catch (IllegalArgumentException e) {
        throw new RowFailure(IngestErrorCode.TABLE_NUMBER_INVALID, field + ": " + e.getMessage());
      }
    }

    /**
     * The coded value. Without std_* fields, a code in a standard system is its own standard code
     * and a local one stays unmapped; with them, the standard code is what the source mapped to
     * (none when blank).
     */
    MappedCode code() {
      CodeSystem system = system("system");
      String code = raw("code");
      if (system == null || code == null) {
        throw missing(system == null ? "system" : "code");
      }
      Code local = Code.of(system, code, orEmpty(raw("display")));
      if (!spec.fields().containsKey("std_code")) {
        return system.isLocal() ? new MappedCode(local, null) : MappedCode.standard(local);
      }
      CodeSystem stdSystem = system("std_system");
      String stdCode = raw("std_code");
      if (stdSystem == null || stdCode == null) {
        return new MappedCode(local, null);
      }
      return new MappedCode(local, Code.of(stdSystem, stdCode, orEmpty(raw("std_display"))));
    }

    /** {@code system=value;system=value}, as the synthetic hospital writes them. */
    List<PatientIdentifier> identifiers(String field) {
      String s = raw(field);
      if (s == null) {
        return List.of();
      }
      List<PatientIdentifier> out = new ArrayList<>();
      for (String part : s.split(";")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0 || eq == part.length() - 1) {
          throw new RowFailure(
              IngestErrorCode.TABLE_VALUE_MISSING, field + ": '" + part + "' is not system=value");
        }
        out.add(new PatientIdentifier(part.substring(0, eq).strip(), part.substring(eq + 1)));
      }
      return out;
    }
  }

  private static String strip(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
