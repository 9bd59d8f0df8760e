package io.tianshu.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/** Reads field components of any segment by position, independent of the HL7 version. */
final class Fields {

  private Fields() {}

  /** Component {@code component} (1-based) of the first repetition of a field, trimmed, or "". */
  static String get(Segment segment, int field, int component) {
    return get(segment, field, 0, component, 1);
  }

  static String get(Segment segment, int field, int repetition, int component, int sub) {
    try {
      String value = Terser.get(segment, field, repetition, component, sub);
      return value == null ? "" : value.trim();
    } catch (HL7Exception | RuntimeException e) {
      // A field beyond the segment's definition or a malformed repetition reads as absent.
      return "";
    }
  }

  static int repetitions(Segment segment, int field) {
    try {
      return segment.getField(field).length;
    } catch (HL7Exception | RuntimeException e) {
      return 0;
    }
  }

  /** "PID-3" style label used in quarantine reasons. */
  static String label(Segment segment, int field) {
    return segment.getName() + "-" + field;
  }
}
