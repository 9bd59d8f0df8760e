package io.tianshu.nlp.value;

import io.tianshu.nlp.normalize.NormalizedText;
import io.tianshu.nlp.pipeline.AnnotatedDocument;
import io.tianshu.nlp.pipeline.Layer;
import io.tianshu.nlp.pipeline.Stage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts vital signs, lab values with units, durations, and dose/route/frequency from the
 * normalised text. Patterns are tried from most to least specific and a character belongs to at
 * most one value, so "BP 120/80mmHg" is one vital sign, not two numbers.
 */
public final class ValueStage implements Stage {

  private static final String NUM = "(\\d+(?:\\.\\d+)?)";

  /**
   * One pattern; {@code starts} lists the characters a match can begin with (null: any), so that
   * the pattern is tried only there. The regex engine would try every position, which made this
   * stage most of the pipeline's time.
   */
  private record Rule(ValueKind kind, Pattern pattern, String fixedName, String starts) {
    Rule(ValueKind kind, Pattern pattern, String fixedName) {
      this(kind, pattern, fixedName, null);
    }
  }

  private static final String DIGITS = "0123456789";

  private static final String DURATION_STARTS = DIGITS + "一二两三四五六七八九十百半数";
  private static final String DURATION_UNIT_STARTS = "年月周星天日小分h";

  /** The first characters of the lab units in the lab rule below. */
  private static final String LAB_UNIT_STARTS = "×muμgUInpf";

  // Vital signs: the letter must not be part of a longer Latin word (so "CT" does not give T).
  // Routes and
  // frequencies go before durations and doses so that q8h and 一日3次 are not read as 8 hours or one
  // day.
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              ValueKind.VITAL_SIGN,
              Pattern.compile(
                  "(?<![A-Za-z])(BP|血压)\\s*[:]?\\s*(\\d{2,3}\\s*/\\s*\\d{2,3})\\s*(mmHg|mmhg|MMHG|kPa)?"),
              null,
              "B血"),
          new Rule(
              ValueKind.VITAL_SIGN,
              Pattern.compile("(?<![A-Za-z])(T|体温)\\s*[:]?\\s*(\\d{2}(?:\\.\\d)?)\\s*(°C|度|C|c)"),
              null,
              "T体"),
          new Rule(
              ValueKind.VITAL_SIGN,
              Pattern.compile(
                  "(?<![A-Za-z])(P|HR|R|脉搏|心率|呼吸)\\s*[:]?\\s*(\\d{1,3})\\s*(次/分|次/min|bpm|/分|/min)"),
              null,
              "PHR脉心呼"),
          new Rule(
              ValueKind.VITAL_SIGN,
              Pattern.compile("(?<![A-Za-z])(SpO2|SPO2|SaO2|血氧饱和度)\\s*[:]?\\s*(\\d{2,3})\\s*(%)"),
              null,
              "S血"),
          new Rule(
              ValueKind.LAB,
              Pattern.compile(
                  "([A-Za-z][A-Za-z0-9-]{0,8}|[\\u4e00-\\u9fa5]{2,8})?\\s*[:]?\\s*"
                      + NUM
                      + "\\s*(×10\\^\\d{1,2}/L|mmol/L|umol/L|μmol/L|g/L|mg/L|mg/dl|mg/dL|U/L|IU/L|IU/ml|ng/ml|ng/mL|pg/ml|pg/mL|ug/L|μg/L|mIU/L|mU/L|fL|fl|pg|mEq/L|mm/h|mmol/mol)"),
              null),
          new Rule(
              ValueKind.ROUTE,
              Pattern.compile(
                  "(皮下注射|静脉滴注|静脉注射|静脉推注|肌肉注射|肌内注射|静滴|静推|肌注|口服|雾化吸入|含服|外用|鼻饲|(?<![A-Za-z])(?:ivgtt|iv|ih|im|po|H)(?![A-Za-z]))"),
              "",
              "皮静肌口雾含外鼻ipH"),
          new Rule(
              ValueKind.FREQUENCY,
              Pattern.compile(
                  "((?<![A-Za-z])(?:qd|bid|tid|qid|qn|qod|qw|biw|tiw|st|prn|q\\d{1,2}h)(?![A-Za-z])|每日[一二三四1234]次|每天[一二三四1234]次|一日[一二三四1234]次|每晚一次|睡前)"),
              "",
              "qbtsp每一睡"),
          new Rule(
              ValueKind.DURATION,
              Pattern.compile(
                  "(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百半数]+)(余|多)?(个)?(年|月|周|星期|天|日|小时|分钟|h)(余|多|半)?(前|后|来|以来)?"),
              "",
              DURATION_STARTS),
          new Rule(
              ValueKind.DOSE,
              Pattern.compile(
                  NUM + "\\s*(mg|g|ml|mL|μg|ug|IU|U|万U|万IU|万单位|单位|片|粒|支|袋|mmol)(?![A-Za-z/])"),
              "",
              DIGITS));

  @Override
  public String name() {
    return "values";
  }

  @Override
  public Set<Layer<?>> needs() {
    return Set.of(NormalizedText.LAYER);
  }

  @Override
  public Set<Layer<?>> produces() {
    return Set.of(Value.LAYER);
  }

  @Override
  public AnnotatedDocument apply(AnnotatedDocument document) {
    NormalizedText norm = document.get(NormalizedText.LAYER).get(0);
    return document.with(Value.LAYER, extract(norm, document.text()));
  }

  /** Values of {@code norm} in offsets of {@code original}. */
  public List<Value> extract(NormalizedText norm, String original) {
    String t = norm.text();
    BitSet taken = new BitSet(t.length());
    List<Value> out = new ArrayList<>();
    Gates gates = new Gates(nextLabNumber(t), durationUnitFollows(t));
    for (Rule rule : RULES) {
      // Transparent bounds: the look-behinds see the text before the region, as find() would.
      Matcher m = rule.pattern().matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
      int p = 0;
      while (p < t.length()) {
        if (!canStart(rule, t, p, gates) || !m.region(p, t.length()).lookingAt()) {
          p++;
          continue;
        }
        // As find() does: the next search starts where this match ended, or one further if empty.
        p = m.end() > m.start() ? m.end() : p + 1;
        if (m.end() == m.start() || !taken.get(m.start(), m.end()).isEmpty()) {
          continue;
        }
        Value v = toValue(rule, m, norm, original);
        if (v != null) {
          taken.set(m.start(), m.end());
          out.add(v);
        }
      }
    }
    out.sort(Comparator.comparingInt(Value::start));
    return out;
  }

  /**
   * Whether a match of {@code rule} can begin at {@code p}. A lab value has an optional name of at
   * most nine letters, then whitespace and a colon before its number, and a unit after it; so it
   * begins at most ten non-blank characters before a digit whose number a unit follows.
   */
  private static boolean canStart(Rule rule, String t, int p, Gates gates) {
    if (rule.starts() != null && rule.starts().indexOf(t.charAt(p)) < 0) {
      return false;
    }
    if (rule.kind() == ValueKind.DURATION) {
      return gates.durationUnitFollows()[p];
    }
    if (rule.kind() != ValueKind.LAB) {
      return true;
    }
    int d = gates.nextLabNumber()[p];
    if (d < 0) {
      return false;
    }
    int nonBlank = 0;
    for (int i = p; i < d; i++) {
      if (!Character.isWhitespace(t.charAt(i)) && ++nonBlank > 10) {
        return false;
      }
    }
    return true;
  }

  /** Where lab values and durations can begin, worked out once per text. */
  private record Gates(int[] nextLabNumber, boolean[] durationUnitFollows) {}

  /**
   * For each offset, the offset of the first digit at or after it after which, past digits, points
   * and blanks, comes the first letter of a lab unit; or -1. A superset of where a lab number can
   * begin: a lab number runs to the end of its run of digits and points, since neither can begin a
   * unit.
   */
  private static int[] nextLabNumber(String t) {
    int n = t.length();
    int[] next = new int[n + 1];
    next[n] = -1;
    boolean unitFollows = false;
    for (int i = n - 1; i >= 0; i--) {
      char c = t.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && c != '.' && !Character.isWhitespace(c)) {
        unitFollows = LAB_UNIT_STARTS.indexOf(c) >= 0;
      }
      next[i] = digit && unitFollows ? i : next[i + 1];
    }
    return next;
  }

  /**
   * For each offset, whether a time unit (年, 月, 天, 小时, h …) follows it past number characters and
   * 余/多/个: a superset of where a duration can begin.
   */
  private static boolean[] durationUnitFollows(String t) {
    int n = t.length();
    boolean[] follows = new boolean[n];
    boolean unit = false;
    for (int i = n - 1; i >= 0; i--) {
      follows[i] = unit;
      char c = t.charAt(i);
      if (DURATION_STARTS.indexOf(c) < 0 && c != '.' && "余多个".indexOf(c) < 0) {
        unit = DURATION_UNIT_STARTS.indexOf(c) >= 0;
      }
    }
    return follows;
  }

  private static Value toValue(Rule rule, Matcher m, NormalizedText norm, String original) {
    String name;
    String magnitude;
    String unit;
    switch (rule.kind()) {
      case VITAL_SIGN -> {
        name = vitalName(m.group(1));
        magnitude = m.group(2).replace(" ", "");
        unit = m.group(3) == null ? "mmHg" : vitalUnit(m.group(3));
      }
      case LAB -> {
        name = m.group(1) == null ? "" : m.group(1);
        magnitude = m.group(2);
        unit = m.group(3);
      }
      case DURATION -> {
        name = "";
        magnitude = m.group(1);
        unit = m.group(4);
      }
      case DOSE -> {
        name = "";
        magnitude = m.group(1);
        unit = m.group(2);
      }
      default -> {
        name = "";
        magnitude = "";
        unit = m.group(1);
      }
    }
    int s = norm.toOriginalStart(m.start());
    int e = Math.max(s, norm.toOriginalEnd(m.end()));
    return new Value(s, e, rule.kind(), name, magnitude, unit, original.substring(s, e));
  }

  private static String vitalName(String written) {
    return switch (written) {
      case "体温" -> "T";
      case "脉搏" -> "P";
      case "心率" -> "HR";
      case "呼吸" -> "R";
      case "血压" -> "BP";
      case "SPO2", "血氧饱和度" -> "SpO2";
      default -> written;
    };
  }

  private static String vitalUnit(String written) {
    return switch (written) {
      case "C", "c", "度" -> "°C";
      case "次/min", "bpm", "/分", "/min" -> "次/分";
      case "mmhg", "MMHG" -> "mmHg";
      default -> written;
    };
  }
}
