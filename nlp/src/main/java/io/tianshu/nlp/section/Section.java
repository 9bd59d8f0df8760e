package io.tianshu.nlp.section;

import io.tianshu.nlp.pipeline.Layer;
import java.util.Objects;

/**
 * A part of a note under one heading, from the heading to the next heading.
 *
 * @param start original offset of the heading
 * @param end original offset after the section's last character (exclusive)
 * @param kind what heading it is
 * @param heading the heading as written, e.g. {@code 既往病史}
 */
public record Section(int start, int end, SectionKind kind, String heading) {

  /** The layer holding the sections of a document, in order and without overlap. */
  public static final Layer<Section> LAYER = new Layer<>("sections", Section.class);

  public Section {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(heading, "heading");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad section span [" + start + "," + end + ")");
    }
  }

  /** True when original offset {@code offset} lies in this section. */
  public boolean contains(int offset) {
    return offset >= start && offset < end;
  }
}
