package io.tianshu.synth;

import java.util.List;
import java.util.SplittableRandom;

/** Chinese personal names: a frequency-weighted surname and a one- or two-character given name. */
final class Names {
  private Names() {}

  static String person(Vocabulary v, SplittableRandom r, boolean female) {
    List<String> chars = female ? v.femaleChars : v.maleChars;
    StringBuilder sb = new StringBuilder(4);
    sb.append(v.surnames.pick(r));
    // About a third of given names have one character (more common in older generations).
    if (r.nextDouble() < 0.3) {
      sb.append(chars.get(r.nextInt(chars.size())));
    } else {
      List<String> first = r.nextDouble() < 0.35 ? v.neutralChars : chars;
      sb.append(first.get(r.nextInt(first.size())));
      sb.append(chars.get(r.nextInt(chars.size())));
    }
    return sb.toString();
  }
}
