package io.tianshu.ingest.staging;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import io.tianshu.ingest.hl7v2.Hl7v2Mapper;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.ingest.hl7v2.MappedMessage;
import io.tianshu.ingest.hl7v2.ParsedMessage;
import java.util.Objects;

/**
 * Entry point of HL7 v2 ingestion: turns a staged message into {@link MessageOutcome.Accepted} or
 * {@link MessageOutcome.Quarantined}. Never throws for any input bytes; a failure of our own code
 * is quarantined as {@code TS-INGEST-099} so that the message can be replayed after a fix.
 */
public final class Hl7v2Ingestion {

  private final Hl7v2Parser parser;
  private final Hl7v2Mapper mapper;

  public Hl7v2Ingestion(Hl7v2Parser parser, Hl7v2Mapper mapper) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** With a new parser and the default (Asia/Shanghai) mapper. */
  public Hl7v2Ingestion() {
    this(new Hl7v2Parser(), new Hl7v2Mapper());
  }

  /** Maps one staged message; the same message and batch always give the same outcome. */
  public MessageOutcome ingest(StagedMessage staged, String batchId) {
    try {
      byte[] raw = staged.raw();
      // Checked before HAPI parses, so an unsupported type is reported as such, not as a parse
      // error.
      Hl7v2Mapper.checkSupported(parser.readHeader(raw), raw);
      ParsedMessage parsed = parser.parse(raw);
      MappedMessage mapped = mapper.map(parsed, batchId);
      return new MessageOutcome.Accepted(staged, mapped);
    } catch (IngestException e) {
      return new MessageOutcome.Quarantined(staged, e.ingestErrorCode(), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return new MessageOutcome.Quarantined(
          staged, IngestErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
