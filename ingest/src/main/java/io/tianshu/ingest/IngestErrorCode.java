package io.tianshu.ingest;

import io.tianshu.core.error.ErrorCode;

/**
 * Why a message was quarantined: stable codes ({@code TS-INGEST-nnn}) that operators, logs and
 * replay tooling rely on, so a code never changes meaning once released.
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
  PV1_SEGMENT_MISSING("TS-INGEST-020", "PV1 segment missing"),
  INVALID_PATIENT_CLASS("TS-INGEST-021", "Invalid patient class"),
  VISIT_INCOMPLETE("TS-INGEST-022", "Required visit field missing"),
  OBR_SEGMENT_MISSING("TS-INGEST-030", "OBR segment missing"),
  ORDER_ID_MISSING("TS-INGEST-031", "Order identifiers missing"),
  INVALID_RESULT_STATUS("TS-INGEST-032", "Result status missing or invalid"),
  INVALID_OBSERVATION_STATUS("TS-INGEST-033", "Observation status missing or invalid"),
  OBSERVATION_INCOMPLETE("TS-INGEST-034", "Required observation field missing"),
  INVALID_DATE("TS-INGEST-040", "Invalid date or time"),
  RECORD_INVALID("TS-INGEST-050", "Mapped record failed validation"),
  INTERNAL("TS-INGEST-099", "Unexpected failure while ingesting");

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
    return new ErrorCode(code, this == INTERNAL ? 500 : 422, title);
  }
}
