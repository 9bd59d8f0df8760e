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

  /**
   * A component read from the field's encoded text: for segments HAPI does not know in a structure
   * (an RXR in an ORM^O01 is kept as a non-standard segment whose fields it does not split).
   */
  static String encodedComponent(Segment segment, int field, int component) {
    try {
      if (segment.getField(field).length == 0) {
        return "";
      }
      String encoded = segment.getField(field, 0).encode();
      String separator = segment.getMessage().getEncodingCharactersValue().substring(0, 1);
      String[] parts = encoded.split(java.util.regex.Pattern.quote(separator), -1);
      return component <= parts.length ? parts[component - 1].trim() : "";
    } catch (HL7Exception | RuntimeException e) {
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
