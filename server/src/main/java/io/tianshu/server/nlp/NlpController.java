package io.tianshu.server.nlp;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.concept.ConceptVocabulary;
import io.tianshu.store.CdrStore;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Annotates ad-hoc text with the lexicon pipeline and the hospital's own vocabulary (the codes its
 * CDR holds), whose terms are found as diseases and operations and which codes them. The text is
 * the caller's, not read from the CDR, so nothing is audited; it is not stored or logged either.
 */
@RestController
@RequestMapping("/api/nlp")
class NlpController {

  /** Longer texts belong in a batch job, not a request. */
  static final int MAX_CHARACTERS = 200_000;

  /** New diagnoses and operations reach the vocabulary after at most this long. */
  static final Duration VOCABULARY_REFRESH = Duration.ofMinutes(10);

  private final StoreVocabulary vocabulary;
  private final ClinicalNlp lexiconOnly = ClinicalNlp.lexiconOnly();
  private volatile Loaded loaded;

  private record Loaded(ClinicalNlp nlp, long atNanos) {}

  NlpController(CdrStore store) {
    this.vocabulary = new StoreVocabulary(store);
  }

  record AnnotateRequest(String text) {}

  @PostMapping("/annotate")
  Map<String, Object> annotate(@RequestBody AnnotateRequest request) {
    String text = request.text() == null ? "" : request.text();
    if (text.length() > MAX_CHARACTERS) {
      throw new IllegalArgumentException("text is longer than " + MAX_CHARACTERS + " characters");
    }
    return AnnotationJson.of(nlp().annotate(text));
  }

  // Reading the vocabulary is a grouped scan of two CDR tables: done on first use and then at most
  // once per refresh interval; two requests racing to refresh both build it, which is harmless.
  private ClinicalNlp nlp() {
    Loaded current = loaded;
    long now = System.nanoTime();
    if (current == null || now - current.atNanos() > VOCABULARY_REFRESH.toNanos()) {
      current =
          new Loaded(
              lexiconOnly.withVocabulary(ConceptVocabulary.from(vocabulary)), System.nanoTime());
      loaded = current;
    }
    return current.nlp();
  }
}
