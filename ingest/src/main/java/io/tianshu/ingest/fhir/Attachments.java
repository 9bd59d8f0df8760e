package io.tianshu.ingest.fhir;

import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;

/**
 * Plain text from attachments: {@code text/plain} with inline base64 data, decoded in the declared
 * charset (UTF-8 when none is declared). Bytes invalid in that charset are refused, never guessed,
 * as for HL7 v2 (ADR 0008).
 */
final class Attachments {

  private Attachments() {}

  /** True when the attachment declares plain text. */
  static boolean isPlainText(Attachment a) {
    String type = a.getContentType();
    return type != null
        && type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("text/plain");
  }

  /** The first plain-text attachment with inline data, or null when there is none. */
  static Attachment firstPlainText(List<Attachment> attachments) {
    // getData(), not hasData(): HAPI's emptiness check re-encodes the bytes as base64.
    return attachments.stream()
        .filter(a -> isPlainText(a) && a.getData() != null && a.getData().length > 0)
        .findFirst()
        .orElse(null);
  }

  static String text(Attachment a, String element) {
    Charset charset = charset(a.getContentType(), element);
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(a.getData()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IngestException(
          IngestErrorCode.FHIR_DOCUMENT_CONTENT, element + " data is not valid " + charset.name());
    }
  }

  private static Charset charset(String contentType, String element) {
    for (String parameter : contentType.split(";")) {
      String[] pair = parameter.strip().split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
        String name = pair[1].strip().replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          throw new IngestException(
              IngestErrorCode.FHIR_DOCUMENT_CONTENT,
              element + " charset '" + name + "' is not supported");
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
