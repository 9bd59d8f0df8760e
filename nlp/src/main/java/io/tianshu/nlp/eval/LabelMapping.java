package io.tianshu.nlp.eval;

import io.tianshu.nlp.lexicon.Lexicon;
import io.tianshu.nlp.lexicon.LexiconMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps Tianshu's lexicon types to a corpus's label set for the lexicon-only evaluation. Types
 * without a label are left out of the lexicon before matching: CCKS 2019 does not label symptoms
 * but labels the body part inside them (腹 in 腹痛), so matching 腹痛 as a symptom would hide the part
 * it wants.
 *
 * @param name corpus name
 * @param labels Tianshu type → corpus label
 */
public record LabelMapping(String name, Map<String, String> labels) {

  /** CCKS 2019 (Yidu-S4K): 疾病和诊断, 影像检查, 实验室检验, 手术, 药物, 解剖部位. */
  public static final LabelMapping CCKS_2019 =
      new LabelMapping(
          "ccks2019",
          Map.of(
              "disease", "疾病和诊断",
              "exam", "影像检查",
              "lab", "实验室检验",
              "operation", "手术",
              "drug", "药物",
              "anatomy", "解剖部位"));

  /** CCKS 2017: 症状和体征, 检查和检验, 疾病和诊断, 治疗, 身体部位. */
  public static final LabelMapping CCKS_2017 =
      new LabelMapping(
          "ccks2017",
          Map.of(
              "symptom", "症状和体征",
              "exam", "检查和检验",
              "lab", "检查和检验",
              "disease", "疾病和诊断",
              "drug", "治疗",
              "operation", "治疗",
              "anatomy", "身体部位"));

  public LabelMapping {
    labels = Map.copyOf(labels);
  }

  /** A recognizer that matches {@code lexicon}'s mapped types and reports corpus labels. */
  public EntityRecognizer recognizer(Lexicon lexicon) {
    Lexicon mapped = lexicon.onlyTypes(labels.keySet());
    return text -> {
      List<CcksEntity> out = new ArrayList<>();
      for (LexiconMatch m : mapped.longestMatches(text)) {
        out.add(new CcksEntity(labels.get(m.entry().type()), m.start(), m.end()));
      }
      return out;
    };
  }
}
