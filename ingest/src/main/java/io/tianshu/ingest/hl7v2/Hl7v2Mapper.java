package io.tianshu.ingest.hl7v2;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a parsed ADT^A01/A02/A03/A04/A08/A11/A13/A40, ORU^R01, ORM^O01/OML^O21 (pharmacy orders) or
 * MDM^T02 message into Tianshu core records, or throws an {@link IngestException} naming the field
 * at fault. Reads segments by position, so the same code serves HL7 2.3 to 2.5.1 (and later
 * versions HAPI parses generically).
 */
public final class Hl7v2Mapper {

  /** Message types this slice maps; everything else is quarantined as unsupported. */
  public static final Set<String> SUPPORTED =
      Set.of(
          "ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A08", "ADT^A11", "ADT^A13", "ADT^A40",
          "ORU^R01", "ORM^O01", "OML^O21", "MDM^T02");

  private final Hl7v2Time time;

  /** A mapper that reads times without offset as local time of {@code hospitalZone}. */
  public Hl7v2Mapper(ZoneId hospitalZone) {
    this.time = new Hl7v2Time(Objects.requireNonNull(hospitalZone, "hospitalZone"));
  }

  /** A mapper for the default hospital time zone, Asia/Shanghai. */
  public Hl7v2Mapper() {
    this(ZoneId.of("Asia/Shanghai"));
  }

  /** True when {@code typeAndTrigger} (e.g. {@code ADT^A01}) is mapped by this class. */
  public static boolean supports(String typeAndTrigger) {
    return SUPPORTED.contains(typeAndTrigger);
  }

  /**
   * Maps one message.
   *
   * @param batchId the load batch recorded in every record's provenance
   * @throws IngestException with a stable code and a reason naming the field at fault
   */
  public MappedMessage map(ParsedMessage parsed, String batchId) {
    MshHeader header = parsed.header();
    checkHeader(header);
    MappingContext context = MappingContext.of(header, parsed.segments(), batchId, time);
    try {
      return switch (header.messageType()) {
        case "ORU" -> ResultMapping.map(context);
        case "ORM", "OML" -> OrderMapping.map(context);
        case "MDM" -> DocumentMapping.map(context);
        default -> AdtMapping.map(context);
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      // A core record constructor rejected a value: the message is at fault, not the code.
      throw new IngestException(IngestErrorCode.RECORD_INVALID, e.getMessage(), e);
    }
  }

  /**
   * As {@link #checkHeader}, and refuses an order message without pharmacy segments (RXO, RXE) as
   * unsupported before anything else: lab and exam orders have no CDR record type yet, whatever
   * else may be wrong with them.
   *
   * @param raw the message bytes (segment names are ASCII in every supported character set)
   */
  public static void checkSupported(MshHeader header, byte[] raw) {
    String type = header.messageType();
    if ((type.equals("ORM") || type.equals("OML"))
        && supports(header.typeAndTrigger())
        && !hasSegment(raw, "RXO")
        && !hasSegment(raw, "RXE")) {
      throw new IngestException(
          IngestErrorCode.UNSUPPORTED_MESSAGE_TYPE,
          header.typeAndTrigger()
              + " without RXO/RXE: lab and exam orders have no CDR record type yet");
    }
    checkHeader(header);
  }

  private static boolean hasSegment(byte[] raw, String name) {
    String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
    return text.contains("\r" + name + "|") || text.contains("\n" + name + "|");
  }

  /**
   * Checks the MSH fields every message needs and that its type is supported, before any parsing.
   *
   * @throws IngestException {@code TS-INGEST-002} for an unsupported type, {@code TS-INGEST-003}
   *     for a missing MSH-3, MSH-4, MSH-9 or MSH-10
   */
  public static void checkHeader(MshHeader header) {
    if (header.messageType().isEmpty()) {
      throw new IngestException(IngestErrorCode.MSH_INCOMPLETE, "MSH-9 message type missing");
    }
    if (!supports(header.typeAndTrigger())) {
      throw new IngestException(
          IngestErrorCode.UNSUPPORTED_MESSAGE_TYPE,
          "message type " + header.typeAndTrigger() + " is not supported");
    }
    if (header.sendingApplication().isEmpty()) {
      throw new IngestException(
          IngestErrorCode.MSH_INCOMPLETE, "MSH-3 sending application missing");
    }
    if (header.sendingFacility().isEmpty()) {
      throw new IngestException(IngestErrorCode.MSH_INCOMPLETE, "MSH-4 sending facility missing");
    }
    if (header.controlId().isEmpty()) {
      throw new IngestException(IngestErrorCode.MSH_INCOMPLETE, "MSH-10 control id missing");
    }
  }
}
