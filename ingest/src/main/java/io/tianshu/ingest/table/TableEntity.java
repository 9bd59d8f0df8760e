package io.tianshu.ingest.table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CDR entities a table can map to, each with the fields a mapping may fill and those it must.
 * Field names follow the synthetic hospital's CSV columns (snake case of the core record
 * components); a coded value is {@code system}, {@code code}, {@code display} and, when the source
 * maps to a standard itself, {@code std_system}, {@code std_code}, {@code std_display}.
 */
enum TableEntity {
  PATIENT(
      "patient",
      fields(
          "mrn",
          FieldType.TEXT,
          "name",
          FieldType.TEXT,
          "sex",
          FieldType.SEX,
          "birth_date",
          FieldType.DATE,
          "id_number",
          FieldType.TEXT,
          "phone",
          FieldType.TEXT,
          "address",
          FieldType.TEXT,
          "identifiers",
          FieldType.IDENTIFIERS),
      Set.of("mrn", "name", "sex", "birth_date")),
  ENCOUNTER(
      "encounter",
      fields(
          "type",
          FieldType.ENCOUNTER_TYPE,
          "department",
          FieldType.TEXT,
          "ward",
          FieldType.TEXT,
          "admitted_at",
          FieldType.DATE_TIME,
          "discharged_at",
          FieldType.DATE_TIME,
          "disposition",
          FieldType.DISPOSITION,
          "attending_doctor",
          FieldType.TEXT),
      Set.of("type", "department", "admitted_at")),
  TRANSFER(
      "transfer",
      fields(
          "from_department",
          FieldType.TEXT,
          "from_ward",
          FieldType.TEXT,
          "to_department",
          FieldType.TEXT,
          "to_ward",
          FieldType.TEXT,
          "at",
          FieldType.DATE_TIME),
      Set.of("to_department", "at")),
  DIAGNOSIS(
      "diagnosis",
      coded(
          "kind",
          FieldType.DIAGNOSIS_KIND,
          "main",
          FieldType.BOOLEAN,
          "diagnosed_at",
          FieldType.DATE_TIME),
      Set.of("kind", "system", "code", "diagnosed_at")),
  OPERATION(
      "operation",
      coded(
          "started_at",
          FieldType.DATE_TIME,
          "ended_at",
          FieldType.DATE_TIME,
          "surgeon",
          FieldType.TEXT,
          "anaesthesia",
          FieldType.TEXT,
          "incision_class",
          FieldType.TEXT,
          "level",
          FieldType.INTEGER),
      Set.of("system", "code", "started_at")),
  MEDICATION_ORDER(
      "medication_order",
      coded(
          "category",
          FieldType.ORDER_CATEGORY,
          "dose",
          FieldType.NUMBER,
          "dose_unit",
          FieldType.TEXT,
          "route",
          FieldType.TEXT,
          "frequency",
          FieldType.TEXT,
          "long_term",
          FieldType.BOOLEAN,
          "start_at",
          FieldType.DATE_TIME,
          "stop_at",
          FieldType.DATE_TIME,
          "ordering_doctor",
          FieldType.TEXT),
      Set.of("category", "system", "code", "start_at")),
  MEDICATION_ADMINISTRATION(
      "medication_administration",
      coded(
          "order_id",
          FieldType.TEXT,
          "dose",
          FieldType.NUMBER,
          "dose_unit",
          FieldType.TEXT,
          "route",
          FieldType.TEXT,
          "administered_at",
          FieldType.DATE_TIME,
          "performer",
          FieldType.TEXT),
      Set.of("system", "code", "administered_at")),
  LAB(
      "lab",
      coded(
          "panel",
          FieldType.TEXT,
          "numeric_value",
          FieldType.NUMBER,
          "text_value",
          FieldType.TEXT,
          "unit",
          FieldType.TEXT,
          "reference_low",
          FieldType.NUMBER,
          "reference_high",
          FieldType.NUMBER,
          "reference_text",
          FieldType.TEXT,
          "flag",
          FieldType.ABNORMAL_FLAG,
          "specimen",
          FieldType.TEXT,
          "collected_at",
          FieldType.DATE_TIME,
          "reported_at",
          FieldType.DATE_TIME),
      Set.of("system", "code", "collected_at")),
  VITAL(
      "vital",
      fields(
          "type",
          FieldType.VITAL_TYPE,
          "value",
          FieldType.NUMBER,
          "measured_at",
          FieldType.DATE_TIME),
      Set.of("type", "value", "measured_at")),
  EXAM(
      "exam",
      coded(
          "kind",
          FieldType.EXAM_KIND,
          "body_site",
          FieldType.TEXT,
          "findings",
          FieldType.TEXT,
          "conclusion",
          FieldType.TEXT,
          "examined_at",
          FieldType.DATE_TIME,
          "reported_at",
          FieldType.DATE_TIME),
      Set.of("kind", "system", "code", "examined_at")),
  DOCUMENT(
      "document",
      fields(
          "type",
          FieldType.DOCUMENT_TYPE,
          "title",
          FieldType.TEXT,
          "author",
          FieldType.TEXT,
          "event_at",
          FieldType.DATE_TIME,
          "created_at",
          FieldType.DATE_TIME,
          "signed_at",
          FieldType.DATE_TIME,
          "text",
          FieldType.TEXT),
      Set.of("type", "created_at", "text"));

  private final String yamlName;
  private final Map<String, FieldType> fields;
  private final Set<String> required;

  TableEntity(String yamlName, Map<String, FieldType> fields, Set<String> required) {
    this.yamlName = yamlName;
    this.fields = fields;
    this.required = required;
  }

  /** The name a mapping uses, e.g. {@code medication_order}. */
  String yamlName() {
    return yamlName;
  }

  Map<String, FieldType> fields() {
    return fields;
  }

  Set<String> required() {
    return required;
  }

  /** Whether rows of this entity are filed under an encounter (all but patient and encounter). */
  boolean needsEncounter() {
    return this != PATIENT && this != ENCOUNTER;
  }

  static Optional<TableEntity> byName(String name) {
    return Arrays.stream(values()).filter(e -> e.yamlName.equals(name)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(TableEntity::yamlName).toList();
  }

  private static Map<String, FieldType> fields(Object... pairs) {
    Map<String, FieldType> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (FieldType) pairs[i + 1]);
    }
    return Map.copyOf(out);
  }

  private static Map<String, FieldType> coded(Object... pairs) {
    Map<String, FieldType> out = new LinkedHashMap<>(fields(pairs));
    out.put("system", FieldType.CODE_SYSTEM);
    out.put("code", FieldType.TEXT);
    out.put("display", FieldType.TEXT);
    out.put("std_system", FieldType.CODE_SYSTEM);
    out.put("std_code", FieldType.TEXT);
    out.put("std_display", FieldType.TEXT);
    return Map.copyOf(out);
  }
}
