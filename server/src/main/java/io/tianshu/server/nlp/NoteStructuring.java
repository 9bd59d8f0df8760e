package io.tianshu.server.nlp;

import io.tianshu.ingest.staging.RecordEnricher;
import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.store.CdrStore;
import java.util.function.Supplier;

/**
 * How documents that arrive through a connector become note facts: Tianshu's lexicon and context
 * rules, with the hospital's own diagnosis and operation names found and coded from the vocabulary
 * its CDR holds when the structurer is made ({@link StoreVocabulary}, {@link
 * ClinicalNlp#withVocabulary}); every record an ingest batch writes has its new or changed
 * documents read in the same transaction ({@link RecordEnricher}).
 */
public final class NoteStructuring {

  /** The pipeline version the facts of ingested documents carry. */
  public static final String PIPELINE_VERSION =
      NoteStructurer.PIPELINE_VERSION + "+store-vocabulary";

  private NoteStructuring() {}

  /** Reads the store's vocabulary now; codes the CDR learns later are used after a restart. */
  public static NoteStructurer forStore(CdrStore store) {
    return new NoteStructurer(
        ClinicalNlp.lexiconOnly()
            .withVocabulary(ConceptVocabulary.from(new StoreVocabulary(store))),
        PIPELINE_VERSION);
  }

  /** The structurer as an ingest feed's enricher. */
  public static RecordEnricher enricher(NoteStructurer structurer) {
    return structurer::structure;
  }

  /** An enricher that makes its structurer when it is first needed, once. */
  public static RecordEnricher enricher(Supplier<NoteStructurer> structurer) {
    Supplier<NoteStructurer> once =
        new Supplier<>() {
          private volatile NoteStructurer made;

          @Override
          public NoteStructurer get() {
            NoteStructurer s = made;
            if (s == null) {
              synchronized (this) {
                s = made;
                if (s == null) {
                  s = structurer.get();
                  made = s;
                }
              }
            }
            return s;
          }
        };
    return (before, after) -> once.get().structure(before, after);
  }
}
