package io.tianshu.ingest.hl7v2;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.util.regex.Pattern;

/**
 * The MSH fields read before parsing: who sent the message, what it is, and how it is encoded.
 *
 * @param sendingApplication MSH-3 component 1
 * @param sendingFacility MSH-4 component 1
 * @param messageType MSH-9 component 1, e.g. {@code ADT}
 * @param triggerEvent MSH-9 component 2, e.g. {@code A01}
 * @param controlId MSH-10
 * @param version MSH-12, e.g. {@code 2.5.1}
 * @param characterSet MSH-18 first repetition, empty when absent
 */
public record MshHeader(
    String sendingApplication,
    String sendingFacility,
    String messageType,
    String triggerEvent,
    String controlId,
    String version,
    String characterSet) {

  static MshHeader of(String mshLine) {
    if (mshLine.length() < 8 || !mshLine.startsWith("MSH")) {
      throw new IngestException(IngestErrorCode.NOT_HL7V2, "MSH segment is truncated");
    }
    char fieldSeparator = mshLine.charAt(3);
    int end = mshLine.indexOf(fieldSeparator, 4);
    String encoding = end < 0 ? mshLine.substring(4) : mshLine.substring(4, end);
    if (Character.isLetterOrDigit(fieldSeparator)
        || encoding.length() < 4
        || encoding.length() > 5
        || encoding.chars().anyMatch(ch -> Character.isLetterOrDigit(ch) || ch == ' ')) {
      throw new IngestException(
          IngestErrorCode.NOT_HL7V2, "MSH-2 encoding characters missing or malformed");
    }
    char component = encoding.charAt(0);
    char repetition = encoding.charAt(1);
    // fields[0] is "MSH" and MSH-1 is the separator itself, so MSH-n is fields[n - 1].
    String[] fields = mshLine.split(Pattern.quote(String.valueOf(fieldSeparator)), -1);
    return new MshHeader(
        component(field(fields, 3), component, 0),
        component(field(fields, 4), component, 0),
        component(field(fields, 9), component, 0),
        component(field(fields, 9), component, 1),
        component(field(fields, 10), component, 0),
        component(field(fields, 12), component, 0),
        component(firstRepetition(field(fields, 18), repetition), component, 0));
  }

  /** The source system as provenance names it: MSH-3, then MSH-4, joined by '/'. */
  public String sourceSystem() {
    return sendingApplication + "/" + sendingFacility;
  }

  /** E.g. {@code ADT^A01}. */
  public String typeAndTrigger() {
    return triggerEvent.isEmpty() ? messageType : messageType + "^" + triggerEvent;
  }

  private static String field(String[] fields, int mshNumber) {
    return mshNumber - 1 < fields.length ? fields[mshNumber - 1] : "";
  }

  private static String firstRepetition(String value, char repetition) {
    int i = value.indexOf(repetition);
    return i < 0 ? value : value.substring(0, i);
  }

  private static String component(String value, char separator, int index) {
    String[] parts = value.split(Pattern.quote(String.valueOf(separator)), -1);
    return index < parts.length ? parts[index].trim() : "";
  }
}
