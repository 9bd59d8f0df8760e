package io.tianshu.server.ingest;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.MessageStatus;
import io.tianshu.ingest.staging.QuarantinePage;
import io.tianshu.ingest.staging.SourceActivity;
import io.tianshu.ingest.staging.StoredMessage;
import io.tianshu.server.audit.AuditLog;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data integration review: quarantined messages with their code, reason and raw payload, replay
 * (optionally with a corrected payload), and per-source activity. A quarantined payload is patient
 * data, so every page of it is audited before it leaves the server.
 */
@RestController
@RequestMapping("/api/ingest")
class IngestController {

  static final ErrorCode NOT_QUARANTINED =
      new ErrorCode("TS-INGEST-901", 404, "No quarantined message with this id");

  private static final Pattern MSH18 = Pattern.compile("^MSH(.)[^\\r\\n]*", Pattern.DOTALL);

  private final IngestFeed feed;
  private final IngestUploads uploads;
  private final AuditLog audit;

  IngestController(IngestFeed feed, IngestUploads uploads, AuditLog audit) {
    this.feed = feed;
    this.uploads = uploads;
    this.audit = audit;
  }

  /**
   * Stages and applies an uploaded file through its connector (the body is the file's bytes) and
   * returns the run's counts, as {@code tianshu ingest FORMAT} prints them.
   */
  @PostMapping("/upload")
  Map<String, Object> upload(
      @RequestParam String format,
      @RequestParam(required = false) String filename,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) String mapping,
      @RequestBody byte[] content,
      Authentication user) {
    audit.append(
        user.getName(),
        "INGEST_UPLOAD",
        null,
        "POST /api/ingest/upload",
        format + " " + IngestUploads.safeName(filename, format) + ", " + content.length + " bytes");
    IngestCounts c = uploads.ingest(format, filename, content, source, mapping);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", format);
    out.put("received", c.received());
    out.put("accepted", c.accepted());
    out.put("updated", c.updated());
    out.put("duplicates", c.duplicates());
    out.put("quarantined", c.quarantined());
    out.put("held", c.held());
    out.put("released", c.released());
    out.put("seconds", Math.round(c.seconds() * 1000) / 1000.0);
    return out;
  }

  /** The formats {@code /upload} takes. */
  @GetMapping("/formats")
  List<String> formats() {
    return uploads.formats();
  }

  /** Quarantined messages, newest first, with payloads. */
  @GetMapping("/quarantine")
  Map<String, Object> quarantine(
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      @RequestParam(required = false) String source,
      Authentication user) {
    QuarantinePage q = feed.quarantine(source, page, size);
    String ids =
        q.items().stream().map(m -> String.valueOf(m.id())).collect(Collectors.joining(","));
    audit.append(
        user.getName(),
        "INGEST_QUARANTINE_READ",
        null,
        "GET /api/ingest/quarantine",
        ids.isEmpty() ? null : "messages " + ids);
    List<Map<String, Object>> items = new ArrayList<>();
    for (StoredMessage m : q.items()) {
      items.add(json(m));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", q.total());
    out.put("page", q.page());
    out.put("size", q.size());
    out.put("items", items);
    return out;
  }

  /**
   * The body of a replay: a corrected payload as text, or as base64 bytes; neither replays as
   * staged.
   */
  record ReplayRequest(String payload, String payloadBase64) {}

  /**
   * Replays a quarantined message: as staged, or with a corrected payload (the original is kept and
   * marked superseded). Returns the applied message with its new status.
   */
  @PostMapping("/quarantine/{id}/replay")
  Map<String, Object> replay(
      @PathVariable long id,
      @RequestBody(required = false) ReplayRequest body,
      Authentication user) {
    byte[] corrected = corrected(body);
    audit.append(
        user.getName(),
        "INGEST_REPLAY",
        null,
        "POST /api/ingest/quarantine/" + id + "/replay",
        corrected == null ? "as staged" : "corrected payload, " + corrected.length + " bytes");
    StoredMessage m =
        feed.replay(id, corrected)
            .orElseThrow(
                () ->
                    new TianshuException(
                        NOT_QUARANTINED, "Message " + id + " is not in quarantine."));
    return json(m);
  }

  /** Per source: messages by status, last arrival, messages per hour over the last 24 hours. */
  @GetMapping("/sources")
  List<Map<String, Object>> sources() {
    Instant now = feed.clock().instant();
    List<Map<String, Object>> out = new ArrayList<>();
    for (SourceActivity s : feed.sources(Duration.ofHours(24))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", s.source());
      Map<String, Long> byStatus = new LinkedHashMap<>();
      for (MessageStatus status : MessageStatus.values()) {
        byStatus.put(
            status.name().toLowerCase(java.util.Locale.ROOT),
            s.messages().getOrDefault(status, 0L));
      }
      m.put("messages", byStatus);
      m.put("total", s.total());
      m.put("last_arrival", s.lastArrival());
      List<Map<String, Object>> hours = new ArrayList<>();
      Instant first =
          now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(23));
      for (int h = 0; h < 24; h++) {
        Instant hour = first.plus(Duration.ofHours(h));
        hours.add(Map.of("hour", hour.toString(), "messages", s.perHour().getOrDefault(hour, 0L)));
      }
      m.put("per_hour", hours);
      out.add(m);
    }
    return out;
  }

  private static byte[] corrected(ReplayRequest body) {
    if (body == null) {
      return null;
    }
    if (body.payloadBase64() != null && !body.payloadBase64().isBlank()) {
      return Base64.getDecoder().decode(body.payloadBase64());
    }
    if (body.payload() == null || body.payload().isBlank()) {
      return null;
    }
    if (!body.payload().stripLeading().startsWith("MSH")) {
      // FHIR JSON, CDA XML, table rows: line ends are the content's own.
      return body.payload().getBytes(StandardCharsets.UTF_8);
    }
    // Segments end with CR in HL7 v2; a payload typed or pasted with line feeds is normalised.
    String text = body.payload().replace("\r\n", "\r").replace('\n', '\r');
    return text.getBytes(declared(text));
  }

  /** Text is encoded as its own MSH-18 declares (GB18030 feeds stay GB18030), else UTF-8. */
  private static Charset declared(String text) {
    Matcher m = MSH18.matcher(text);
    if (!m.find()) {
      return StandardCharsets.UTF_8;
    }
    String[] fields = m.group().split(Pattern.quote(m.group(1)), -1);
    if (fields.length < 18 || fields[17].isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Hl7v2Parser.charsetFor(fields[17].split("~")[0]);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static Map<String, Object> json(StoredMessage m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("status", m.status().name().toLowerCase(java.util.Locale.ROOT));
    out.put("code", m.errorCode());
    out.put("reason", m.reason());
    out.put("source", m.source());
    out.put("source_id", m.sourceId());
    out.put("message_type", m.messageType());
    out.put("channel", m.channel());
    out.put("arrived_at", m.arrivedAt());
    out.put("attempts", m.attempts());
    out.put("charset", m.charset());
    out.put("replay_of", m.replayOf());
    out.put("effect", m.effect() == null ? null : m.effect().toLowerCase(java.util.Locale.ROOT));
    out.put("payload", m.text());
    out.put("payload_base64", m.raw() == null ? null : Base64.getEncoder().encodeToString(m.raw()));
    return out;
  }
}
