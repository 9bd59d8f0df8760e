package io.tianshu.nlp.concept;

import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconEntry;
import io.tianshu.nlp.lexicon.LexiconMatch;
import io.tianshu.nlp.normalize.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hospital's coded vocabulary (ICD-10 diagnoses, ICD-9-CM-3 operations, …) indexed for the {@link
 * ConceptNormalizer}: by normalised text for exact and synonym matches, by character bigrams for
 * fuzzy ones. Immutable; built at run time from a {@link VocabularySource}, never bundled.
 */
public final class ConceptVocabulary {

  /** The entity types whose mentions are coded, and the code system each is coded in. */
  public static final Map<String, String> DEFAULT_SYSTEMS =
      Map.of(
          "disease", "icd10",
          "operation", "icd9cm3",
          // The CCKS labels a trained model may use instead of the lexicon's types.
          "疾病和诊断", "icd10",
          "手术", "icd9cm3");

  /**
   * The lexicon entity type of each code system whose terms join the lexicon matcher ({@link
   * #lexiconEntries}): ICD-10 terms are diseases, ICD-9-CM-3 terms operations.
   */
  public static final Map<String, String> ENTITY_TYPES =
      Map.of(
          "icd10", "disease",
          "icd9cm3", "operation");

  /**
   * Terms shorter than this do not join the lexicon matcher: one character (癣) is more often part
   * of a longer word than the disease.
   */
  static final int MIN_LEXICON_TERM = 2;

  private static final char PAD_START = '\u0002';
  private static final char PAD_END = '\u0003';

  private final List<VocabularyTerm> terms;
  private final Map<String, String> displays; // system \0 code -> first display
  private final Map<String, SystemIndex> bySystem;

  private ConceptVocabulary(List<VocabularyTerm> given) {
    List<VocabularyTerm> kept = new ArrayList<>();
    Map<String, String> firstDisplay = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> seen = new HashMap<>();
    for (VocabularyTerm t : given) {
      String key = key(t.term());
      if (key.isEmpty()) {
        continue;
      }
      // The first term for a text wins, so a source lists its more common code first.
      if (seen.computeIfAbsent(t.system(), s -> new HashMap<>()).putIfAbsent(key, kept.size())
          != null) {
        continue;
      }
      kept.add(t);
      if (t.display()) {
        firstDisplay.putIfAbsent(t.system() + '\0' + t.code(), t.term());
      }
    }
    for (VocabularyTerm t : kept) {
      firstDisplay.putIfAbsent(t.system() + '\0' + t.code(), t.term());
    }
    this.terms = List.copyOf(kept);
    this.displays = Map.copyOf(firstDisplay);
    Map<String, SystemIndex> index = new HashMap<>();
    for (int i = 0; i < terms.size(); i++) {
      VocabularyTerm t = terms.get(i);
      index.computeIfAbsent(t.system(), s -> new SystemIndex()).add(i, key(t.term()));
    }
    index.values().forEach(SystemIndex::freeze);
    this.bySystem = Map.copyOf(index);
  }

  /** A vocabulary of exactly {@code terms}; the first term wins where two share a text. */
  public static ConceptVocabulary of(Collection<VocabularyTerm> terms) {
    return new ConceptVocabulary(List.copyOf(terms));
  }

  /** The terms of all {@code sources}, in order. */
  public static ConceptVocabulary from(VocabularySource... sources) {
    List<VocabularyTerm> all = new ArrayList<>();
    for (VocabularySource s : sources) {
      all.addAll(s.terms());
    }
    return new ConceptVocabulary(all);
  }

  /**
   * Reads a vocabulary file: one code per line, {@code
   * system<TAB>code<TAB>display[<TAB>synonym|synonym…]}; blank lines and lines starting with {@code
   * #} are ignored. A code may have several lines (several displays).
   *
   * @throws IllegalArgumentException naming the line when it has fewer than three columns
   */
  public static ConceptVocabulary read(Path file) {
    return of(readTerms(file));
  }

  /** The terms of a vocabulary file (see {@link #read(Path)}), for use as a source. */
  public static List<VocabularyTerm> readTerms(Path file) {
    List<VocabularyTerm> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", -1);
        if (cols.length < 3 || cols[0].isBlank() || cols[1].isBlank() || cols[2].isBlank()) {
          throw new IllegalArgumentException(
              "TS-NLP-030 "
                  + file
                  + ":"
                  + lineNo
                  + " needs system, code and display (tab-separated)");
        }
        String system = cols[0].strip();
        String code = cols[1].strip();
        out.add(new VocabularyTerm(system, code, cols[2].strip(), true));
        if (cols.length > 3) {
          for (String syn : cols[3].split("\\|")) {
            if (!syn.isBlank()) {
              out.add(new VocabularyTerm(system, code, syn.strip(), false));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * This vocabulary plus what the lexicon knows, for the types in {@link #DEFAULT_SYSTEMS}: the
   * lexicon's coded concepts (preferred term as display, synonyms as synonyms), and, for a concept
   * without a code whose preferred term is in this vocabulary, its synonyms as synonyms of that
   * code (so 慢阻肺 reaches the hospital's code for 慢性阻塞性肺疾病). Only the preferred term links a concept
   * to a code: a lexicon synonym may be narrower than its concept. This vocabulary's terms win.
   */
  public ConceptVocabulary withLexicon(Lexicon lexicon) {
    List<VocabularyTerm> all = new ArrayList<>(terms);
    Map<String, List<LexiconEntry>> concepts = new LinkedHashMap<>();
    for (LexiconEntry e : lexicon.entries()) {
      String system = DEFAULT_SYSTEMS.get(e.type());
      if (system == null) {
        continue;
      }
      if (e.code() != null) {
        all.add(new VocabularyTerm(system, e.code(), e.term(), e.term().equals(e.preferred())));
      } else {
        concepts.computeIfAbsent(e.type() + '\0' + e.preferred(), k -> new ArrayList<>()).add(e);
      }
    }
    for (List<LexiconEntry> concept : concepts.values()) {
      LexiconEntry first = concept.get(0);
      String system = DEFAULT_SYSTEMS.get(first.type());
      SystemIndex index = bySystem.get(system);
      int hit = index == null ? -1 : index.exact(key(first.preferred()));
      if (hit < 0) {
        continue;
      }
      String code = terms.get(hit).code();
      for (LexiconEntry e : concept) {
        all.add(new VocabularyTerm(system, code, e.term(), false));
      }
    }
    return new ConceptVocabulary(all);
  }

  /**
   * This vocabulary's terms as lexicon entries, so that the lexicon matcher finds them ({@code
   * lexicon.plus(vocabulary.lexiconEntries(lexicon))}; {@link io.tianshu.nlp.ClinicalNlp
   * #withVocabulary}): every term of a system in {@link #ENTITY_TYPES} of at least {@link
   * #MIN_LEXICON_TERM} characters, with that system's entity type, except the terms that name a
   * history or a status ({@link #namesHistory}). The concept an entry carries is, in this order:
   *
   * <ol>
   *   <li>the lexicon's concept (preferred term and code) when the lexicon has one of the code's
   *       terms with that type, so that the hospital's other names for it keep the concept the
   *       knowledge bases name (the hospital's 下肢DVT for I80.2, whose display 下肢深静脉血栓形成 the lexicon
   *       knows, stays 深静脉血栓形成);
   *   <li>else the concept of the first lexicon term of that type inside the term: a term found
   *       whole hides the lexicon's shorter match, and 宫颈恶性肿瘤 must stay the 恶性肿瘤 (C80.9) the VTE
   *       knowledge names, as 胃溃疡伴出血 stays 消化性溃疡; the vocabulary's own code (C53.9) is still the
   *       one the concept stage gives the mention;
   *   <li>else a concept of its own: preferred term the code's first display, code the vocabulary's
   *       code.
   * </ol>
   *
   * Where the lexicon has the same surface its entry wins ({@link Lexicon#plus}).
   */
  public List<LexiconEntry> lexiconEntries(Lexicon lexicon) {
    Map<String, LexiconEntry> known = new HashMap<>(); // type \0 key -> first lexicon entry
    for (LexiconEntry e : lexicon.entries()) {
      if (ENTITY_TYPES.containsValue(e.type())) {
        known.putIfAbsent(e.type() + '\0' + key(e.term()), e);
      }
    }
    Map<String, LexiconEntry> linked = new HashMap<>(); // system \0 code -> lexicon concept
    for (VocabularyTerm t : terms) {
      String type = ENTITY_TYPES.get(t.system());
      LexiconEntry hit = type == null ? null : known.get(type + '\0' + key(t.term()));
      if (hit != null) {
        linked.putIfAbsent(t.system() + '\0' + t.code(), hit);
      }
    }
    List<LexiconEntry> out = new ArrayList<>();
    for (VocabularyTerm t : terms) {
      String type = ENTITY_TYPES.get(t.system());
      if (type == null || t.term().length() < MIN_LEXICON_TERM || namesHistory(t.term())) {
        continue;
      }
      LexiconEntry concept = linked.get(t.system() + '\0' + t.code());
      if (concept == null) {
        concept = firstInside(lexicon, t.term(), type);
      }
      out.add(
          concept != null
              ? new LexiconEntry(t.term(), type, concept.preferred(), concept.code())
              : new LexiconEntry(t.term(), type, display(t.system(), t.code()), t.code()));
    }
    return out;
  }

  /**
   * True for a term that names a history or a status (深静脉血栓形成个人史, 冠状动脉支架植入后状态): found whole, it
   * would hide from the context stage the words that make the condition inside it historical, so
   * the lexicon's term and the cue after it are left to say so.
   */
  static boolean namesHistory(String term) {
    String t = term.strip();
    return t.endsWith("史") || t.endsWith("后状态") || t.endsWith("术后");
  }

  private static LexiconEntry firstInside(Lexicon lexicon, String term, String type) {
    for (LexiconMatch m : lexicon.longestMatches(term)) {
      if (m.entry().type().equals(type)) {
        return m.entry();
      }
    }
    return null;
  }

  /** The terms kept (the first of each text per system), in order. */
  public List<VocabularyTerm> terms() {
    return terms;
  }

  /** Number of terms kept. */
  public int size() {
    return terms.size();
  }

  /** The first display of {@code code} in {@code system}, or null if the code is unknown. */
  public String display(String system, String code) {
    return displays.get(system + '\0' + code);
  }

  /**
   * The text as matching sees it: full-width folded, ASCII lower-cased, Roman numerals as digits,
   * whitespace and punctuation dropped (notes and code lists differ in all of them).
   */
  public static String key(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = TextNormalizer.foldChar(text.charAt(i));
      if (c >= '\u2160' && c <= '\u217F') {
        b.append(roman(c));
      } else if (c < 128) {
        if (Character.isLetterOrDigit(c)) {
          b.append(Character.toLowerCase(c));
        } else if (c == '+' || c == '-') {
          b.append(c); // HER2+, Rh-: signs carry meaning
        }
      } else if (!Character.isWhitespace(c) && !isPunctuation(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Index of the term whose key is {@code key} in {@code system}, or -1. */
  int exact(String system, String key) {
    SystemIndex index = bySystem.get(system);
    return index == null ? -1 : index.exact(key);
  }

  VocabularyTerm term(int index) {
    return terms.get(index);
  }

  /**
   * Calls {@code visitor} with every term of {@code system} sharing at least one padded bigram with
   * {@code key}, and the number shared.
   */
  void candidates(String system, int[] queryGrams, CandidateVisitor visitor) {
    SystemIndex index = bySystem.get(system);
    if (index != null) {
      index.candidates(queryGrams, visitor);
    }
  }

  /** Receives fuzzy-match candidates. */
  interface CandidateVisitor {
    void visit(int term, String termKey, int termGrams, int shared);
  }

  /** The distinct padded character bigrams of a key, sorted: ^肺炎$ → ^肺, 肺炎, 炎$. */
  static int[] grams(String key) {
    int n = key.length();
    int[] g = new int[n + 1];
    char prev = PAD_START;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? key.charAt(i) : PAD_END;
      g[i] = (prev << 16) | c;
      prev = c;
    }
    Arrays.sort(g);
    int k = 0;
    for (int i = 0; i < g.length; i++) {
      if (i == 0 || g[i] != g[i - 1]) {
        g[k++] = g[i];
      }
    }
    return Arrays.copyOf(g, k);
  }

  private static boolean isPunctuation(char c) {
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  // Ⅱ型 and 2型 are written for the same thing; as digits they also stay distinct from each other in
  // the fuzzy veto, where Latin letters (ii vs i) would read as an addition.
  private static String roman(char c) {
    int i = (c - '\u2160') % 16;
    return i < 12 ? Integer.toString(i + 1) : String.valueOf(c);
  }

  /** Exact and bigram indexes of one code system. */
  private static final class SystemIndex {
    private final Map<String, Integer> byKey = new HashMap<>();
    private final List<Integer> ids = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final Map<Integer, List<Integer>> postingLists = new HashMap<>();
    private Map<Integer, int[]> postings;
    private int[] gramCounts;

    void add(int termIndex, String key) {
      int local = ids.size();
      ids.add(termIndex);
      keys.add(key);
      byKey.putIfAbsent(key, termIndex);
      for (int g : grams(key)) {
        postingLists.computeIfAbsent(g, x -> new ArrayList<>()).add(local);
      }
    }

    void freeze() {
      postings = new HashMap<>(postingLists.size() * 2);
      postingLists.forEach(
          (g, list) -> postings.put(g, list.stream().mapToInt(Integer::intValue).toArray()));
      postingLists.clear();
      gramCounts = keys.stream().mapToInt(k -> grams(k).length).toArray();
    }

    int exact(String key) {
      Integer i = byKey.get(key);
      return i == null ? -1 : i;
    }

    void candidates(int[] queryGrams, CandidateVisitor visitor) {
      Map<Integer, Integer> shared = new HashMap<>();
      for (int g : queryGrams) {
        int[] list = postings.get(g);
        if (list != null) {
          for (int local : list) {
            shared.merge(local, 1, Integer::sum);
          }
        }
      }
      shared.forEach(
          (local, count) ->
              visitor.visit(ids.get(local), keys.get(local), gramCounts[local], count));
    }
  }
}
