package io.tianshu.ingest.staging;

/**
 * A record-shaped source format staged and applied beside HL7 v2: FHIR R4, CDA documents, table
 * rows. Staging keeps each unit's bytes as received; the applier asks the format that recognises
 * them to map the unit. Implementations are stateless and thread-safe: units are mapped in
 * parallel, and again on every replay.
 */
public interface UnitFormat {

  /** Short name, e.g. {@code fhir}, {@code cda}, {@code table}. */
  String name();

  /**
   * Whether {@code raw} is a unit of this format. Cheap (looks at the first bytes only) and
   * unambiguous against the other formats; bytes no format recognises are treated as HL7 v2.
   */
  boolean recognises(byte[] raw);

  /** Header fields for the staging row; never throws ({@link UnitHeader#NONE} when unreadable). */
  UnitHeader header(byte[] raw);

  /**
   * Maps one staged unit. Never throws: a unit that cannot be read or mapped is {@link
   * MessageOutcome.Quarantined} with a stable code and a readable reason. The staged message's
   * {@code source()} is the provenance source system of every record.
   */
  MessageOutcome ingest(StagedMessage staged, String batchId);
}
