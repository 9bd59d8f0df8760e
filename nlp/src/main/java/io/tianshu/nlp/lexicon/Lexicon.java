package io.tianshu.nlp.lexicon;

import io.tianshu.nlp.normalize.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable dictionary of clinical terms with a longest-match multi-pattern matcher over
 * characters. Tianshu ships its own lexicon ({@link #bundled()}); a hospital adds its dictionaries
 * at run time with {@link #plus(Collection)} or {@link #plusFile(Path, String)}, which return a new
 * lexicon.
 *
 * <p>Matching folds full-width letters and ASCII case, so "ＣＴ", "ct" and "CT" match the same entry.
 */
public final class Lexicon {

  /** The entity types of Tianshu's own lexicon, one resource file each. */
  public static final List<String> BUNDLED_TYPES =
      List.of("disease", "symptom", "drug", "operation", "lab", "exam", "anatomy");

  private final List<LexiconEntry> entries;
  private final CharTrie trie;

  private Lexicon(List<LexiconEntry> entries) {
    this.entries = List.copyOf(entries);
    int chars = 0;
    for (LexiconEntry e : this.entries) {
      chars += e.term().length();
    }
    this.trie = new CharTrie(chars);
    for (int i = 0; i < this.entries.size(); i++) {
      trie.put(fold(this.entries.get(i).term()), i);
    }
  }

  /** A lexicon of exactly {@code entries}; earlier entries win when two share a surface form. */
  public static Lexicon of(Collection<LexiconEntry> entries) {
    return new Lexicon(new ArrayList<>(entries));
  }

  /** Tianshu's own lexicon, read from {@code lexicon/*.tsv} on the class path. */
  public static Lexicon bundled() {
    List<LexiconEntry> all = new ArrayList<>();
    for (String type : BUNDLED_TYPES) {
      String resource = "/lexicon/" + type + ".tsv";
      try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("TS-NLP-010 missing lexicon resource " + resource);
        }
        all.addAll(parse(new InputStreamReader(in, StandardCharsets.UTF_8), type));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Lexicon(all);
  }

  /**
   * Parses the lexicon file format: one concept per line, {@code
   * preferred<TAB>synonym|synonym[<TAB>code]}; blank lines and lines starting with {@code #} are
   * ignored.
   */
  public static List<LexiconEntry> parse(Reader reader, String type) throws IOException {
    List<LexiconEntry> out = new ArrayList<>();
    BufferedReader in = new BufferedReader(reader);
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      String preferred = cols[0].strip();
      String code = cols.length > 2 && !cols[2].isBlank() ? cols[2].strip() : null;
      out.add(new LexiconEntry(preferred, type, preferred, code));
      if (cols.length > 1) {
        for (String syn : cols[1].split("\\|")) {
          if (!syn.isBlank()) {
            out.add(new LexiconEntry(syn.strip(), type, preferred, code));
          }
        }
      }
    }
    return out;
  }

  /** A new lexicon with {@code more} added; existing entries win on identical surface forms. */
  public Lexicon plus(Collection<LexiconEntry> more) {
    List<LexiconEntry> all = new ArrayList<>(entries);
    all.addAll(more);
    return new Lexicon(all);
  }

  /** A new lexicon with a hospital dictionary file (same format as the bundled files) added. */
  public Lexicon plusFile(Path file, String type) {
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return plus(parse(reader, type));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new lexicon keeping only the entries {@code keep} accepts. */
  public Lexicon filter(Predicate<LexiconEntry> keep) {
    return new Lexicon(entries.stream().filter(keep).toList());
  }

  /** A new lexicon keeping only entries of the given types. */
  public Lexicon onlyTypes(Set<String> types) {
    return filter(e -> types.contains(e.type()));
  }

  /** All entries (surface forms). */
  public List<LexiconEntry> entries() {
    return entries;
  }

  /** Number of surface forms. */
  public int size() {
    return entries.size();
  }

  /**
   * Leftmost-longest, non-overlapping matches: at each position the longest entry wins and matching
   * resumes after it. This is what the entity stage reports. A match never starts or ends inside a
   * run of Latin letters, so PE (肺栓塞) is not found in PEEP nor HIT in WHITE.
   */
  public List<LexiconMatch> longestMatches(CharSequence text) {
    List<LexiconMatch> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int best = insideWord(text, i) ? i : longestAt(text, i);
      if (best > i) {
        out.add(new LexiconMatch(i, best, entries.get(valueOfPath(text, i, best))));
        i = best;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Every match at every position, overlapping ones included; the tagger uses them as features. */
  public List<LexiconMatch> allMatches(CharSequence text) {
    List<LexiconMatch> out = new ArrayList<>();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      int node = 0;
      for (int j = i; j < n; j++) {
        node = trie.child(node, foldChar(text.charAt(j)));
        if (node < 0) {
          break;
        }
        int v = trie.value(node);
        if (v >= 0) {
          out.add(new LexiconMatch(i, j + 1, entries.get(v)));
        }
      }
    }
    return out;
  }

  private int longestAt(CharSequence text, int i) {
    int node = 0;
    int best = i;
    for (int j = i; j < text.length(); j++) {
      node = trie.child(node, foldChar(text.charAt(j)));
      if (node < 0) {
        break;
      }
      if (trie.value(node) >= 0 && !insideWord(text, j + 1)) {
        best = j + 1;
      }
    }
    return best;
  }

  /** True when {@code at} falls between two Latin letters, i.e. inside an English word. */
  private static boolean insideWord(CharSequence text, int at) {
    return at > 0
        && at < text.length()
        && latinLetter(text.charAt(at - 1))
        && latinLetter(text.charAt(at));
  }

  private static boolean latinLetter(char c) {
    char f = foldChar(c);
    return (f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z');
  }

  private int valueOfPath(CharSequence text, int s, int e) {
    int node = 0;
    for (int j = s; j < e; j++) {
      node = trie.child(node, foldChar(text.charAt(j)));
    }
    return trie.value(node);
  }

  private static char foldChar(char c) {
    char f = TextNormalizer.foldChar(c);
    return f < 128 ? Character.toLowerCase(f) : f;
  }

  private static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      b.append(foldChar(s.charAt(i)));
    }
    return b.toString();
  }
}
