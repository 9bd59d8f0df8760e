package io.tianshu.ingest.cda;

import io.tianshu.ingest.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 53 WS/T 500-2016 Freemarker skeletons of {@code shared/data/interop/wst500-cda-templates},
 * read in place and filled with sample values: every {@code ${…}} placeholder gets a value chosen
 * by its data-element name, so that one patient (住院号/门急诊号 {@code ZY0001}, 张三, born 1980-01-01) is
 * the subject of every document.
 */
final class Wst500Skeletons {

  static final String ORG = "ORG-12345";
  static final String PATIENT_NUMBER = "ZY0001";
  static final String INPATIENT = ORG + ":IP|" + PATIENT_NUMBER;
  static final String OUTPATIENT = ORG + ":OP|" + PATIENT_NUMBER;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

  private Wst500Skeletons() {}

  static Path template(int n) {
    return SharedData.dir("interop/wst500-cda-templates/templates")
        .resolve(String.format("template%02d.xml.ftl", n));
  }

  static String raw(int n) {
    try {
      return Files.readString(template(n), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Template {@code n} (1-53) with every placeholder filled. */
  static String filled(int n) {
    Matcher m = PLACEHOLDER.matcher(raw(n));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(n, m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  static byte[] bytes(int n) {
    return filled(n).getBytes(StandardCharsets.UTF_8);
  }

  /** The sample value of a placeholder such as {@code admissionRecord.主诉!'主诉'}. */
  static String value(int template, String expression) {
    String path = expression.split("!", 2)[0].strip();
    String name = path.substring(path.lastIndexOf('.') + 1);
    if (name.equals("docId")) {
      return String.format("DOC-C%04d", template);
    }
    if (name.matches("住院号|门急诊号|病案号|城乡居民健康档案编号|居民健康卡号")) {
      return PATIENT_NUMBER;
    }
    if (name.contains("身份证件号码")) {
      return "110101198001011234";
    }
    if (name.contains("组织机构")) {
      return ORG;
    }
    if (name.equals("患者姓名")) {
      return "张三";
    }
    if (name.equals("性别代码")) {
      return "1";
    }
    if (name.equals("出生日期")) {
      return "19800101";
    }
    if (name.contains("日期") || name.contains("时间") || name.endsWith("Time")) {
      return "20260301083000";
    }
    if (name.contains("标志")) {
      return "true";
    }
    if (name.contains("诊断") && name.contains("编码")) {
      return "J18.900";
    }
    if (name.contains("代码") || name.contains("顺位") || name.endsWith("量") || name.contains("数")) {
      return "1";
    }
    return "样例" + name;
  }
}
