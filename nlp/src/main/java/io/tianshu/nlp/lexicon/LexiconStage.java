package io.tianshu.nlp.lexicon;

import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Pipeline stage that reports the lexicon's longest matches as entities (source {@code lexicon}).
 */
public final class LexiconStage implements Stage {

  private final Lexicon lexicon;

  public LexiconStage(Lexicon lexicon) {
    this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
  }

  @Override
  public String name() {
    return "lexicon";
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
    List<Entity> entities = new ArrayList<>();
    for (LexiconMatch m : lexicon.longestMatches(norm.text())) {
      int s = norm.toOriginalStart(m.start());
      int e = Math.max(s, norm.toOriginalEnd(m.end()));
      LexiconEntry entry = m.entry();
      entities.add(
          Entity.of(
              document.text(), s, e, entry.type(), "lexicon", entry.code(), entry.preferred()));
    }
    return document.with(Entity.LAYER, entities);
  }
}
