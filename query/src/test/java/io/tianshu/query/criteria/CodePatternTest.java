package io.tianshu.query.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodePatternTest {

  @Test
  void aDottedHierarchyMatchesTheParentAndItsChildren() {
    CodePattern mi = new CodePattern("I21.*");

    assertThat(mi.matches("I21")).isTrue();
    assertThat(mi.matches("I21.0")).isTrue();
    assertThat(mi.matches("I21.000x001")).isTrue();
    assertThat(mi.matches("I210")).isFalse();
    assertThat(mi.matches("I22.0")).isFalse();
    assertThat(mi.matches("i21.0")).as("case-sensitive").isFalse();
  }

  @Test
  void aBarePrefixMatchesEveryCodeStartingWithIt() {
    assertThat(new CodePattern("I2*").matches("I25.2")).isTrue();
    assertThat(new CodePattern("I2*").matches("I2")).isTrue();
    assertThat(new CodePattern("*").matches("81.51")).isTrue();
    assertThat(new CodePattern("I2*").parent()).isNull();
  }

  @Test
  void anExactCodeMatchesOnlyItself() {
    assertThat(new CodePattern("I21.0").matches("I21.0")).isTrue();
    assertThat(new CodePattern("I21.0").matches("I21.01")).isFalse();
  }
}
