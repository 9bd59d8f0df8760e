package io.tianshu.query.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Overlapping character bigrams for Chinese, whole words for Latin and digits, full-width folded to
 * half-width, lower case. A word segmenter cuts a short query and the same words inside a sentence
 * differently (a probe with SmartCN found nothing for 发热 alone); bigrams are the same wherever the
 * words stand, and a longer query becomes a phrase of its bigrams. No stop words: 无, 否认 and the
 * like are what a clinical reader searches for.
 *
 * <p>Bigrams join only characters that touch, so a span blanked out with spaces (see {@link
 * DocumentIndex}) leaves no bigram across it.
 */
final class BigramAnalyzer extends Analyzer {

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream stream = new CJKWidthFilter(source);
    stream = new LowerCaseFilter(stream);
    stream = new CJKBigramFilter(stream);
    return new TokenStreamComponents(source, stream);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(new CJKWidthFilter(in));
  }
}
