package io.tianshu.nlp.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the CCKS NER JSONL format, one document per line: {@code {"originalText": "...",
 * "entities": [{"label_type", "start_pos", "end_pos"}]}} with {@code end_pos} exclusive.
 */
public final class CcksCorpus {

  /** Stable code for a line that is not a CCKS document. */
  public static final ErrorCode BAD_LINE = new ErrorCode("TS-NLP-020", 400, "Bad CCKS line");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CcksCorpus() {}

  /** A deterministic split into training and held-out documents. */
  public record Split(List<CcksDocument> train, List<CcksDocument> heldOut) {
    public Split {
      train = List.copyOf(train);
      heldOut = List.copyOf(heldOut);
    }
  }

  /**
   * Reads every document of {@code file}.
   *
   * @throws TianshuException with {@link #BAD_LINE} naming the line number of a malformed line
   */
  public static List<CcksDocument> read(Path file) {
    List<CcksDocument> docs = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        docs.add(parse(line, file, lineNo));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /**
   * Every {@code every}-th document (index {@code every-1}, {@code 2*every-1}, …) is held out; the
   * rest train. Index-based so that the split is the same on every machine and run.
   */
  public static Split split(List<CcksDocument> docs, int every) {
    List<CcksDocument> train = new ArrayList<>();
    List<CcksDocument> held = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      (i % every == every - 1 ? held : train).add(docs.get(i));
    }
    return new Split(train, held);
  }

  private static CcksDocument parse(String line, Path file, int lineNo) {
    try {
      JsonNode root = JSON.readTree(line);
      JsonNode text = root.get("originalText");
      if (text == null || !text.isTextual()) {
        throw new TianshuException(BAD_LINE, file + ":" + lineNo + " has no originalText");
      }
      List<CcksEntity> entities = new ArrayList<>();
      for (JsonNode e : root.path("entities")) {
        entities.add(
            new CcksEntity(
                e.path("label_type").asText(),
                e.path("start_pos").asInt(),
                e.path("end_pos").asInt()));
      }
      entities.sort(Comparator.comparingInt(CcksEntity::start).thenComparingInt(CcksEntity::end));
      return new CcksDocument(text.asText(), entities);
    } catch (IOException | IllegalArgumentException e) {
      throw new TianshuException(BAD_LINE, file + ":" + lineNo + " " + e.getMessage(), e);
    }
  }
}
