package io.tianshu.ingest.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The text of a CDA body with its section boundaries kept: each section's heading on a line of its
 * own (its {@code <title>}, else the Chinese heading of its LOINC code, else the code's display),
 * then its content. A section's narrative block is the attested content (CDA R2 §4.3.5) and is used
 * when it has text; WS/T 500 documents often leave it empty and carry the values in entries, which
 * are then written one per line as {@code 数据元名称：值}. Nested sections follow their parent.
 */
final class SectionText {

  private static final Set<String> BLOCKS =
      Set.of("paragraph", "br", "item", "tr", "list", "table", "caption", "thead", "tbody");
  private static final Set<String> STATEMENTS =
      Set.of(
          "observation",
          "procedure",
          "act",
          "substanceAdministration",
          "supply",
          "encounter",
          "organizer",
          "observationMedia",
          "regionOfInterest");
  private static final String DATA_ELEMENT_CATALOGUE = "2.16.156.10011.2.2.1";

  private final Wst500 wst500;
  private final CdaTime time;

  SectionText(Wst500 wst500, CdaTime time) {
    this.wst500 = wst500;
    this.time = time;
  }

  /** The text of every section below {@code body}, in document order. */
  String render(Element body) {
    StringBuilder out = new StringBuilder(4096);
    for (Element section : topSections(body)) {
      section(section, out);
    }
    return out.toString();
  }

  /**
   * Sections not inside another section: structuredBody's, or wherever a loose skeleton puts them.
   */
  static List<Element> topSections(Element root) {
    List<Element> top = new ArrayList<>();
    for (Element s : Dom.descendants(root, "section")) {
      if (!insideSection(s)) {
        top.add(s);
      }
    }
    return top;
  }

  private static boolean insideSection(Element s) {
    for (Element p = Dom.parent(s); p != null; p = Dom.parent(p)) {
      if (Dom.isV3(p, "section")) {
        return true;
      }
    }
    return false;
  }

  /** The heading a section is shown under, or null. */
  String title(Element section) {
    String title = Dom.text(Dom.child(section, "title"));
    if (title != null) {
      return title;
    }
    Element code = Dom.child(section, "code");
    String heading = wst500.heading(Dom.attr(code, "code"));
    return heading != null ? heading : Dom.attr(code, "displayName");
  }

  private void section(Element section, StringBuilder out) {
    String title = title(section);
    if (title != null) {
      out.append(title).append('\n');
    }
    List<String> lines = narrative(Dom.child(section, "text"));
    if (lines.isEmpty()) {
      for (Element entry : Dom.children(section, "entry")) {
        for (Element statement : statements(entry)) {
          statement(statement, title, out);
        }
      }
    } else {
      lines.forEach(l -> out.append(l).append('\n'));
    }
    for (Element component : Dom.children(section, "component")) {
      Element nested = Dom.child(component, "section");
      if (nested != null) {
        section(nested, out);
      }
    }
  }

  /** The narrative block's lines, trimmed, without empty ones. */
  static List<String> narrative(Element text) {
    List<String> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    StringBuilder b = new StringBuilder();
    flatten(text, b);
    for (String line : b.toString().split("\n")) {
      String l = line.strip();
      if (!l.isEmpty()) {
        lines.add(l);
      }
    }
    return lines;
  }

  private static void flatten(Node node, StringBuilder b) {
    for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        b.append(n.getNodeValue());
      } else if (n instanceof Element e) {
        String name = e.getLocalName() == null ? "" : e.getLocalName();
        if (name.equals("td") || name.equals("th")) {
          b.append('\t');
        }
        if (BLOCKS.contains(name)) {
          b.append('\n');
        }
        flatten(e, b);
        if (BLOCKS.contains(name)) {
          b.append('\n');
        }
      }
    }
  }

  private static List<Element> statements(Element holder) {
    List<Element> out = new ArrayList<>();
    for (Node n = holder.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && STATEMENTS.contains(e.getLocalName())
          && CdaXml.HL7_V3.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  private void statement(Element statement, String title, StringBuilder out) {
    Element code = Dom.child(statement, "code");
    String label = label(code);
    String value = value(statement);
    if (value != null) {
      if (label == null || label.equals(title)) {
        out.append(value).append('\n');
      } else {
        out.append(label).append('：').append(value).append('\n');
      }
    }
    for (String relation : new String[] {"entryRelationship", "component"}) {
      for (Element r : Dom.children(statement, relation)) {
        for (Element nested : statements(r)) {
          statement(nested, title, out);
        }
      }
    }
  }

  /** A statement code's name: its display (or qualifier name), unless it is a bare code. */
  private static String label(Element code) {
    if (code == null) {
      return null;
    }
    String display = Dom.attr(code, "displayName");
    if (display != null) {
      return display;
    }
    Element qualifierName = Dom.path(code, "qualifier", "name");
    return Dom.attr(qualifierName, "displayName");
  }

  /** The statement's value as text; a procedure's code when it is a coded procedure. */
  private String value(Element statement) {
    List<String> parts = new ArrayList<>();
    for (Element v : Dom.children(statement, "value")) {
      String s = valueText(v);
      if (s != null) {
        parts.add(s);
      }
    }
    if (parts.isEmpty() && Dom.isV3(statement, "procedure")) {
      Element code = Dom.child(statement, "code");
      if (code != null && !DATA_ELEMENT_CATALOGUE.equals(Dom.attr(code, "codeSystem"))) {
        return coded(Dom.attr(code, "displayName"), Dom.attr(code, "code"));
      }
    }
    return parts.isEmpty() ? null : String.join("；", parts);
  }

  private String valueText(Element v) {
    String type = Dom.xsiType(v);
    String attr = Dom.attr(v, "value");
    if (type == null) {
      return attr != null ? attr : Dom.text(v);
    }
    return switch (type) {
      case "CD", "CE", "CV", "CS", "CO" -> {
        String display = Dom.attr(v, "displayName");
        yield coded(display != null ? display : Dom.text(v), Dom.attr(v, "code"));
      }
      case "TS" -> attr == null ? null : time.display(attr);
      case "BL" ->
          attr == null ? null : attr.equals("true") ? "是" : attr.equals("false") ? "否" : attr;
      case "PQ" -> {
        String unit = Dom.attr(v, "unit");
        yield attr == null ? null : unit == null || unit.equals("1") ? attr : attr + unit;
      }
      case "IVL_TS", "IVL_PQ", "IVL_INT" -> interval(v);
      default -> attr != null ? attr : Dom.text(v);
    };
  }

  private String interval(Element v) {
    String low = Dom.attr(Dom.child(v, "low"), "value");
    String high = Dom.attr(Dom.child(v, "high"), "value");
    if (low == null && high == null) {
      return Dom.attr(v, "value");
    }
    boolean ts = "IVL_TS".equals(Dom.xsiType(v));
    String l = low == null ? "" : ts ? time.display(low) : low;
    String h = high == null ? "" : ts ? time.display(high) : high;
    return l + "—" + h;
  }

  private static String coded(String display, String code) {
    if (display == null) {
      return code;
    }
    return code == null || code.equals(display) ? display : display + "（" + code + "）";
  }
}
