package io.tianshu.nlp.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

  @Test
  void missingDataSkipsOnAWorkstationAndFailsInCi() {
    Throwable t = catchThrowable(() -> SharedData.require("nlp/no-such-corpus/train.jsonl"));

    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(t).isInstanceOf(AssertionError.class).hasMessageContaining("no-such-corpus");
    } else {
      assertThat(t).isInstanceOf(TestAbortedException.class).hasMessageContaining("no-such-corpus");
    }
  }
}
