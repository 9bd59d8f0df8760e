package io.tianshu.ingest.fhir;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.staging.MappedUnit;
import io.tianshu.ingest.staging.MessageOutcome;
import io.tianshu.ingest.staging.StagedMessage;
import io.tianshu.ingest.staging.UnitFormat;
import io.tianshu.ingest.staging.UnitHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * FHIR R4 JSON as staged units: one Bundle (transaction, batch, collection, searchset) or one
 * resource (a Bulk Data NDJSON line) per unit. A unit maps detached: references to a Patient or
 * Encounter that is not in it name them by logical id, which is the id the same resource gets when
 * it is in the unit, so a fact staged before its patient is held and a newer version of a resource
 * replaces the record of the older one.
 *
 * <p>A unit with any rejected resource is quarantined whole, whatever its bundle type: a
 * transaction is all or nothing by definition, and for a batch or collection a partly applied unit
 * could not show in the quarantine list what it left out. The reason names the first rejection that
 * is not a consequence of another.
 */
public final class FhirUnitFormat implements UnitFormat {

  /** How far into the bytes {@link #recognises} looks for {@code "resourceType"}. */
  private static final int SNIFF_BYTES = 4096;

  private static final byte[] RESOURCE_TYPE = "\"resourceType\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TIANSHU_KEY = "\"tianshu".getBytes(StandardCharsets.UTF_8);
  private static final JsonFactory JSON = new JsonFactory();

  private final ZoneId hospitalZone;

  /** Created on first use: the FHIR context behind it takes about a second to build. */
  private volatile FhirR4Reader reader;

  /** Times with an offset are converted to {@code hospitalZone}. */
  public FhirUnitFormat(ZoneId hospitalZone) {
    this.hospitalZone = Objects.requireNonNull(hospitalZone, "hospitalZone");
  }

  @Override
  public String name() {
    return "fhir";
  }

  /**
   * A JSON object with {@code "resourceType"} in its first 4 KB, unless its first key is a Tianshu
   * envelope ({@code "tianshuTableRow"}: a table-extract row, which may quote FHIR in a column).
   */
  @Override
  public boolean recognises(byte[] raw) {
    int i = skipBlank(raw, 0);
    if (i >= raw.length || raw[i] != '{') {
      return false;
    }
    int key = skipBlank(raw, i + 1);
    if (startsWith(raw, key, TIANSHU_KEY)) {
      return false;
    }
    return indexOf(raw, RESOURCE_TYPE, i, Math.min(raw.length, i + SNIFF_BYTES)) >= 0;
  }

  /**
   * Type {@code FHIR^Bundle} or {@code FHIR^<resourceType>}, source id {@code <Type>/<id>}, source
   * {@code meta.source}; read with a streaming parser that skips everything else.
   */
  @Override
  public UnitHeader header(byte[] raw) {
    String type = null;
    String id = null;
    String source = null;
    try (JsonParser p = JSON.createParser(raw)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return UnitHeader.NONE;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("resourceType")) {
          type = p.getText();
        } else if (value == JsonToken.VALUE_STRING && field.equals("id")) {
          id = p.getText();
        } else if (value == JsonToken.START_OBJECT && field.equals("meta")) {
          source = metaSource(p);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // A header is best effort: what was read so far stands; ingest() gives the reason.
    }
    type = blankToNull(type);
    id = blankToNull(id);
    return new UnitHeader(
        blankToNull(source),
        type == null || id == null ? null : type + "/" + id,
        type == null ? null : "FHIR^" + type,
        null);
  }

  private static String metaSource(JsonParser p) throws IOException {
    String source = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_STRING && field.equals("source")) {
        source = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return source;
  }

  @Override
  public MessageOutcome ingest(StagedMessage staged, String batchId) {
    UnitRead read = reader().readUnit(staged.raw(), staged.source());
    if (!read.rejections().isEmpty()) {
      FhirRejection cause = cause(read.rejections());
      return new MessageOutcome.Quarantined(staged, codeOf(cause), reason(read, cause));
    }
    String type = "FHIR^" + (read.resourceType() == null ? "?" : read.resourceType());
    return new MessageOutcome.Records(staged, new MappedUnit(type, read.fragments()));
  }

  private FhirR4Reader reader() {
    FhirR4Reader r = reader;
    if (r == null) {
      r = FhirR4Reader.shared().withHospitalZone(hospitalZone);
      reader = r;
    }
    return r;
  }

  /** The first rejection that is not only the consequence of another (209, 210). */
  private static FhirRejection cause(List<FhirRejection> rejections) {
    for (FhirRejection r : rejections) {
      if (!r.code().equals(IngestErrorCode.FHIR_PATIENT_NOT_MAPPED.code())
          && !r.code().equals(IngestErrorCode.FHIR_ENCOUNTER_NOT_MAPPED.code())) {
        return r;
      }
    }
    return rejections.get(0);
  }

  private static IngestErrorCode codeOf(FhirRejection rejection) {
    for (IngestErrorCode code : IngestErrorCode.values()) {
      if (code.code().equals(rejection.code())) {
        return code;
      }
    }
    return IngestErrorCode.FHIR_INTERNAL;
  }

  private static String reason(UnitRead read, FhirRejection cause) {
    String what =
        cause.resourceType().isEmpty()
            ? ""
            : cause.resourceType() + (cause.resourceId().isEmpty() ? "" : "/" + cause.resourceId());
    String first = what.isEmpty() ? cause.reason() : what + ": " + cause.reason();
    if (read.rejections().size() == 1 && read.resourcesRead() <= 1) {
      return first;
    }
    return read.rejections().size()
        + " of "
        + read.resourcesRead()
        + " resources rejected, so the whole "
        + (read.resourceType() == null ? "unit" : read.resourceType())
        + " is quarantined; "
        + (cause == read.rejections().get(0) ? "first: " : "cause: ")
        + first;
  }

  private static int skipBlank(byte[] raw, int from) {
    int i = from;
    if (i == 0
        && raw.length >= 3
        && (raw[0] & 0xff) == 0xEF
        && (raw[1] & 0xff) == 0xBB
        && (raw[2] & 0xff) == 0xBF) {
      i = 3; // UTF-8 byte order mark
    }
    while (i < raw.length
        && (raw[i] == ' ' || raw[i] == '\n' || raw[i] == '\r' || raw[i] == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
    if (at + prefix.length > raw.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (raw[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] raw, byte[] needle, int from, int to) {
    for (int i = from; i + needle.length <= to; i++) {
      if (raw[i] == needle[0] && startsWith(raw, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
