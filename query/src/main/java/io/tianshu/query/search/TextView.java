package io.tianshu.query.search;

/**
 * How the caller may see a hit's document text: as stored, or redacted for a de-identified user.
 * Snippets and spans are cut from what this returns, after the query words were found in the stored
 * text, so a redaction can never be undone by a snippet boundary.
 */
@FunctionalInterface
public interface TextView {

  /** The stored text, unchanged. */
  TextView STORED = (patientId, text) -> ShownText.same(text);

  /** {@code text} of a document of {@code patientId} as this caller may see it. */
  ShownText show(String patientId, String text);
}
