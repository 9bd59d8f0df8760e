package io.tianshu.nlp.concept;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds the code of a disease or operation mention in a {@link ConceptVocabulary}: an exact match
 * on a display, else on a synonym, else the closest term by the Dice coefficient of padded
 * character bigrams if it reaches the threshold and does not contradict the mention. Thread-safe.
 *
 * <p>A fuzzy match is refused when the two texts differ by a negating character (非霍奇金淋巴瘤 is not
 * 霍奇金淋巴瘤), or when each has characters the other lacks and one of them is a digit, a Latin letter
 * or a qualifier that changes the code (急/慢, 良/恶, 上/下, 左/右 …: 1型 is not 2型 diabetes, 急性胰腺炎 is not
 * 慢性胰腺炎). Added words are allowed (右股骨颈骨折 → 股骨颈骨折).
 */
public final class ConceptNormalizer {

  /**
   * Bigram Dice below which a fuzzy candidate is dropped. At 0.65: 腰椎间盘突出 → 腰椎间盘突出症 (0.80), 右股骨颈骨折
   * → 股骨颈骨折 (0.77), 肺部感染 → 肺感染 (0.67) pass; 高血压 vs 低血压 (0.50) and 脑梗塞 vs 脑梗死 (0.50) do not.
   */
  public static final double DEFAULT_THRESHOLD = 0.65;

  static final double SYNONYM_CONFIDENCE = 0.9;
  static final double FUZZY_SCALE = 0.8;

  private static final String NEGATING = "非无未不否";
  private static final String QUALIFIERS = "急慢良恶上下前后内外左右高低单双原继早晚轻重大小增减多少";

  private final ConceptVocabulary vocabulary;
  private final double threshold;

  public ConceptNormalizer(ConceptVocabulary vocabulary) {
    this(vocabulary, DEFAULT_THRESHOLD);
  }

  /**
   * @param threshold the least bigram Dice coefficient of a fuzzy match, in (0, 1]; 1 turns fuzzy
   *     matching off in effect
   */
  public ConceptNormalizer(ConceptVocabulary vocabulary, double threshold) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0,1], was " + threshold);
    }
    this.threshold = threshold;
  }

  /** The vocabulary searched. */
  public ConceptVocabulary vocabulary() {
    return vocabulary;
  }

  /** The code of {@code mention} in code system {@code system} (e.g. {@code icd10}), if any. */
  public Optional<ConceptMatch> normalize(String mention, String system) {
    String key = ConceptVocabulary.key(mention);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    int hit = vocabulary.exact(system, key);
    if (hit >= 0) {
      VocabularyTerm t = vocabulary.term(hit);
      return Optional.of(
          match(
              t,
              t.display() ? MatchKind.EXACT : MatchKind.SYNONYM,
              t.display() ? 1.0 : SYNONYM_CONFIDENCE));
    }
    if (key.length() < 2) {
      return Optional.empty();
    }
    int[] grams = ConceptVocabulary.grams(key);
    Best best = new Best();
    vocabulary.candidates(
        system,
        grams,
        (term, termKey, termGrams, shared) -> {
          double dice = 2.0 * shared / (grams.length + termGrams);
          if (dice < threshold || contradicts(key, termKey)) {
            return;
          }
          int lengthGap = Math.abs(termKey.length() - key.length());
          if (dice > best.dice
              || dice == best.dice
                  && (lengthGap < best.lengthGap
                      || lengthGap == best.lengthGap && term < best.term)) {
            best.dice = dice;
            best.lengthGap = lengthGap;
            best.term = term;
          }
        });
    if (best.term < 0) {
      return Optional.empty();
    }
    return Optional.of(match(vocabulary.term(best.term), MatchKind.FUZZY, FUZZY_SCALE * best.dice));
  }

  private ConceptMatch match(VocabularyTerm t, MatchKind kind, double confidence) {
    String display = vocabulary.display(t.system(), t.code());
    return new ConceptMatch(t.system(), t.code(), display, t.term(), kind, confidence);
  }

  /** True when the two keys disagree on something a code depends on (see the class comment). */
  static boolean contradicts(String a, String b) {
    String onlyA = missingFrom(a, b);
    String onlyB = missingFrom(b, a);
    if (containsAny(onlyA, NEGATING) || containsAny(onlyB, NEGATING)) {
      return true;
    }
    if (onlyA.isEmpty() || onlyB.isEmpty()) {
      return false;
    }
    return marksKind(onlyA) || marksKind(onlyB);
  }

  private static boolean marksKind(String chars) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c) || QUALIFIERS.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The characters of {@code a} left after taking away those of {@code b} (multiset difference).
   */
  private static String missingFrom(String a, String b) {
    StringBuilder rest = new StringBuilder(b);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < a.length(); i++) {
      int at = rest.indexOf(String.valueOf(a.charAt(i)));
      if (at < 0) {
        out.append(a.charAt(i));
      } else {
        rest.deleteCharAt(at);
      }
    }
    return out.toString();
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static final class Best {
    double dice = -1;
    int lengthGap = Integer.MAX_VALUE;
    int term = -1;
  }
}
