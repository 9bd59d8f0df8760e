package io.tianshu.core.record;

/** How an inpatient stay ended (离院方式, after the 病案首页 categories). */
public enum DischargeDisposition {
  HOME("医嘱离院"),
  TRANSFER_HOSPITAL("医嘱转院"),
  TRANSFER_COMMUNITY("医嘱转社区卫生服务机构/乡镇卫生院"),
  AGAINST_ADVICE("非医嘱离院"),
  DEATH("死亡"),
  OTHER("其他");

  private final String chinese;

  DischargeDisposition(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }
}
