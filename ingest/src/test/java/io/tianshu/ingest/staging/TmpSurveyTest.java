package io.tianshu.ingest.staging;

import io.tianshu.ingest.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TmpSurveyTest {
  @Test
  void survey() throws Exception {
    Hl7v2Ingestion ingestion = new Hl7v2Ingestion();
    Path root = SharedData.dir("ingest/hl7v2");
    for (Path p : SharedData.hl7Files(root)) {
      var o = ingestion.ingest(StagedMessage.of("t", null, Instant.EPOCH, Files.readAllBytes(p)), "b");
      String what = o instanceof MessageOutcome.Accepted a ? "ACCEPT " + a.message().messageType() + " p=" + a.message().patients().size() + " e=" + a.message().encounters().size() + " l=" + a.message().labResults().size()
          : "QUAR " + ((MessageOutcome.Quarantined) o).describe();
      System.out.println("SURVEY " + root.relativize(p) + " => " + what);
    }
  }
}
