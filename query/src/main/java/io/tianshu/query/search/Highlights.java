package io.tianshu.query.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.TextFragment;

/**
 * Finds the query's words in a hit's text and cuts passages around them. The words are found with
 * Lucene's highlighter scorer ({@link QueryScorer}) over the same analysis the index used, so a
 * phrase marks only where the phrase stands and a blanked mention is never marked; the passages are
 * cut here, at sentence ends, because the highlighter's own token groups swallow a whole run of
 * overlapping bigrams and would mark a sentence instead of a word.
 */
final class Highlights {

  static final int MAX_SNIPPETS = 3;
  static final int MAX_FACTS = 20;

  /** Characters kept before the first word of a passage when no sentence starts nearer. */
  private static final int BEFORE = 40;

  /** Characters kept after a word when no sentence ends nearer. */
  private static final int AFTER = 60;

  private static final int MAX_PASSAGE = 200;

  /** Words closer than this to a passage join it rather than start their own. */
  private static final int JOIN = 30;

  private static final int OPENING = 120;

  private Highlights() {}

  /**
   * Spans of {@code searched} (a text as indexed in {@code field}) that the query's words match,
   * merged where bigrams overlap, in text order.
   */
  static List<TextSpan> marks(
      DocumentQueryParser.Parsed words, String field, Analyzer analyzer, String searched)
      throws IOException {
    Query query = words.query();
    Set<Term> exact = new HashSet<>();
    query.visit(QueryVisitor.termCollector(exact));
    QueryScorer scorer = new QueryScorer(query, field);
    scorer.setMaxDocCharsToAnalyze(Integer.MAX_VALUE);
    scorer.setExpandMultiTermQuery(true);
    List<TextSpan> found = new ArrayList<>();
    try (TokenStream analysed = analyzer.tokenStream(field, searched)) {
      OffsetAttribute offset = analysed.addAttribute(OffsetAttribute.class);
      CharTermAttribute term = analysed.addAttribute(CharTermAttribute.class);
      TokenStream stream = scorer.init(analysed);
      if (stream == null) {
        stream = analysed;
      }
      scorer.startFragment(new TextFragment(searched, 0, 0));
      stream.reset();
      while (stream.incrementToken()) {
        if (scorer.getTokenScore() <= 0) {
          continue;
        }
        int start = offset.startOffset();
        String token = term.toString();
        if (words.singleCharacters().isEmpty() || exact.contains(new Term(field, token))) {
          found.add(new TextSpan(start, offset.endOffset()));
          continue;
        }
        // A bigram found for one character of the query: mark that character, not its neighbour.
        for (int k = 0; k < token.length(); ) {
          int n = Character.charCount(token.codePointAt(k));
          if (words.singleCharacters().contains(token.substring(k, k + n))) {
            found.add(new TextSpan(start + k, start + k + n));
          }
          k += n;
        }
      }
      stream.end();
    }
    return merged(found);
  }

  /** The marks as spans of {@code shown}, merged again (a redaction may bring two together). */
  static List<TextSpan> shown(List<TextSpan> marks, ShownText shown) {
    List<TextSpan> out = new ArrayList<>(marks.size());
    for (TextSpan m : marks) {
      int start = shown.startOf(m.start());
      int end = shown.endOf(m.end());
      if (end > start) {
        out.add(new TextSpan(start, end));
      }
    }
    return merged(out);
  }

  /**
   * Up to {@value #MAX_SNIPPETS} passages of {@code text} around {@code marks}: those with the most
   * different words first, then in text order; the opening of the text when there is no mark.
   */
  static List<Snippet> snippets(String text, List<TextSpan> marks) {
    if (marks.isEmpty()) {
      int end = Math.min(text.length(), OPENING);
      return text.isBlank() ? List.of() : List.of(snippet(text, 0, end, List.of()));
    }
    List<Passage> passages = new ArrayList<>();
    int i = 0;
    while (i < marks.size()) {
      TextSpan first = marks.get(i);
      int start = sentenceStart(text, first.start());
      int end = sentenceEnd(text, first.end(), start);
      List<TextSpan> in = new ArrayList<>(List.of(first));
      i++;
      while (i < marks.size()
          && marks.get(i).start() <= end + JOIN
          && marks.get(i).end() <= start + MAX_PASSAGE) {
        TextSpan next = marks.get(i);
        in.add(next);
        end = Math.max(end, sentenceEnd(text, next.end(), start));
        i++;
      }
      passages.add(new Passage(start, end, in, distinctWords(text, in)));
    }
    return passages.stream()
        .sorted(Comparator.comparingInt(Passage::words).reversed().thenComparingInt(Passage::start))
        .limit(MAX_SNIPPETS)
        .sorted(Comparator.comparingInt(Passage::start))
        .map(p -> snippet(text, p.start(), p.end(), p.marks()))
        .toList();
  }

  private record Passage(int start, int end, List<TextSpan> marks, int words) {}

  private static int distinctWords(String text, List<TextSpan> marks) {
    Set<String> words = new HashSet<>();
    for (TextSpan m : marks) {
      words.add(text.substring(m.start(), m.end()));
    }
    return words.size();
  }

  private static Snippet snippet(String text, int start, int end, List<TextSpan> marks) {
    int from = start;
    int to = end;
    int firstMark = marks.isEmpty() ? to : marks.get(0).start();
    int lastMark = marks.isEmpty() ? from : marks.get(marks.size() - 1).end();
    while (from < firstMark && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > lastMark && to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    return new Snippet(from, to, text.substring(from, to), marks);
  }

  /** After the last sentence end within {@value #BEFORE} characters before {@code at}. */
  private static int sentenceStart(String text, int at) {
    int limit = Math.max(0, at - BEFORE);
    for (int i = at - 1; i >= limit; i--) {
      if (isSentenceEnd(text.charAt(i))) {
        return i + 1;
      }
    }
    return limit;
  }

  /**
   * Through the first sentence end within {@value #AFTER} characters after {@code at}, and never
   * more than {@value #MAX_PASSAGE} characters from {@code start} (but always past {@code at}).
   */
  private static int sentenceEnd(String text, int at, int start) {
    int limit = Math.min(text.length(), Math.max(at, Math.min(at + AFTER, start + MAX_PASSAGE)));
    for (int i = at; i < limit; i++) {
      if (isSentenceEnd(text.charAt(i))) {
        return i + 1;
      }
    }
    return limit;
  }

  private static boolean isSentenceEnd(char c) {
    return switch (c) {
      case '。', '！', '？', '；', '!', '?', ';', '\n' -> true;
      default -> false;
    };
  }

  static List<TextSpan> merged(List<TextSpan> spans) {
    if (spans.size() < 2) {
      return List.copyOf(spans);
    }
    List<TextSpan> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(TextSpan::start).thenComparingInt(TextSpan::end));
    List<TextSpan> out = new ArrayList<>();
    TextSpan current = sorted.get(0);
    for (TextSpan s : sorted.subList(1, sorted.size())) {
      if (s.start() <= current.end()) {
        current = new TextSpan(current.start(), Math.max(current.end(), s.end()));
      } else {
        out.add(current);
        current = s;
      }
    }
    out.add(current);
    return out;
  }

  /**
   * Facts that a mark falls on, their spans moved into {@code shown}, at most {@value #MAX_FACTS}.
   */
  static List<MatchedFact> facts(List<MatchedFact> facts, List<TextSpan> marks, ShownText shown) {
    List<MatchedFact> out = new ArrayList<>();
    for (MatchedFact f : facts) {
      TextSpan span = new TextSpan(f.start(), f.end());
      if (marks.stream().noneMatch(span::overlaps)) {
        continue;
      }
      int start = shown.startOf(f.start());
      int end = Math.max(start, shown.endOf(f.end()));
      out.add(
          new MatchedFact(
              f.id(),
              f.type(),
              f.concept(),
              shown.text().substring(start, end),
              start,
              end,
              f.negated(),
              f.uncertain(),
              f.historical(),
              f.family()));
      if (out.size() == MAX_FACTS) {
        break;
      }
    }
    return out;
  }
}
