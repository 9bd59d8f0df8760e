package io.tianshu.nlp.tagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.TianshuException;
import io.tianshu.nlp.eval.CcksCorpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads notes without annotations, for the tagger's character clusters ({@link
 * TrainOptions#withUnlabeled}): a JSONL file, one object per line, every string field of which is a
 * note. So a CCKS file (its {@code originalText}), {@code {"text": …}} lines and records with one
 * field per section all serve.
 */
public final class UnlabeledNotes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private UnlabeledNotes() {}

  /**
   * The notes of {@code file}.
   *
   * @throws TianshuException with {@link CcksCorpus#BAD_LINE} naming a line that is not a JSON
   *     object
   */
  public static List<String> read(Path file) {
    List<String> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode root;
        try {
          root = JSON.readTree(line);
        } catch (IOException e) {
          root = null;
        }
        if (root == null || !root.isObject()) {
          throw new TianshuException(
              CcksCorpus.BAD_LINE, file + ":" + lineNo + " is not a JSON object");
        }
        for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
          JsonNode v = it.next();
          if (v.isTextual() && !v.asText().isBlank()) {
            out.add(v.asText());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
