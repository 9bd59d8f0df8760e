package io.tianshu.server.nlp;

import io.tianshu.nlp.concept.NormalizedConcept;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.section.Section;
import io.tianshu.nlp.sentence.Sentence;
import io.tianshu.nlp.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON shape of an annotated text, shared by {@code tianshu nlp annotate} and the API. */
public final class AnnotationJson {

  private AnnotationJson() {}

  public static Map<String, Object> of(AnnotatedDocument doc) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("characters", doc.text().length());
    out.put("sections", doc.has(Section.LAYER) ? doc.get(Section.LAYER) : List.of());
    out.put("sentences", doc.has(Sentence.LAYER) ? doc.get(Sentence.LAYER).size() : 0);
    out.put("entities", doc.has(Entity.LAYER) ? doc.get(Entity.LAYER) : List.of());
    out.put("values", doc.has(Value.LAYER) ? doc.get(Value.LAYER) : List.of());
    if (doc.has(NormalizedConcept.LAYER)) {
      out.put("concepts", doc.get(NormalizedConcept.LAYER));
    }
    return out;
  }
}
