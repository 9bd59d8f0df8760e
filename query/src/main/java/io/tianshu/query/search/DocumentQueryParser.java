package io.tianshu.query.search;

import io.tianshu.core.error.TianshuException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Reads a search text into a Lucene query over one bigram field: Lucene's classic syntax, with the
 * default operator AND, a word of several characters as the phrase of its bigrams, a single Chinese
 * character as any bigram that holds it, and errors a reader can act on. Not thread-safe (the
 * classic parser is not): make one per query.
 */
final class DocumentQueryParser extends QueryParser {

  private final String field;
  private final Set<String> singleCharacters = new TreeSet<>();

  /**
   * A query read from a search text.
   *
   * @param singleCharacters the Chinese characters searched for alone, which a highlighter marks
   *     inside the bigrams that hold them
   */
  record Parsed(Query query, Set<String> singleCharacters) {}

  /** Reads {@code text} as a query over {@code field}; see {@link #read}. */
  static Parsed parse(String field, Analyzer analyzer, String text) {
    DocumentQueryParser parser = new DocumentQueryParser(field, analyzer);
    Query query = parser.read(text);
    return new Parsed(query, Set.copyOf(parser.singleCharacters));
  }

  private DocumentQueryParser(String field, Analyzer analyzer) {
    super(field, analyzer);
    this.field = field;
    // Words are split at spaces before analysis, so that a run of characters is one word whose
    // bigrams must stand together (a phrase); the operators are read between words.
    setSplitOnWhitespace(true);
    setAutoGeneratePhraseQueries(true);
    setDefaultOperator(QueryParser.AND_OPERATOR);
    setAllowLeadingWildcard(false);
  }

  /**
   * The query for {@code text}.
   *
   * @throws TianshuException {@link SearchErrors#BAD_QUERY} with the reason
   */
  Query read(String text) {
    String q = normalise(text);
    if (q.isEmpty()) {
      throw bad("Type words to search for.");
    }
    if (q.length() > SearchRequest.MAX_QUERY_LENGTH) {
      throw bad(
          "The search is "
              + q.length()
              + " characters long; at most "
              + SearchRequest.MAX_QUERY_LENGTH
              + " are read.");
    }
    Query query;
    try {
      query = parse(q);
    } catch (ParseException e) {
      throw bad("The search '" + q + "' cannot be read: " + reason(q, e));
    } catch (IndexSearcher.TooManyClauses e) {
      throw bad("The search '" + q + "' has too many words; search for fewer.");
    }
    Set<String> others = otherFields(query);
    if (!others.isEmpty()) {
      String name = others.iterator().next();
      throw bad(
          "The search '"
              + q
              + "' names a field ('"
              + name
              + ":'); only the text is searched. Put words with ':' in quotes to search them"
              + " as written.");
    }
    return withPositiveClauses(query);
  }

  /** Chinese punctuation that the syntax means in its ASCII form. */
  static String normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(
          switch (c) {
            case '“', '”', '「', '」', '＂' -> '"';
            case '（' -> '(';
            case '）' -> ')';
            case '\u3000' -> ' ';
            default -> c;
          });
    }
    return out.toString().strip();
  }

  @Override
  protected Query newFieldQuery(Analyzer analyzer, String field, String queryText, boolean quoted)
      throws ParseException {
    Query query = super.newFieldQuery(analyzer, field, queryText, quoted);
    // Only bigrams are indexed (a character alone only where it stands alone), so a single
    // character is looked for as the first or second half of any bigram.
    if (query instanceof TermQuery t && isOneHanCharacter(t.getTerm().text())) {
      String c = t.getTerm().text();
      singleCharacters.add(c);
      return new BooleanQuery.Builder()
          .add(new PrefixQuery(new Term(field, c)), Occur.SHOULD)
          .add(new WildcardQuery(new Term(field, "*" + c)), Occur.SHOULD)
          .build();
    }
    return query;
  }

  private static boolean isOneHanCharacter(String s) {
    return s.codePointCount(0, s.length()) == 1
        && Character.UnicodeScript.of(s.codePointAt(0)) == Character.UnicodeScript.HAN;
  }

  private Set<String> otherFields(Query query) {
    Set<String> fields = new TreeSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String name) {
            if (!name.equals(field)) {
              fields.add(name);
            }
            return false;
          }

          @Override
          public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return this; // the default skips MUST_NOT clauses, and a field there is as wrong
          }
        });
    return fields;
  }

  /**
   * Lucene matches nothing with only negative clauses; a reader who writes {@code NOT 发热} means
   * every document without it, so such a group gets an all-documents clause.
   */
  private static Query withPositiveClauses(Query query) {
    if (!(query instanceof BooleanQuery bq)) {
      return query;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
    boolean positive = false;
    for (BooleanClause c : bq.clauses()) {
      b.add(withPositiveClauses(c.getQuery()), c.getOccur());
      positive |= c.getOccur() != Occur.MUST_NOT;
    }
    if (!positive) {
      b.add(new MatchAllDocsQuery(), Occur.MUST);
    }
    return b.build();
  }

  private static String reason(String q, ParseException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    if (cause instanceof ParseException p && p.currentToken != null) {
      Token next = p.currentToken.next;
      if (next == null || next.kind == QueryParserConstants.EOF) {
        return "it ends too early. Close every quotation mark and parenthesis, and give AND, OR"
            + " and NOT a word on each side they need.";
      }
      return "'"
          + next.image
          + "' at column "
          + next.beginColumn
          + " does not fit there. Use AND, OR and NOT between words, and put special"
          + " characters in quotes.";
    }
    if (cause instanceof TokenMgrError) {
      if (q.chars().filter(c -> c == '"').count() % 2 == 1) {
        return "a quotation mark is not closed.";
      }
      return "it ends in the middle of an escape or a range. Put special characters in quotes.";
    }
    if (cause instanceof IndexSearcher.TooManyClauses) {
      return "it has too many words.";
    }
    return cause.getMessage();
  }

  private static TianshuException bad(String message) {
    return new TianshuException(SearchErrors.BAD_QUERY, message);
  }
}
