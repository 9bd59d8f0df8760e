package io.tianshu.nlp.tagger;

import io.tianshu.nlp.eval.CcksEntity;
import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Pipeline stage that adds a trained tagger's entities (source {@code tagger}). When an entity
 * layer already exists (from the lexicon), the tagger's entities win and lexicon entities that
 * overlap none of them are kept, so types the model was not trained on (e.g. symptoms) still
 * appear.
 */
public final class TaggerStage implements Stage {

  private final PerceptronTagger tagger;

  public TaggerStage(PerceptronTagger tagger) {
    this.tagger = Objects.requireNonNull(tagger, "tagger");
  }

  @Override
  public String name() {
    return "tagger";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of(NormalizedText.LAYER);
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(Entity.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    NormalizedText norm = document.get(NormalizedText.LAYER).get(0);
    List<Entity> found = new ArrayList<>();
    for (CcksEntity e : tagger.recognize(norm.text())) {
      int s = norm.toOriginalStart(e.start());
      int end = Math.max(s, norm.toOriginalEnd(e.end()));
      found.add(Entity.of(document.text(), s, end, e.label(), "tagger", null));
    }
    if (document.has(Entity.LAYER)) {
      for (Entity lex : document.get(Entity.LAYER)) {
        boolean overlaps =
            found.stream()
                .anyMatch(
                    t ->
                        t.start() < lex.end()
                            && lex.start() < t.end()
                            && t.source().equals("tagger"));
        if (!overlaps) {
          found.add(lex);
        }
      }
      found.sort(Comparator.comparingInt(Entity::start).thenComparingInt(Entity::end));
    }
    return document.with(Entity.LAYER, found);
  }
}
