package io.tianshu.nlp.concept;

import java.util.List;

/**
 * Where a hospital's coded vocabulary comes from at run time: the server reads the code/display
 * pairs of the CDR's diagnoses and operations, tests read a small file ({@link
 * ConceptVocabulary#read(java.nio.file.Path)}). Earlier terms win when two codes share a text, so a
 * source lists the more common code first.
 */
@FunctionalInterface
public interface VocabularySource {

  /** The terms, displays and synonyms of every code the source knows. */
  List<VocabularyTerm> terms();
}
