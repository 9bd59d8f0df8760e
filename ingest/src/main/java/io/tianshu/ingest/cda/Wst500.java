package io.tianshu.ingest.cda;

import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.EncounterType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Tianshu knows of WS/T 500-2016: its 53 shared-document templates and the Chinese headings of
 * their LOINC-coded sections, read from {@code knowledge/cda/*.tsv}. Immutable once loaded.
 */
final class Wst500 {

  /** WS/T 500 document code system (卫生信息共享文档规范编码体系). */
  static final String DOCUMENT_CODE_SYSTEM = "2.16.156.10011.2.4";

  /**
   * One template.
   *
   * @param type the Tianshu document type, null when the template is not supported
   * @param visitKind the visit type when the document does not code one
   */
  record Template(
      String code, String templateId, String title, DocumentType type, EncounterType visitKind) {

    boolean supported() {
      return type != null;
    }
  }

  private final Map<String, Template> byCode = new LinkedHashMap<>();
  private final Map<String, Template> byTemplateId = new LinkedHashMap<>();
  private final Map<String, String> headings = new LinkedHashMap<>();

  private Wst500() {}

  static Wst500 load() {
    Wst500 w = new Wst500();
    for (String[] r : read("knowledge/cda/wst500-templates.tsv")) {
      Template t =
          new Template(
              r[0],
              r[1],
              r[2],
              r[3].equals("-") ? null : DocumentType.valueOf(r[3]),
              EncounterType.valueOf(r[4]));
      w.byCode.put(t.code(), t);
      w.byTemplateId.put(t.templateId(), t);
    }
    for (String[] r : read("knowledge/cda/wst500-sections.tsv")) {
      w.headings.put(r[0], r[1]);
    }
    return w;
  }

  Template byTemplateId(String templateId) {
    return templateId == null ? null : byTemplateId.get(templateId);
  }

  Template byCode(String code) {
    return code == null ? null : byCode.get(code);
  }

  List<Template> templates() {
    return List.copyOf(byCode.values());
  }

  /** The Chinese heading of a LOINC section code, or null. */
  String heading(String loinc) {
    return loinc == null ? null : headings.get(loinc);
  }

  private static List<String[]> read(String resource) {
    InputStream in = Wst500.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
