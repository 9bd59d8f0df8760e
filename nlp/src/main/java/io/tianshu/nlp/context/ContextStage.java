package io.tianshu.nlp.context;

import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import io.tianshu.nlp.pipeline.EntityFlag;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import io.tianshu.nlp.section.Section;
import io.tianshu.nlp.section.SectionKind;
import io.tianshu.nlp.sentence.Sentence;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Marks each entity as negated, uncertain, historical or experienced by a relative, from cue words
 * in its sentence and from the section it sits in (既往史 → historical, 家族史 → family). Refines the
 * entity layer.
 */
public final class ContextStage implements Stage {

  /** Longest gap, in characters, between an entity and a cue that follows it (肺部感染可能). */
  private static final int MAX_AFTER_GAP = 8;

  /** Extra reach of a following cue over a list of items joined by 、 及 和 与. */
  private static final int MAX_LIST_EXTRA = 16;

  /**
   * Farthest reach, in characters, of a cue before an entity. Twice the longest list in the test
   * sets; it bounds the work on a "sentence" without punctuation (a pasted table, a long list),
   * which would otherwise be quadratic in its length.
   */
  private static final int MAX_BEFORE_REACH = 120;

  @Override
  public String name() {
    return "context";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of(NormalizedText.LAYER, Section.LAYER, Sentence.LAYER, Entity.LAYER);
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(Entity.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    NormalizedText norm = document.get(NormalizedText.LAYER).get(0);
    List<Sentence> sentences = document.get(Sentence.LAYER);
    List<Section> sections = document.get(Section.LAYER);
    List<Entity> entities = document.get(Entity.LAYER);
    Text t = new Text(norm, entities);
    List<Entity> out = new ArrayList<>();
    for (Entity e : entities) {
      out.add(e.withFlags(assess(t, norm, sentences, sections, e)));
    }
    return document.with(Entity.LAYER, out);
  }

  /**
   * The normalised text with, per character, whether an entity covers it. Other entities are opaque
   * to the cue search: the 无 of 肢体无力 negates nothing after it, and the 伴 of 胆囊结石伴胆囊炎 breaks no
   * scope.
   */
  private record Text(String t, boolean[] inEntity) {
    Text(NormalizedText norm, List<Entity> entities) {
      this(norm.text(), new boolean[norm.text().length()]);
      for (Entity e : entities) {
        int s = norm.toNormalized(e.start());
        int end = Math.min(t.length(), Math.max(s, norm.toNormalized(e.end())));
        for (int i = s; i < end; i++) {
          inEntity[i] = true;
        }
      }
    }

    /** True when any character of {@code [from, to)} belongs to an entity. */
    boolean entityIn(int from, int to) {
      for (int i = Math.max(0, from); i < Math.min(to, inEntity.length); i++) {
        if (inEntity[i]) {
          return true;
        }
      }
      return false;
    }
  }

  private static Set<EntityFlag> assess(
      Text text, NormalizedText norm, List<Sentence> sentences, List<Section> sections, Entity e) {
    String t = text.t();
    int es = norm.toNormalized(e.start());
    int ee = Math.max(es, norm.toNormalized(e.end()));
    Sentence sentence = sentenceOf(sentences, e.start());
    int ss = sentence == null ? 0 : Math.min(es, norm.toNormalized(sentence.start()));
    ss = Math.max(ss, es - MAX_BEFORE_REACH);
    int se = sentence == null ? t.length() : Math.max(ee, norm.toNormalized(sentence.end()));
    EnumSet<EntityFlag> flags = EnumSet.noneOf(EntityFlag.class);
    if (cueBefore(text, ss, es, ContextRules.NEGATION_BEFORE, true)
        || cueAfter(text, ee, se, ContextRules.NEGATION_AFTER)) {
      flags.add(EntityFlag.NEGATED);
    }
    if (cueBefore(text, ss, es, ContextRules.UNCERTAIN_BEFORE, false)
        || cueAfter(text, ee, se, ContextRules.UNCERTAIN_AFTER)) {
      flags.add(EntityFlag.UNCERTAIN);
    }
    SectionKind kind = sectionOf(sections, e.start());
    if (kind == SectionKind.PAST_HISTORY
        || cueBefore(text, ss, es, ContextRules.HISTORY_BEFORE, false)
        || cueAfter(text, ee, se, ContextRules.HISTORY_AFTER)
        || operationFollowedByHou(t, ee)) {
      flags.add(EntityFlag.HISTORICAL);
    }
    if (kind == SectionKind.FAMILY_HISTORY || familyCue(text, ss, es)) {
      flags.add(EntityFlag.FAMILY);
    }
    return flags;
  }

  /**
   * Scans back from the entity to the sentence start for a cue; a scope breaker met first ends the
   * search. At each position cues are tried before breakers, so 不伴 is a cue although 伴 breaks.
   */
  private static boolean cueBefore(
      Text text, int from, int entityStart, CueList cues, boolean negation) {
    String t = text.t();
    for (int p = entityStart; p > from; p--) {
      String cue = endingAt(text, p, from, cues);
      if (cue != null) {
        if (negation && insidePseudoCue(t, p - cue.length(), p)) {
          p = p - cue.length() + 1;
          continue;
        }
        return true;
      }
      String breaker = endingAt(text, p, from, ContextRules.SCOPE_BREAKERS);
      if (breaker != null && !inside(t, ContextRules.NON_BREAKERS, p - breaker.length(), p)) {
        return false;
      }
    }
    return false;
  }

  /**
   * Looks forward from the entity end for a cue over a short gap without breakers; the gap may be
   * longer when it is a list (高血压、糖尿病、冠心病病史), since the cue then covers every item.
   */
  private static boolean cueAfter(Text text, int entityEnd, int to, CueList cues) {
    String t = text.t();
    int limit = Math.min(to, entityEnd + MAX_AFTER_GAP + MAX_LIST_EXTRA);
    boolean list = false;
    for (int p = entityEnd; p < limit; p++) {
      if (!list && p - entityEnd >= MAX_AFTER_GAP) {
        return false;
      }
      if (text.inEntity()[p]) {
        continue;
      }
      for (String cue : cues.startingWith(t.charAt(p))) {
        if (t.startsWith(cue, p) && p + cue.length() <= to && !text.entityIn(p, p + cue.length())) {
          return true;
        }
      }
      char c = t.charAt(p);
      if (c == ',' || c == ';' || c == ':' || c == '。' || c == '但' || c == '伴') {
        return false;
      }
      list |= c == '、' || c == '及' || c == '和' || c == '与';
    }
    return false;
  }

  // "阑尾切除术后": the 后 after an operation's own 术 makes it a past operation.
  private static boolean operationFollowedByHou(String t, int entityEnd) {
    return entityEnd > 0
        && entityEnd < t.length()
        && t.charAt(entityEnd - 1) == '术'
        && t.charAt(entityEnd) == '后';
  }

  private static boolean familyCue(Text text, int from, int entityStart) {
    for (int p = entityStart; p > from; p--) {
      if (endingAt(text, p, from, ContextRules.FAMILY_BEFORE) != null) {
        return true;
      }
      if (endingAt(text, p, from, ContextRules.FAMILY_BREAKERS) != null) {
        return false;
      }
    }
    return false;
  }

  /** The word of {@code words} that ends at {@code end} outside every entity, if any. */
  private static String endingAt(Text text, int end, int from, CueList words) {
    String t = text.t();
    if (end <= 0 || end > t.length()) {
      return null;
    }
    for (String w : words.endingWith(t.charAt(end - 1))) {
      int s = end - w.length();
      if (s >= from && t.startsWith(w, s) && !text.entityIn(s, end)) {
        return w;
      }
    }
    return null;
  }

  private static boolean insidePseudoCue(String t, int cueStart, int cueEnd) {
    return inside(t, ContextRules.PSEUDO_NEGATION, cueStart, cueEnd);
  }

  /**
   * True when one of {@code words} occurs in {@code t} around {@code [cueStart, cueEnd)}. Looks
   * only at the positions such an occurrence can start at, not along the rest of the text.
   */
  private static boolean inside(String t, CueList words, int cueStart, int cueEnd) {
    for (String w : words.words()) {
      for (int k = Math.max(0, cueEnd - w.length()); k <= cueStart; k++) {
        if (t.startsWith(w, k)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Sentence sentenceOf(List<Sentence> sentences, int offset) {
    int lo = 0;
    int hi = sentences.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Sentence s = sentences.get(mid);
      if (offset < s.start()) {
        hi = mid - 1;
      } else if (offset >= s.end()) {
        lo = mid + 1;
      } else {
        return s;
      }
    }
    return null;
  }

  private static SectionKind sectionOf(List<Section> sections, int offset) {
    for (Section s : sections) {
      if (s.contains(offset)) {
        return s.kind();
      }
    }
    return null;
  }
}
