package io.tianshu.server.nlp;

import io.tianshu.nlp.ClinicalNlp;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Annotates ad-hoc text with the lexicon pipeline. The text is the caller's, not read from the CDR,
 * so nothing is audited; it is not stored or logged either.
 */
@RestController
@RequestMapping("/api/nlp")
class NlpController {

  /** Longer texts belong in a batch job, not a request. */
  static final int MAX_CHARACTERS = 200_000;

  private final ClinicalNlp nlp = ClinicalNlp.lexiconOnly();

  record AnnotateRequest(String text) {}

  @PostMapping("/annotate")
  Map<String, Object> annotate(@RequestBody AnnotateRequest request) {
    String text = request.text() == null ? "" : request.text();
    if (text.length() > MAX_CHARACTERS) {
      throw new IllegalArgumentException("text is longer than " + MAX_CHARACTERS + " characters");
    }
    return AnnotationJson.of(nlp.annotate(text));
  }
}
