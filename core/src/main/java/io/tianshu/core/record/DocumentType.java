package io.tianshu.core.record;

import java.util.Arrays;
import java.util.Optional;

/** Clinical document types as named in 《病历书写基本规范》. */
public enum DocumentType {
  ADMISSION_NOTE("入院记录"),
  FIRST_PROGRESS_NOTE("首次病程记录"),
  PROGRESS_NOTE("日常病程记录"),
  ATTENDING_ROUND_NOTE("主治医师首次查房记录"),
  OPERATION_NOTE("手术记录"),
  POSTOPERATIVE_NOTE("术后首次病程记录"),
  TRANSFER_IN_NOTE("转入记录"),
  DISCHARGE_SUMMARY("出院记录"),
  DEATH_RECORD("死亡记录"),
  DEATH_DISCUSSION("死亡病例讨论记录"),
  OUTPATIENT_NOTE("门诊病历");

  private final String chinese;

  DocumentType(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }

  /** Looks a type up by its Chinese name. */
  public static Optional<DocumentType> fromChinese(String name) {
    return Arrays.stream(values()).filter(t -> t.chinese.equals(name)).findFirst();
  }
}
