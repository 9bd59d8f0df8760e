package io.tianshu.cds.vte.knowledge;

/** A bilingual label; the workbench shows Chinese by default. */
public record Label(String zh, String en) {
  public Label {
    zh = zh == null ? "" : zh;
    en = en == null || en.isBlank() ? zh : en;
  }
}
