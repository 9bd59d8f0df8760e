package io.tianshu.synth;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Number and time formatting for the hot path, without {@code String.format} or formatters. */
final class Fmt {
  private Fmt() {}

  static String pad(long n, int width) {
    String s = Long.toString(n);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s).toString();
  }

  /** Fixed decimals, half-up. */
  static String num(double v, int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long scaled = Math.round(Math.abs(v) * scale);
    StringBuilder sb = new StringBuilder(12);
    if (v < 0 && scaled != 0) {
      sb.append('-');
    }
    sb.append(scaled / scale);
    if (decimals > 0) {
      sb.append('.');
      String frac = Long.toString(scaled % scale);
      for (int i = frac.length(); i < decimals; i++) {
        sb.append('0');
      }
      sb.append(frac);
    }
    return sb.toString();
  }

  static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }

  /** 2024-03-01 10:20, the way Chinese EMRs print times. */
  static String time(LocalDateTime t) {
    StringBuilder sb = new StringBuilder(16);
    date(sb, t.toLocalDate());
    sb.append(' ');
    two(sb, t.getHour());
    sb.append(':');
    two(sb, t.getMinute());
    return sb.toString();
  }

  static String date(LocalDate d) {
    StringBuilder sb = new StringBuilder(10);
    date(sb, d);
    return sb.toString();
  }

  /** 2024年3月1日 */
  static String chineseDate(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private static void date(StringBuilder sb, LocalDate d) {
    sb.append(d.getYear()).append('-');
    two(sb, d.getMonthValue());
    sb.append('-');
    two(sb, d.getDayOfMonth());
  }

  private static void two(StringBuilder sb, int n) {
    if (n < 10) {
      sb.append('0');
    }
    sb.append(n);
  }
}
