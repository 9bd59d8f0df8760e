package io.tianshu.server.cli;

import io.tianshu.cds.vte.assess.AssessmentJson;
import io.tianshu.cds.vte.assess.VteAssessment;
import io.tianshu.cds.vte.assess.VteAssessor;
import io.tianshu.cds.vte.fhir.BundleAssessment;
import io.tianshu.cds.vte.knowledge.VteKnowledge;
import io.tianshu.nlp.NoteStructurer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tianshu vte}: VTE risk assessment from the command line. */
@Command(
    name = "vte",
    mixinStandardHelpOptions = true,
    description = "VTE risk assessment (Caprini, Padua, IMPROVE, surgical bleeding risk).",
    subcommands = {VteCommand.Assess.class})
final class VteCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code tianshu vte assess --bundle FILE [--at TIME]}: one JSON object on stdout. */
  @Command(
      name = "assess",
      mixinStandardHelpOptions = true,
      description =
          "Assess the patient of a FHIR R4 Bundle (JSON) and print the assessment as one JSON"
              + " object.")
  static final class Assess implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "FHIR R4 Bundle (JSON) file.")
    Path bundle;

    @Option(
        names = "--at",
        description =
            "Assessment time, e.g. 2026-03-10T10:00 (default: the stay's discharge, else now).")
    LocalDateTime at;

    @Option(
        names = "--encounter",
        description = "Encounter id to assess (default: the stay open at --at, else the latest).")
    String encounter;

    @Option(
        names = "--knowledge-dir",
        description =
            "Directory with a hospital's own knowledge files overriding the shipped ones.")
    Path knowledgeDir;

    @Option(
        names = "--answer",
        description =
            "A clinician's answer to a question the record cannot settle, e.g. lumbar_puncture_12h=false.")
    Map<String, Boolean> answers = new HashMap<>();

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(bundle)) {
        throw new IllegalArgumentException("no such bundle file: " + bundle);
      }
      VteKnowledge knowledge =
          knowledgeDir == null ? VteKnowledge.bundled() : VteKnowledge.withOverrides(knowledgeDir);
      BundleAssessment assess =
          new BundleAssessment(new VteAssessor(knowledge), new NoteStructurer());
      VteAssessment a =
          assess.assess(Files.readString(bundle, StandardCharsets.UTF_8), at, encounter, answers);
      System.out.println(AssessmentJson.toJsonString(a));
      return 0;
    }
  }
}
