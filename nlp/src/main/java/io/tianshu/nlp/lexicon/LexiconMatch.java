package io.tianshu.nlp.lexicon;

/**
 * A lexicon hit in the text that was searched.
 *
 * @param start offset of the first matched character
 * @param end offset after the last matched character
 * @param entry the entry matched
 */
public record LexiconMatch(int start, int end, LexiconEntry entry) {}
