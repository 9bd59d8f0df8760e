package io.tianshu.nlp.value;

import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Entity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says which entity of a note each value belongs to: a lab value to the lab test it follows or
 * names, a dose, route and frequency to the drug before them in the sentence, a duration to the
 * symptoms, diseases and operations of its clause. Vital signs belong to no entity (no lexicon
 * names T or BP): they are mentions of their own. Values the rules place nowhere are left out.
 */
public final class ValueLinker {

  /** Lab tests, in the lexicon's type and the CCKS 2019 / 2017 labels a trained model reports. */
  private static final Set<String> LAB_TYPES = Set.of("lab", "实验室检验", "检查和检验");

  private static final Set<String> DRUG_TYPES = Set.of("drug", "药物");

  /** What a duration says how long ago or for how long of. */
  private static final Set<String> TIMED_TYPES =
      Set.of("symptom", "disease", "operation", "疾病和诊断", "手术", "症状和体征");

  /** Ends of a clause: a duration belongs to its clause (咳嗽、咳痰10余年，加重伴发热3天). */
  private static final String CLAUSE_BREAKS = "，,。；;！!？?\n\r";

  /** Ends of a sentence: a drug's dose may follow it after a comma (阿司匹林 100mg，qd). */
  private static final String SENTENCE_BREAKS = "。；;！!？?\n\r";

  /** How far before its number a lab value's test may end: 血红蛋白为 85g/L. */
  private static final int LAB_GAP = 4;

  private static final String CHINESE_DIGITS = "零一二三四五六七八九";

  /**
   * The values of a document placed on its entities, and its vital signs.
   *
   * @param byEntity each entity that a value belongs to (by identity) with that value
   * @param vitalSigns each vital sign with its value, in text order
   */
  public record Links(Map<Entity, MentionValue> byEntity, Map<Value, MentionValue> vitalSigns) {}

  private ValueLinker() {}

  /**
   * Links the values of {@code doc}, which must have entities, values and the normalised text. Each
   * entity gets at most one value; a duration may belong to several entities.
   */
  public static Links link(AnnotatedDocument doc) {
    String text = doc.text();
    NormalizedText norm = doc.get(NormalizedText.LAYER).get(0);
    List<Entity> entities = doc.get(Entity.LAYER);
    List<Value> values = doc.get(Value.LAYER);
    Map<Entity, MentionValue> byEntity = new IdentityHashMap<>();
    Map<Value, MentionValue> vitals = new LinkedHashMap<>();
    for (Value v : values) {
      if (v.kind() == ValueKind.VITAL_SIGN) {
        vitals.put(v, measured(v));
      } else if (v.kind() == ValueKind.LAB) {
        Entity test = labTest(v, entities, text);
        if (test != null) {
          byEntity.putIfAbsent(test, measured(v));
        }
      }
    }
    linkDrugs(entities, values, text, byEntity);
    linkDurations(entities, values, text, norm, byEntity);
    return new Links(Collections.unmodifiableMap(byEntity), Collections.unmodifiableMap(vitals));
  }

  /**
   * The lab test a lab value is of: the last one inside the value's span (whose name part may start
   * with other words: 查血常规示白细胞12.5×10^9/L), else one just before it in its clause.
   */
  private static Entity labTest(Value v, List<Entity> entities, String text) {
    Entity inside = null;
    Entity before = null;
    for (Entity e : entities) {
      if (e.start() >= v.end()) {
        break;
      }
      if (!LAB_TYPES.contains(e.type())) {
        continue;
      }
      if (e.end() > v.start()) {
        inside = e;
      } else if (v.start() - e.end() <= LAB_GAP
          && !breaks(text, e.end(), v.start(), CLAUSE_BREAKS)) {
        before = e;
      }
    }
    return inside != null ? inside : before;
  }

  /**
   * Doses, routes and frequencies that follow a drug in its sentence with no other mention between
   * (低分子肝素 0.4ml 皮下注射 qd); a mention inside one of them (皮下 of 皮下注射) does not count.
   */
  private static void linkDrugs(
      List<Entity> entities, List<Value> values, String text, Map<Entity, MentionValue> out) {
    int first = 0;
    for (int d = 0; d < entities.size(); d++) {
      Entity drug = entities.get(d);
      if (!DRUG_TYPES.contains(drug.type()) || out.containsKey(drug)) {
        continue;
      }
      while (first < values.size() && values.get(first).start() < drug.end()) {
        first++;
      }
      List<Value> given = new ArrayList<>();
      int position = drug.end();
      int entity = d + 1;
      for (int i = first; i < values.size(); i++) {
        Value v = values.get(i);
        while (entity < entities.size() && entities.get(entity).start() < position) {
          entity++;
        }
        boolean mentionBetween =
            entity < entities.size() && entities.get(entity).start() < v.start();
        if (mentionBetween
            || breaks(text, position, v.start(), SENTENCE_BREAKS)
            || !(v.kind() == ValueKind.DOSE
                || v.kind() == ValueKind.ROUTE
                || v.kind() == ValueKind.FREQUENCY)) {
          break;
        }
        given.add(v);
        position = v.end();
      }
      if (!given.isEmpty()) {
        out.put(drug, administration(given));
      }
    }
  }

  private static MentionValue administration(List<Value> given) {
    List<String> parts = new ArrayList<>();
    Value dose = null;
    for (Value v : given) {
      if (v.kind() == ValueKind.DOSE) {
        if (dose != null) {
          continue; // a second dose is another drug's, or a total: the first is the dose given
        }
        dose = v;
        parts.add(v.magnitude() + v.unit());
      } else {
        parts.add(v.unit());
      }
    }
    return dose == null
        ? new MentionValue(String.join(" ", parts), null, null)
        : new MentionValue(String.join(" ", parts), number(dose.magnitude()), dose.unit());
  }

  /**
   * A duration belongs to the timed mentions of its clause before it (咳嗽、咳痰10余年), or, when there
   * are none, after it (3天前出现发热、咳嗽).
   */
  private static void linkDurations(
      List<Entity> entities,
      List<Value> values,
      String text,
      NormalizedText norm,
      Map<Entity, MentionValue> out) {
    int previousEnd = 0;
    for (Value v : values) {
      if (v.kind() != ValueKind.DURATION) {
        continue;
      }
      int clauseStart = Math.max(clauseStart(text, v.start()), previousEnd);
      int clauseEnd = clauseEnd(text, v.end());
      previousEnd = v.end();
      List<Entity> before = new ArrayList<>();
      List<Entity> after = new ArrayList<>();
      for (Entity e : entities) {
        if (e.start() >= clauseEnd) {
          break;
        }
        if (!TIMED_TYPES.contains(e.type()) || e.start() < clauseStart) {
          continue;
        }
        if (e.end() <= v.start()) {
          before.add(e);
        } else if (e.start() >= v.end() && e.end() <= clauseEnd) {
          after.add(e);
        }
      }
      MentionValue value = duration(v, norm);
      for (Entity e : before.isEmpty() ? after : before) {
        out.putIfAbsent(e, value);
      }
    }
  }

  private static MentionValue duration(Value v, NormalizedText norm) {
    String written =
        norm.text().substring(norm.toNormalized(v.start()), norm.toNormalized(v.end()));
    Double n = number(v.magnitude());
    // 3年半: the half follows the unit.
    if (n != null && written.contains(v.unit() + "半")) {
      n += 0.5;
    }
    return new MentionValue(written, n, v.unit());
  }

  /** A vital sign or lab value: number and unit, as normalised by the value stage. */
  private static MentionValue measured(Value v) {
    return new MentionValue(v.magnitude() + v.unit(), number(v.magnitude()), v.unit());
  }

  /**
   * The number of a magnitude: Arabic digits, or Chinese numerals up to the hundreds (半, 三, 十五,
   * 二十); null for a pair (120/80), a range (三四) or an amount like 数.
   */
  static Double number(String magnitude) {
    if (magnitude.isEmpty()) {
      return null;
    }
    char first = magnitude.charAt(0);
    if (first >= '0' && first <= '9') {
      try {
        return Double.valueOf(magnitude);
      } catch (NumberFormatException e) {
        return null; // 120/80
      }
    }
    if (magnitude.equals("半")) {
      return 0.5;
    }
    int total = 0;
    int digit = -1;
    for (int i = 0; i < magnitude.length(); i++) {
      char c = magnitude.charAt(i);
      if (c == '十' || c == '百') {
        total += (digit < 0 ? 1 : digit) * (c == '十' ? 10 : 100);
        digit = -1;
      } else {
        int d = c == '两' ? 2 : CHINESE_DIGITS.indexOf(c);
        if (d < 0 || digit >= 0) {
          return null;
        }
        digit = d;
      }
    }
    return (double) (total + Math.max(digit, 0));
  }

  private static boolean breaks(String text, int from, int to, String breaks) {
    for (int i = from; i < to; i++) {
      if (breaks.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static int clauseStart(String text, int offset) {
    int i = offset;
    while (i > 0 && CLAUSE_BREAKS.indexOf(text.charAt(i - 1)) < 0) {
      i--;
    }
    return i;
  }

  private static int clauseEnd(String text, int offset) {
    int i = offset;
    while (i < text.length() && CLAUSE_BREAKS.indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }
}
