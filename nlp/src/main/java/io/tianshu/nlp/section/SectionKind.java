package io.tianshu.nlp.section;

import java.util.List;

/**
 * The headings of Chinese inpatient documents (入院记录, 病程记录, 手术记录, 出院记录) and of their parts, each
 * with the spellings hospitals use. Order matters only for readability; matching takes the longest.
 */
public enum SectionKind {
  ADMISSION_NOTE("入院记录", "入院病历", "住院病历", "大病历"),
  PROGRESS_NOTE("病程记录", "首次病程记录", "首次病程", "日常病程记录", "病程录"),
  OPERATION_NOTE("手术记录", "手术经过", "术中所见", "手术过程"),
  DISCHARGE_NOTE("出院记录", "出院小结", "出院总结"),
  GENERAL("一般项目", "一般情况", "基本信息"),
  CHIEF_COMPLAINT("主诉"),
  PRESENT_ILLNESS("现病史", "病史摘要", "简要病史"),
  PAST_HISTORY("既往史", "既往病史", "过去史"),
  PERSONAL_HISTORY("个人史"),
  MARITAL_HISTORY("婚育史", "婚姻史", "生育史", "婚姻生育史"),
  MENSTRUAL_HISTORY("月经史"),
  FAMILY_HISTORY("家族史"),
  PHYSICAL_EXAM("体格检查", "查体", "体检", "入院查体"),
  SPECIALTY_EXAM("专科情况", "专科检查", "专科查体"),
  AUXILIARY_EXAM("辅助检查", "实验室检查", "影像学检查", "入院前辅助检查"),
  CASE_FEATURES("病例特点", "病史特点"),
  DIAGNOSTIC_REASONING("诊断依据", "鉴别诊断", "拟诊讨论"),
  ADMISSION_DIAGNOSIS("初步诊断", "入院诊断", "门诊诊断", "术前诊断"),
  POSTOPERATIVE_DIAGNOSIS("术后诊断"),
  PLAN("诊疗计划", "诊疗措施", "治疗计划"),
  HOSPITAL_COURSE("诊疗经过", "住院经过", "治疗经过", "入院后诊疗经过"),
  ADMISSION_STATUS("入院情况"),
  DISCHARGE_STATUS("出院情况", "出院时情况"),
  DISCHARGE_DIAGNOSIS("出院诊断", "最后诊断"),
  DISCHARGE_ORDERS("出院医嘱", "出院带药", "出院指导");

  private final List<String> headings;

  SectionKind(String... headings) {
    this.headings = List.of(headings);
  }

  /** The canonical heading, e.g. {@code 既往史}. */
  public String canonical() {
    return headings.get(0);
  }

  /** All spellings recognised as this heading, canonical first. */
  public List<String> headings() {
    return headings;
  }
}
