package io.tianshu.server.security;

/** The workbench roles. A user may hold several. */
public enum Role {
  ADMIN("管理员"),
  DATA_STEWARD("数据管理员"),
  CLINICIAN("临床医生"),
  RESEARCHER("科研人员"),
  QUALITY_OFFICER("质控人员");

  private final String chinese;

  Role(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }

  /** The Spring Security authority name. */
  public String authority() {
    return "ROLE_" + name();
  }
}
