package io.tianshu.nlp.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.error.TianshuException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CcksCorpusTest {

  static Path toy() throws URISyntaxException {
    return Path.of(CcksCorpusTest.class.getResource("/ccks/toy.jsonl").toURI());
  }

  @Test
  void readsDocumentsAndExclusiveEndOffsets() throws Exception {
    List<CcksDocument> docs = CcksCorpus.read(toy());

    assertThat(docs).hasSize(6);
    CcksDocument first = docs.get(0);
    CcksEntity op = first.entities().get(1);
    assertThat(op.label()).isEqualTo("手术");
    assertThat(first.text().substring(op.start(), op.end())).isEqualTo("腹腔镜胆囊切除术");
  }

  @Test
  void splitIsDeterministicByIndex() throws Exception {
    CcksCorpus.Split split = CcksCorpus.split(CcksCorpus.read(toy()), 5);

    assertThat(split.train()).hasSize(5);
    assertThat(split.heldOut()).hasSize(1);
    assertThat(split.heldOut().get(0).text()).startsWith("胸部CT");
  }

  @Test
  void badLineNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"originalText\":\"咳嗽\",\"entities\":[]}\n{\"entities\":[]}\n");

    assertThatThrownBy(() -> CcksCorpus.read(bad))
        .isInstanceOf(TianshuException.class)
        .hasMessageContaining("bad.jsonl:2");
  }
}
