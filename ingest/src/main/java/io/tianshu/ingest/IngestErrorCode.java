package io.tianshu.ingest;

import io.tianshu.core.error.ErrorCode;

/**
 * Why a message was quarantined: stable codes ({@code TS-INGEST-nnn}) that operators, logs and
 * replay tooling rely on, so a code never changes meaning once released. {@code 0xx} are HL7 v2,
 * {@code 2xx} FHIR R4.
 */
public enum IngestErrorCode {
  NOT_HL7V2("TS-INGEST-001", "Not an HL7 v2 message"),
  UNSUPPORTED_MESSAGE_TYPE("TS-INGEST-002", "Message type not supported"),
  MSH_INCOMPLETE("TS-INGEST-003", "Required MSH field missing"),
  CHARACTER_SET("TS-INGEST-004", "Character set unsupported or bytes do not match it"),
  UNPARSEABLE("TS-INGEST-005", "HL7 v2 structure could not be parsed"),
  BATCH_NOT_SUPPORTED("TS-INGEST-006", "Batch envelope not supported"),
  PID_SEGMENT_MISSING("TS-INGEST-010", "PID segment missing"),
  PATIENT_DEMOGRAPHICS_MISSING("TS-INGEST-011", "Required patient demographics missing"),
  PATIENT_ID_MISSING("TS-INGEST-012", "Patient identifier missing"),
  MRG_SEGMENT_MISSING("TS-INGEST-013", "MRG segment missing"),
  MERGE_INVALID("TS-INGEST-014", "Patient merge names the same patient twice"),
  PV1_SEGMENT_MISSING("TS-INGEST-020", "PV1 segment missing"),
  INVALID_PATIENT_CLASS("TS-INGEST-021", "Invalid patient class"),
  VISIT_INCOMPLETE("TS-INGEST-022", "Required visit field missing"),
  OBR_SEGMENT_MISSING("TS-INGEST-030", "OBR segment missing"),
  ORDER_ID_MISSING("TS-INGEST-031", "Order identifiers missing"),
  INVALID_RESULT_STATUS("TS-INGEST-032", "Result status missing or invalid"),
  INVALID_OBSERVATION_STATUS("TS-INGEST-033", "Observation status missing or invalid"),
  OBSERVATION_INCOMPLETE("TS-INGEST-034", "Required observation field missing"),
  DOCUMENT_INCOMPLETE("TS-INGEST-035", "Required document field missing"),
  DOCUMENT_TYPE_UNKNOWN("TS-INGEST-036", "Document type has no Tianshu equivalent"),
  INVALID_DATE("TS-INGEST-040", "Invalid date or time"),
  RECORD_INVALID("TS-INGEST-050", "Mapped record failed validation"),
  PATIENT_NOT_REGISTERED("TS-INGEST-060", "Patient not in the CDR within the hold time"),
  VISIT_NOT_FOUND("TS-INGEST-061", "Visit not in the CDR within the hold time"),
  INTERNAL("TS-INGEST-099", "Unexpected failure while ingesting"),
  TABLE_UNIT_UNREADABLE("TS-INGEST-401", "Table unit is not a readable tianshuTableChunk"),
  TABLE_MAPPING_UNKNOWN("TS-INGEST-402", "No table mapping of that name, version and table"),
  TABLE_PATIENT_MISSING("TS-INGEST-403", "Row does not name its patient"),
  TABLE_VALUE_MISSING("TS-INGEST-404", "Row lacks a value the CDR record requires"),
  TABLE_DATE_INVALID("TS-INGEST-405", "Date or time in no declared format"),
  TABLE_CODE_UNMAPPED("TS-INGEST-406", "Local code not in the mapping's value map"),
  TABLE_NUMBER_INVALID("TS-INGEST-407", "Number, boolean or code system not readable"),
  TABLE_RECORD_INVALID("TS-INGEST-408", "The CDR record refused the row's values"),
  TABLE_ROW_MALFORMED("TS-INGEST-409", "Row has another number of columns than the header"),
  /**
   * No longer raised (transfers are filed since fragments carry them); kept so the code stays
   * taken.
   */
  TABLE_ENTITY_NOT_APPLICABLE("TS-INGEST-410", "The feed cannot apply this entity yet"),
  TABLE_CHARSET_INVALID("TS-INGEST-411", "Row bytes invalid in the mapping's character set"),
  FHIR_UNREADABLE("TS-INGEST-201", "Input is not FHIR JSON"),
  FHIR_BUNDLE_UNSUPPORTED("TS-INGEST-202", "Not a Bundle, or Bundle type not supported"),
  FHIR_ENTRY_WITHOUT_RESOURCE("TS-INGEST-203", "Bundle entry carries no resource"),
  FHIR_RESOURCE_UNPARSEABLE("TS-INGEST-204", "Resource is not valid FHIR R4 JSON"),
  FHIR_RESOURCE_ID_MISSING("TS-INGEST-205", "Resource has neither id nor fullUrl"),
  FHIR_DUPLICATE_RESOURCE("TS-INGEST-206", "Resource occurs twice in one read"),
  FHIR_UNRESOLVED_REFERENCE("TS-INGEST-207", "Unresolved reference"),
  FHIR_REFERENCE_CONFLICT("TS-INGEST-208", "Reference points to the wrong resource"),
  FHIR_PATIENT_NOT_MAPPED("TS-INGEST-209", "Referenced patient was rejected"),
  FHIR_ENCOUNTER_NOT_MAPPED("TS-INGEST-210", "Referenced encounter was rejected or skipped"),
  FHIR_NO_ENCOUNTER("TS-INGEST-211", "Patient has no encounter to attach the fact to"),
  FHIR_ELEMENT_MISSING("TS-INGEST-212", "Required element missing"),
  FHIR_INVALID_TIME("TS-INGEST-213", "Date or time invalid or too imprecise"),
  FHIR_ENCOUNTER_CLASS("TS-INGEST-214", "Encounter class missing or not supported"),
  FHIR_VALUE_UNUSABLE("TS-INGEST-215", "Observation value missing or in an unconvertible unit"),
  FHIR_DOCUMENT_CONTENT("TS-INGEST-216", "Document has no readable plain-text content"),
  FHIR_RECORD_INVALID("TS-INGEST-217", "Mapped record failed validation"),
  FHIR_INTERNAL("TS-INGEST-299", "Unexpected failure while reading FHIR"),
  CDA_NOT_WELL_FORMED("TS-INGEST-301", "CDA document is not well-formed XML"),
  CDA_CHARACTER_SET("TS-INGEST-302", "CDA character set unsupported or bytes do not match it"),
  CDA_DOCTYPE("TS-INGEST-303", "CDA document declares a DTD or entities (refused, never resolved)"),
  CDA_NOT_CLINICAL_DOCUMENT("TS-INGEST-304", "Root element is not an HL7 v3 ClinicalDocument"),
  CDA_TEMPLATE_UNSUPPORTED("TS-INGEST-305", "WS/T 500 template missing, unknown or not supported"),
  CDA_DOCUMENT_ID_MISSING("TS-INGEST-306", "CDA document id missing"),
  CDA_PATIENT_ID_MISSING("TS-INGEST-307", "CDA recordTarget carries no patient identifier"),
  CDA_INVALID_TIME("TS-INGEST-308", "CDA time (TS) invalid"),
  CDA_ELEMENT_MISSING("TS-INGEST-309", "Required CDA element missing"),
  CDA_RECORD_INVALID("TS-INGEST-310", "Mapped record failed validation"),
  CDA_INTERNAL("TS-INGEST-399", "Unexpected failure while reading CDA");

  private final String code;
  private final String title;

  IngestErrorCode(String code, String title) {
    this.code = code;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** The core error code, for mapping to an HTTP problem detail (422: the input is at fault). */
  public ErrorCode toErrorCode() {
    return new ErrorCode(
        code, this == INTERNAL || this == FHIR_INTERNAL || this == CDA_INTERNAL ? 500 : 422, title);
  }
}
