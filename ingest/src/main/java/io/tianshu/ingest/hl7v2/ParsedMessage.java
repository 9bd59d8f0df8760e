package io.tianshu.ingest.hl7v2;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.nio.charset.Charset;
import java.util.List;

/** A decoded and parsed HL7 v2 message, ready for {@link Hl7v2Mapper}. */
public final class ParsedMessage {

  private final MshHeader header;
  private final Charset charset;
  private final Message message;
  private final List<Segment> segments;

  ParsedMessage(MshHeader header, Charset charset, Message message, List<Segment> segments) {
    this.header = header;
    this.charset = charset;
    this.message = message;
    this.segments = List.copyOf(segments);
  }

  public MshHeader header() {
    return header;
  }

  /** The character set the bytes were decoded with. */
  public Charset charset() {
    return charset;
  }

  /** The HAPI message, for callers that need a structure this module does not map yet. */
  public Message hapiMessage() {
    return message;
  }

  /** Non-empty segments in message order. */
  List<Segment> segments() {
    return segments;
  }
}
