package io.tianshu.nlp.concept;

import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pipeline stage that codes disease mentions in ICD-10 and operation mentions in ICD-9-CM-3 (by
 * default; see {@link ConceptVocabulary#DEFAULT_SYSTEMS}) with a {@link ConceptNormalizer}.
 * Entities keep their surface and lexicon concept; the codes go to their own layer, one record per
 * coded entity.
 */
public final class ConceptStage implements Stage {

  private final ConceptNormalizer normalizer;
  private final Map<String, String> systems;

  /** Codes the entity types of {@link ConceptVocabulary#DEFAULT_SYSTEMS}. */
  public ConceptStage(ConceptNormalizer normalizer) {
    this(normalizer, ConceptVocabulary.DEFAULT_SYSTEMS);
  }

  /**
   * @param systems entity type → code system id (e.g. {@code disease} → {@code icd10}); other types
   *     are not coded
   */
  public ConceptStage(ConceptNormalizer normalizer, Map<String, String> systems) {
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.systems = Map.copyOf(systems);
  }

  @Override
  public String name() {
    return "concepts";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of(Entity.LAYER);
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(NormalizedConcept.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    List<NormalizedConcept> out = new ArrayList<>();
    for (Entity e : document.get(Entity.LAYER)) {
      String system = systems.get(e.type());
      if (system == null) {
        continue;
      }
      code(e, system)
          .ifPresent(
              m -> out.add(new NormalizedConcept(e.start(), e.end(), e.type(), e.surface(), m)));
    }
    return document.with(NormalizedConcept.LAYER, out);
  }

  /**
   * The mention as written first; if that is not an exact or synonym match, the lexicon's preferred
   * term too (a lexicon synonym such as 慢阻肺 shares no bigram with its code's display), reached
   * through a synonym and so never better than one.
   */
  private Optional<ConceptMatch> code(Entity e, String system) {
    Optional<ConceptMatch> bySurface = normalizer.normalize(e.surface(), system);
    if (bySurface.isPresent() && bySurface.get().kind() != MatchKind.FUZZY
        || e.preferred() == null
        || e.preferred().equals(e.surface())) {
      return bySurface;
    }
    Optional<ConceptMatch> byPreferred =
        normalizer
            .normalize(e.preferred(), system)
            .map(
                m ->
                    m.kind() == MatchKind.FUZZY
                        ? m
                        : new ConceptMatch(
                            m.system(),
                            m.code(),
                            m.display(),
                            m.matched(),
                            MatchKind.SYNONYM,
                            ConceptNormalizer.SYNONYM_CONFIDENCE));
    if (byPreferred.isEmpty()) {
      return bySurface;
    }
    if (bySurface.isEmpty()) {
      return byPreferred;
    }
    return byPreferred.get().confidence() > bySurface.get().confidence() ? byPreferred : bySurface;
  }
}
