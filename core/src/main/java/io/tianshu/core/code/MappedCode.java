package io.tianshu.core.code;

import java.util.Objects;
import java.util.Optional;

/**
 * A coded value as the source sent it together with the standard code it was mapped to. The
 * source's local code is always kept, so that a mapping can be reviewed or redone later.
 *
 * @param local the code as the source system wrote it
 * @param standard the standard code it maps to, or {@code null} while unmapped
 */
public record MappedCode(Code local, Code standard) {

  public MappedCode {
    Objects.requireNonNull(local, "local");
  }

  /** A value whose source already used the standard code. */
  public static MappedCode standard(Code code) {
    return new MappedCode(code, code);
  }

  public Optional<Code> standardCode() {
    return Optional.ofNullable(standard);
  }

  /** The best code to show or query by: the standard one when mapped, else the local one. */
  public Code preferred() {
    return standard != null ? standard : local;
  }
}
