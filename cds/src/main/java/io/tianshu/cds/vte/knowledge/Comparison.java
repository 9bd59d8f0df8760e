package io.tianshu.cds.vte.knowledge;

/** A numeric test such as {@code {gt: 25}} or {@code {ge: 30, lt: 60}}; absent bounds are open. */
public record Comparison(Double gt, Double ge, Double lt, Double le) {

  public static final Comparison ANY = new Comparison(null, null, null, null);

  public boolean test(double v) {
    return (gt == null || v > gt)
        && (ge == null || v >= ge)
        && (lt == null || v < lt)
        && (le == null || v <= le);
  }

  public boolean isAny() {
    return gt == null && ge == null && lt == null && le == null;
  }

  /** The test as people write it, e.g. {@code ≥30 <60}. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    append(b, ">", gt);
    append(b, "≥", ge);
    append(b, "<", lt);
    append(b, "≤", le);
    return b.toString();
  }

  private static void append(StringBuilder b, String op, Double v) {
    if (v != null) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(op).append(v % 1 == 0 ? String.valueOf(v.longValue()) : String.valueOf(v));
    }
  }
}
