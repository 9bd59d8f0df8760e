package io.tianshu.query.criteria;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import java.util.List;
import java.util.Objects;

/**
 * A set of codes in one code system, with exclusions. A fact's code qualifies when its standard
 * code or its local code is in {@link #system} and matches an included pattern, and neither of them
 * (when in that system) matches an excluded one.
 *
 * @param system the code system id ({@code icd10}, {@code icd9cm3}, {@code ts-drug}, {@code loinc},
 *     {@code local:HIS}, ...)
 * @param include patterns of which one must match
 * @param exclude patterns of which none may match
 */
public record CodeSet(String system, List<CodePattern> include, List<CodePattern> exclude) {

  public CodeSet {
    Objects.requireNonNull(system, "system");
    include = List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    if (include.isEmpty()) {
      throw new IllegalArgumentException("a code set needs at least one code");
    }
  }

  public boolean contains(MappedCode code) {
    return matchesAny(code, include) && !matchesAny(code, exclude);
  }

  private boolean matchesAny(MappedCode code, List<CodePattern> patterns) {
    return matchesAny(code.standard(), patterns) || matchesAny(code.local(), patterns);
  }

  private boolean matchesAny(Code code, List<CodePattern> patterns) {
    if (code == null || !code.system().id().equals(system)) {
      return false;
    }
    return patterns.stream().anyMatch(p -> p.matches(code.code()));
  }
}
