package io.tianshu.ingest.cda;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small null-safe steps through HL7 v3 elements (namespace {@code urn:hl7-org:v3}). */
final class Dom {

  private Dom() {}

  /** The first child element named {@code name}, or null (also for a null parent). */
  static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && isV3(e, name)) {
        return e;
      }
    }
    return null;
  }

  /** Follows a path of child names, e.g. {@code recordTarget, patientRole}. */
  static Element path(Element from, String... names) {
    Element e = from;
    for (String name : names) {
      e = child(e, name);
    }
    return e;
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && isV3(e, name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Every descendant named {@code name}, in document order. */
  static List<Element> descendants(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    if (parent != null) {
      collect(parent, name, out);
    }
    return out;
  }

  private static void collect(Element e, String name, List<Element> out) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) {
        if (isV3(c, name)) {
          out.add(c);
        }
        collect(c, name, out);
      }
    }
  }

  static boolean isV3(Element e, String name) {
    return name.equals(e.getLocalName()) && CdaXml.HL7_V3.equals(e.getNamespaceURI());
  }

  /** The attribute's trimmed value, or null when absent or blank. */
  static String attr(Element e, String name) {
    if (e == null || !e.hasAttribute(name)) {
      return null;
    }
    String v = e.getAttribute(name).strip();
    return v.isEmpty() ? null : v;
  }

  /** The element's text content, whitespace-trimmed, or null when absent or blank. */
  static String text(Element e) {
    if (e == null) {
      return null;
    }
    String v = e.getTextContent().strip();
    return v.isEmpty() ? null : v;
  }

  /** The {@code xsi:type} of an element, without a namespace prefix, or null. */
  static String xsiType(Element e) {
    String t = e.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "type");
    if (t == null || t.isBlank()) {
      return null;
    }
    int colon = t.indexOf(':');
    return colon >= 0 ? t.substring(colon + 1).strip() : t.strip();
  }

  /** The parent element, or null at the root. */
  static Element parent(Element e) {
    return e.getParentNode() instanceof Element p ? p : null;
  }

  /**
   * A person or organisation name: the text, with parts ({@code family}, {@code given}) joined
   * without a space when Chinese.
   */
  static String name(Element nameElement) {
    if (nameElement == null) {
      return null;
    }
    Element family = child(nameElement, "family");
    Element given = child(nameElement, "given");
    if (family == null && given == null) {
      return text(nameElement);
    }
    String f = text(family) == null ? "" : text(family);
    String g = text(given) == null ? "" : text(given);
    if (f.isEmpty() || g.isEmpty()) {
      String joined = (f + g).strip();
      return joined.isEmpty() ? null : joined;
    }
    boolean chinese = Character.UnicodeScript.of(f.codePointAt(0)) == Character.UnicodeScript.HAN;
    return chinese ? f + g : g + " " + f;
  }
}
