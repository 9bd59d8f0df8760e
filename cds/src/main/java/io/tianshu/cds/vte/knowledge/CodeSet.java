package io.tianshu.cds.vte.knowledge;

import java.util.List;
import java.util.Locale;

/**
 * Codes as knowledge files list them. Every pattern is a prefix: {@code I80.2} matches I80.2 and
 * its sub-codes, {@code I83*} and {@code I83} match the whole category, {@code L01} matches ATC
 * L01BC06. Matching ignores case and a trailing {@code *}.
 */
public record CodeSet(List<String> prefixes) {

  public static final CodeSet NONE = new CodeSet(List.of());

  public CodeSet {
    prefixes =
        prefixes.stream()
            .map(p -> p.strip().toUpperCase(Locale.ROOT))
            .map(p -> p.endsWith("*") ? p.substring(0, p.length() - 1) : p)
            .filter(p -> !p.isEmpty())
            .distinct()
            .toList();
  }

  public boolean isEmpty() {
    return prefixes.isEmpty();
  }

  public boolean matches(String code) {
    if (code == null) {
      return false;
    }
    String c = code.strip().toUpperCase(Locale.ROOT);
    for (String p : prefixes) {
      if (c.startsWith(p)) {
        return true;
      }
    }
    return false;
  }
}
