package io.tianshu.nlp.normalize;

import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.List;
import java.util.Set;

/** Pipeline stage that adds the {@link NormalizedText} layer every later stage reads. */
public final class NormalizationStage implements Stage {

  private final TextNormalizer normalizer = new TextNormalizer();

  @Override
  public String name() {
    return "normalize";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of();
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(NormalizedText.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    return document.with(NormalizedText.LAYER, List.of(normalizer.normalize(document.text())));
  }
}
