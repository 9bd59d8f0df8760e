package io.tianshu.ingest.staging;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.tianshu.ingest.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TmpSpeedTest {
  @Test
  void speed() throws Exception {
    Hl7v2Ingestion ing = new Hl7v2Ingestion();
    var ctx = new DefaultHapiContext();
    ctx.setValidationContext(ValidationContextFactory.noValidation());
    ctx.getParserConfiguration().setDefaultObx2Type("ST");
    PipeParser pp = ctx.getPipeParser();
    List<StagedMessage> ok = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    long bytes = 0; int segs = 0;
    for (Path p : SharedData.hl7Files(SharedData.dir("ingest/hl7v2/cdc-trusted-intermediary"))) {
      StagedMessage s = StagedMessage.of("x", null, Instant.EPOCH, Files.readAllBytes(p));
      if (ing.ingest(s, "b") instanceof MessageOutcome.Accepted) {
        ok.add(s); bytes += s.raw().length;
        String t = new String(s.raw(), StandardCharsets.UTF_8).replace("\r\n", "\r").replace('\n', '\r').strip();
        texts.add(t); segs += t.split("\r+").length;
      }
    }
    System.out.printf("SPEED n=%d avgBytes=%d avgSegs=%d%n", ok.size(), bytes / ok.size(), segs / ok.size());
    for (int rep = 0; rep < 8; rep++) {
      long t = System.nanoTime(); int n = 0;
      while (System.nanoTime() - t < 1_500_000_000L) { for (StagedMessage s : ok) { ing.ingest(s, "b"); n++; } }
      double a = n / ((System.nanoTime() - t) / 1e9);
      t = System.nanoTime(); n = 0;
      while (System.nanoTime() - t < 1_500_000_000L) { for (String s : texts) { pp.parse(s); n++; } }
      double b = n / ((System.nanoTime() - t) / 1e9);
      System.out.printf("SPEED ingest=%.0f hapiOnly=%.0f ratio=%.2f%n", a, b, a / b);
    }
  }
}
