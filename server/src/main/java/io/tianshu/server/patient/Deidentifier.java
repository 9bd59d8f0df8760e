package io.tianshu.server.patient;

import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.store.PatientSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The de-identified view researchers get: name reduced to the surname, ID number, phone and address
 * removed, and the same identifiers scrubbed from document text. Date shifting and full free-text
 * PII scrubbing belong to the research export (see docs/architecture.md) and are not done here yet.
 */
public final class Deidentifier {

  private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

  private Deidentifier() {}

  static String maskName(String name) {
    if (name == null || name.isEmpty()) {
      return name;
    }
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first)
        + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
  }

  static PatientSummary summary(PatientSummary s) {
    return new PatientSummary(
        s.id(),
        s.mrn(),
        maskName(s.name()),
        s.sex(),
        s.birthDate(),
        null,
        s.lastDepartment(),
        s.lastAdmittedAt(),
        s.encounterCount());
  }

  static PatientRecord record(PatientRecord r) {
    Patient p = r.patient();
    Patient masked =
        new Patient(
            p.id(),
            p.mrn(),
            maskName(p.name()),
            p.sex(),
            p.birthDate(),
            null,
            null,
            null,
            List.of(),
            p.provenance());
    List<ClinicalDocument> documents = new ArrayList<>();
    Map<String, ScrubbedText> scrubbed = new HashMap<>();
    for (ClinicalDocument d : r.documents()) {
      ScrubbedText text = scrub(d.text(), p);
      scrubbed.put(d.id(), text);
      documents.add(withText(d, text.text()));
    }
    // Every note fact stays (their surfaces are clinical terms); their spans move with the text.
    List<NoteFact> noteFacts = new ArrayList<>();
    for (NoteFact f : r.noteFacts()) {
      ScrubbedText text = scrubbed.get(f.documentId());
      noteFacts.add(text == null ? f : text.move(f));
    }
    return new PatientRecord(
        masked,
        r.encounters(),
        r.diagnoses(),
        r.operations(),
        r.orders(),
        r.administrations(),
        r.labs(),
        r.vitals(),
        r.exams(),
        documents,
        noteFacts);
  }

  static ScrubbedText scrub(String original, Patient p) {
    return scrub(original, p.name(), p.address());
  }

  /**
   * {@code original} as a de-identified user may read it: the name of the patient it is about
   * reduced to the surname, ID numbers, mobile numbers and the address replaced; with where each
   * offset went. For callers that hold a document text and its patient's name and address only
   * (document search snippets).
   */
  public static ScrubbedText scrub(String original, String name, String address) {
    ScrubbedText text = ScrubbedText.of(original);
    if (name != null && !name.isEmpty()) {
      text = text.replace(Pattern.compile(Pattern.quote(name)), maskName(name));
    }
    text = text.replace(ID_NUMBER, "[身份证号已隐去]");
    text = text.replace(MOBILE, "[电话已隐去]");
    if (address != null && !address.isEmpty()) {
      text = text.replace(Pattern.compile(Pattern.quote(address)), "[地址已隐去]");
    }
    return text;
  }

  private static ClinicalDocument withText(ClinicalDocument d, String text) {
    return new ClinicalDocument(
        d.id(),
        d.patientId(),
        d.encounterId(),
        d.type(),
        d.title(),
        d.author(),
        d.eventAt(),
        d.createdAt(),
        d.signedAt(),
        text,
        d.provenance());
  }

  /**
   * A document text after replacements, with where each offset of the original went: a replacement
   * changes the length (an ID number of 18 characters becomes 9), and note fact spans must keep
   * pointing at their words. {@code starts[o]} and {@code ends[o]} are the same outside replaced
   * parts; inside one, a span start moves to the replacement's start and a span end to its end, so
   * a span touching replaced text covers the whole replacement and never a piece of what was
   * removed.
   */
  public record ScrubbedText(String text, int[] starts, int[] ends) {

    static ScrubbedText of(String text) {
      int[] identity = new int[text.length() + 1];
      for (int i = 0; i < identity.length; i++) {
        identity[i] = i;
      }
      return new ScrubbedText(text, identity, identity.clone());
    }

    /** Replaces every match of {@code pattern}, left to right, as {@code Matcher.replaceAll}. */
    ScrubbedText replace(Pattern pattern, String replacement) {
      Matcher m = pattern.matcher(text);
      if (!m.find()) {
        return this;
      }
      StringBuilder out = new StringBuilder(text.length());
      int[] startOf = new int[text.length() + 1];
      int[] endOf = new int[text.length() + 1];
      int copied = 0;
      do {
        for (int o = copied; o <= m.start(); o++) {
          startOf[o] = endOf[o] = out.length() + o - copied;
        }
        out.append(text, copied, m.start());
        int from = out.length();
        out.append(replacement);
        for (int o = m.start() + 1; o < m.end(); o++) {
          startOf[o] = from;
          endOf[o] = out.length();
        }
        copied = m.end();
      } while (m.find());
      for (int o = copied; o <= text.length(); o++) {
        startOf[o] = endOf[o] = out.length() + o - copied;
      }
      out.append(text, copied, text.length());
      int[] newStarts = new int[starts.length];
      int[] newEnds = new int[ends.length];
      for (int i = 0; i < starts.length; i++) {
        newStarts[i] = startOf[starts[i]];
        newEnds[i] = endOf[ends[i]];
      }
      return new ScrubbedText(out.toString(), newStarts, newEnds);
    }

    /** {@code f} with its span in this text, and its surface what this text says there. */
    NoteFact move(NoteFact f) {
      if (f.end() >= starts.length) {
        return f; // not a span of this document's text
      }
      int start = starts[f.start()];
      int end = ends[f.end()];
      return f.withSpan(start, end, text.substring(start, end));
    }
  }
}
