package io.tianshu.query.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tianshu.query.export.deid.DateShiftRange;
import io.tianshu.query.export.deid.Deidentification;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The description written beside a dataset: which spec and cohort it came from, how many rows, its
 * columns, and whether and how it was de-identified. It never holds the secret, the pseudonyms' key
 * or any patient's shift.
 *
 * @param createdAt when the export finished
 * @param cohort the cohort's name
 * @param format the file format
 * @param file the dataset's file name (no directory), or null for a stream
 * @param rows data rows
 * @param skippedMembers members without a record in the store
 * @param columns the columns
 * @param shiftRange the date shift range of a de-identified export; null when identified
 * @param spec the dataset specification as given
 */
public record ExportManifest(
    Instant createdAt,
    String cohort,
    ExportFormat format,
    String file,
    long rows,
    int skippedMembers,
    List<Column> columns,
    DateShiftRange shiftRange,
    String spec) {

  /** The version of this manifest's layout. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ExportManifest {
    columns = List.copyOf(columns);
  }

  public boolean deidentified() {
    return shiftRange != null;
  }

  /** Where the manifest of {@code dataset} is written: {@code NAME.manifest.json} beside it. */
  public static Path pathFor(Path dataset) {
    return dataset.resolveSibling(dataset.getFileName() + ".manifest.json");
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("manifestVersion", VERSION);
    root.put("createdAt", createdAt.toString());
    root.put("cohort", cohort);
    root.put("format", format.extension());
    root.put("file", file);
    root.put("rows", rows);
    root.put("skippedMembers", skippedMembers);
    ArrayNode cols = root.putArray("columns");
    for (Column c : columns) {
      cols.addObject().put("name", c.name()).put("type", c.type().name());
    }
    root.put("deidentified", deidentified());
    if (deidentified()) {
      ObjectNode d = root.putObject("deidentification");
      d.put("subjectId", "HMAC-SHA256 of the patient id with the installation's secret, 16 hex");
      ObjectNode shift = d.putObject("dateShiftDays");
      shift.put("min", shiftRange.minDays());
      shift.put("max", shiftRange.maxDays());
      shift.put("direction", "earlier or later, one shift per patient");
      d.put("ageTopCode", Deidentification.AGE_TOP_CODE);
      d.put(
          "freeText",
          "names, ID numbers, phone numbers, addresses, e-mail addresses and labelled record"
              + " numbers replaced; dates shifted; ages of 90 and over as ≥90");
    }
    root.set("spec", specJson());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode specJson() {
    try {
      return JSON.readTree(spec);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(spec);
    }
  }
}
