package io.tianshu.ingest.staging;

import io.tianshu.ingest.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A large feed made from the fixture stay (admission, results, transfer, discharge of
 * src/test/resources/hl7v2/feed) repeated for many patients: each copy gets its own MRN, visit
 * number, order numbers and control ids. Messages are written wave by wave (every admission, then
 * every result…), so each apply batch touches many patients, as a hospital feed does.
 */
final class GeneratedFeed {

  private static final List<String> WAVES =
      List.of(
          "hl7v2/feed/01-adt-a01-wang-wu.hl7",
          "hl7v2/feed/02-oru-r01-wang-wu-preliminary.hl7",
          "hl7v2/feed/03-oru-r01-wang-wu-corrected.hl7",
          "hl7v2/feed/04-adt-a02-wang-wu.hl7",
          "hl7v2/feed/06-adt-a03-wang-wu.hl7");

  private GeneratedFeed() {}

  /** The messages of {@code patients} stays, in wave order. */
  static List<byte[]> messages(int patients) {
    List<byte[]> out = new ArrayList<>();
    for (String template : WAVES) {
      String text = new String(Fixtures.bytes(template), StandardCharsets.UTF_8);
      for (int i = 0; i < patients; i++) {
        String n = String.format("%06d", i);
        out.add(
            text.replace("0088001", "7" + n)
                .replace("V2026112501", "V7" + n)
                .replace("ORD-9001", "ORD-7" + n)
                .replace("LIS-6001", "LIS-7" + n)
                .replace("-0001|", "-0001-" + n + "|")
                .replace("-0101|", "-0101-" + n + "|")
                .replace("-0102|", "-0102-" + n + "|")
                .replace("-0007|", "-0007-" + n + "|")
                .replace("-0042|", "-0042-" + n + "|")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** Writes the messages into {@code files} batch files, many messages per file. */
  static void write(List<byte[]> messages, Path directory, int files) {
    try {
      Files.createDirectories(directory);
      int per = (messages.size() + files - 1) / files;
      for (int f = 0; f < files; f++) {
        try (var out =
            Files.newOutputStream(directory.resolve(String.format("feed-%03d.hl7", f)))) {
          for (int i = f * per; i < Math.min(messages.size(), (f + 1) * per); i++) {
            out.write(messages.get(i));
            out.write('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
