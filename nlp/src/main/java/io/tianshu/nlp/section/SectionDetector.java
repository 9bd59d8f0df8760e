package io.tianshu.nlp.section;

import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds section headings. A heading counts when it starts a line or follows a sentence end or an
 * enumerator (一、 1. (2) 【), and is followed by a colon, a closing bracket or the end of its line;
 * this keeps 既往史 in "否认既往史" from opening a section.
 */
public final class SectionDetector implements Stage {

  private record Heading(String text, SectionKind kind) {}

  // Longest first, so 首次病程记录 wins over 病程记录 and 入院后诊疗经过 over 诊疗经过.
  private static final List<Heading> HEADINGS =
      Arrays.stream(SectionKind.values())
          .flatMap(k -> k.headings().stream().map(h -> new Heading(h, k)))
          .sorted(Comparator.comparingInt((Heading h) -> -h.text().length()))
          .toList();

  @Override
  public String name() {
    return "sections";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of(NormalizedText.LAYER);
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(Section.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    NormalizedText norm = document.get(NormalizedText.LAYER).get(0);
    return document.with(Section.LAYER, detect(norm, document.text()));
  }

  /** Sections of {@code norm}, in original offsets of {@code original}. */
  public List<Section> detect(NormalizedText norm, String original) {
    String t = norm.text();
    List<int[]> starts = new ArrayList<>(); // {normStart, normHeadingEnd, kindOrdinal}
    List<Heading> found = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      if (!atHeadingPosition(t, i)) {
        i++;
        continue;
      }
      int p = skipEnumerator(t, i);
      Heading h = matchHeading(t, p);
      if (h == null) {
        i++;
        continue;
      }
      int after = p + h.text().length();
      if (!endsHeading(t, after)) {
        i++;
        continue;
      }
      starts.add(new int[] {p, after});
      found.add(h);
      i = after;
    }
    List<Section> sections = new ArrayList<>(found.size());
    for (int k = 0; k < found.size(); k++) {
      int s = starts.get(k)[0];
      int e = k + 1 < found.size() ? starts.get(k + 1)[0] : t.length();
      int os = norm.toOriginalStart(s);
      int oe = Math.max(os, norm.toOriginalEnd(e));
      int ohEnd = norm.toOriginalEnd(starts.get(k)[1]);
      sections.add(
          new Section(os, oe, found.get(k).kind(), original.substring(os, Math.max(os, ohEnd))));
    }
    return sections;
  }

  private static boolean atHeadingPosition(String t, int i) {
    if (i == 0) {
      return true;
    }
    char prev = t.charAt(i - 1);
    return prev == '\n'
        || prev == '\r'
        || prev == '。'
        || prev == ';'
        || prev == ' '
        || prev == '\t';
  }

  // Skips "一、", "1.", "(2)", "【", whitespace before a heading.
  private static int skipEnumerator(String t, int i) {
    int p = i;
    while (p < t.length() && (t.charAt(p) == ' ' || t.charAt(p) == '\t')) {
      p++;
    }
    int q = p;
    if (q < t.length() && (t.charAt(q) == '(' || t.charAt(q) == '【' || t.charAt(q) == '[')) {
      q++;
    }
    int digits = q;
    while (q < t.length() && q - digits < 3 && "0123456789一二三四五六七八九十".indexOf(t.charAt(q)) >= 0) {
      q++;
    }
    if (q > digits && q < t.length() && "、.):．".indexOf(t.charAt(q)) >= 0) {
      q++;
    }
    if (q < t.length() && t.charAt(q) == '【') {
      q++;
    }
    return q;
  }

  private static Heading matchHeading(String t, int p) {
    for (Heading h : HEADINGS) {
      if (t.startsWith(h.text(), p)) {
        return h;
      }
    }
    return null;
  }

  private static boolean endsHeading(String t, int after) {
    if (after >= t.length()) {
      return true;
    }
    char c = t.charAt(after);
    return c == ':' || c == '】' || c == ']' || c == '\n' || c == '\r' || c == ' ';
  }
}
