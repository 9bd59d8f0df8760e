package io.tianshu.store;

import java.util.List;

/**
 * The CDR tables the bulk writer fills, each with its columns in the order the writer emits them. The DDL
 * lives in the migration scripts; this list only has to name the columns the loader writes.
 */
enum CdrTable {
  PATIENT(
      "patient",
      "patient_key", "id", "mrn", "name", "sex", "birth_date", "id_number_hash", "id_number_masked",
      "phone", "address", "source_system", "source_record_id", "batch_id"),
  PATIENT_IDENTIFIER(
      "patient_identifier", "patient_key", "patient_id", "ord", "system", "value", "batch_id"),
  ENCOUNTER(
      "encounter",
      "patient_key", "patient_id", "ord", "id", "encounter_type", "department", "ward", "admitted_at",
      "discharged_at", "disposition", "attending_doctor", "source_system", "source_record_id",
      "batch_id"),
  TRANSFER(
      "transfer",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "from_department", "from_ward",
      "to_department", "to_ward", "transferred_at", "source_system", "source_record_id", "batch_id"),
  DIAGNOSIS(
      "diagnosis",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "kind", "is_main", "local_system",
      "local_code", "local_display", "std_system", "std_code", "std_display", "diagnosed_at",
      "source_system", "source_record_id", "batch_id"),
  OPERATION(
      "operation",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "local_system", "local_code",
      "local_display", "std_system", "std_code", "std_display", "started_at", "ended_at", "surgeon",
      "anaesthesia", "incision_class", "surgical_level", "source_system", "source_record_id", "batch_id"),
  MEDICATION_ORDER(
      "medication_order",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "category", "local_system", "local_code",
      "local_display", "std_system", "std_code", "std_display", "dose", "dose_unit", "route", "frequency",
      "long_term", "start_at", "stop_at", "ordering_doctor", "source_system", "source_record_id",
      "batch_id"),
  MEDICATION_ADMINISTRATION(
      "medication_administration",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "order_id", "local_system", "local_code",
      "local_display", "std_system", "std_code", "std_display", "dose", "dose_unit", "route",
      "administered_at", "performer", "source_system", "source_record_id", "batch_id"),
  LAB_RESULT(
      "lab_result",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "panel", "local_system", "local_code",
      "local_display", "std_system", "std_code", "std_display", "numeric_value", "text_value", "unit",
      "reference_low", "reference_high", "reference_text", "flag", "specimen", "collected_at",
      "reported_at", "source_system", "source_record_id", "batch_id"),
  VITAL_SIGN(
      "vital_sign",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "vital_type", "measured_value", "unit",
      "loinc_code", "measured_at", "source_system", "source_record_id", "batch_id"),
  EXAM_REPORT(
      "exam_report",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "kind", "local_system", "local_code",
      "local_display", "std_system", "std_code", "std_display", "body_site", "findings", "conclusion",
      "examined_at", "reported_at", "source_system", "source_record_id", "batch_id"),
  CLINICAL_DOCUMENT(
      "clinical_document",
      "patient_key", "patient_id", "encounter_id", "ord", "id", "document_type", "title", "author",
      "event_at", "created_at", "signed_at", "content", "source_system", "source_record_id", "batch_id");

  private final String sqlName;
  private final List<String> columns;

  CdrTable(String sqlName, String... columns) {
    this.sqlName = sqlName;
    this.columns = List.of(columns);
  }

  String sqlName() {
    return sqlName;
  }

  List<String> columns() {
    return columns;
  }

  /** Comma-separated column list for INSERT and COPY statements. */
  String columnList() {
    return String.join(", ", columns);
  }
}
