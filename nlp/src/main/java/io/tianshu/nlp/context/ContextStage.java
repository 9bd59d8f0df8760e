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
    List<Entity> out = new ArrayList<>();
    for (Entity e : document.get(Entity.LAYER)) {
      out.add(e.withFlags(assess(norm, sentences, sections, e)));
    }
    return document.with(Entity.LAYER, out);
  }

  private static Set<EntityFlag> assess(
      NormalizedText norm, List<Sentence> sentences, List<Section> sections, Entity e) {
    String t = norm.text();
    int es = norm.toNormalized(e.start());
    int ee = Math.max(es, norm.toNormalized(e.end()));
    Sentence sentence = sentenceOf(sentences, e.start());
    int ss = sentence == null ? 0 : Math.min(es, norm.toNormalized(sentence.start()));
    int se = sentence == null ? t.length() : Math.max(ee, norm.toNormalized(sentence.end()));
    EnumSet<EntityFlag> flags = EnumSet.noneOf(EntityFlag.class);
    if (cueBefore(t, ss, es, ContextRules.NEGATION_BEFORE, true)
        || cueAfter(t, ee, se, ContextRules.NEGATION_AFTER)) {
      flags.add(EntityFlag.NEGATED);
    }
    if (cueBefore(t, ss, es, ContextRules.UNCERTAIN_BEFORE, false)
        || cueAfter(t, ee, se, ContextRules.UNCERTAIN_AFTER)) {
      flags.add(EntityFlag.UNCERTAIN);
    }
    SectionKind kind = sectionOf(sections, e.start());
    if (kind == SectionKind.PAST_HISTORY
        || cueBefore(t, ss, es, ContextRules.HISTORY_BEFORE, false)
        || cueAfter(t, ee, se, ContextRules.HISTORY_AFTER)
        || operationFollowedByHou(t, ee)) {
      flags.add(EntityFlag.HISTORICAL);
    }
    if (kind == SectionKind.FAMILY_HISTORY || familyCue(t, ss, es)) {
      flags.add(EntityFlag.FAMILY);
    }
    return flags;
  }

  /**
   * Scans back from the entity to the sentence start for a cue; a scope breaker met first ends the
   * search. At each position cues are tried before breakers, so 不伴 is a cue although 伴 breaks.
   */
  private static boolean cueBefore(
      String t, int from, int entityStart, List<String> cues, boolean negation) {
    for (int p = entityStart; p > from; p--) {
      String cue = endingAt(t, p, from, cues);
      if (cue != null) {
        if (negation && insidePseudoCue(t, p - cue.length(), p)) {
          p = p - cue.length() + 1;
          continue;
        }
        return true;
      }
      if (endingAt(t, p, from, ContextRules.SCOPE_BREAKERS) != null) {
        return false;
      }
    }
    return false;
  }

  /**
   * Looks forward from the entity end for a cue over a short gap without breakers; the gap may be
   * longer when it is a list (高血压、糖尿病、冠心病病史), since the cue then covers every item.
   */
  private static boolean cueAfter(String t, int entityEnd, int to, List<String> cues) {
    int limit = Math.min(to, entityEnd + MAX_AFTER_GAP + MAX_LIST_EXTRA);
    boolean list = false;
    for (int p = entityEnd; p < limit; p++) {
      if (!list && p - entityEnd >= MAX_AFTER_GAP) {
        return false;
      }
      for (String cue : cues) {
        if (t.startsWith(cue, p) && p + cue.length() <= to) {
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

  private static boolean familyCue(String t, int from, int entityStart) {
    for (int p = entityStart; p > from; p--) {
      if (endingAt(t, p, from, ContextRules.FAMILY_BEFORE) != null) {
        return true;
      }
      if (endingAt(t, p, from, ContextRules.FAMILY_BREAKERS) != null) {
        return false;
      }
    }
    return false;
  }

  private static String endingAt(String t, int end, int from, List<String> words) {
    for (String w : words) {
      int s = end - w.length();
      if (s >= from && t.startsWith(w, s)) {
        return w;
      }
    }
    return null;
  }

  private static boolean insidePseudoCue(String t, int cueStart, int cueEnd) {
    for (String pseudo : ContextRules.PSEUDO_NEGATION) {
      int from = Math.max(0, cueEnd - pseudo.length());
      int idx = t.indexOf(pseudo, from);
      if (idx >= 0 && idx <= cueStart && idx + pseudo.length() >= cueEnd) {
        return true;
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
