package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.memory.MemoryEvaluator;
import io.tianshu.query.memory.PatientMatch;
import io.tianshu.query.sql.CohortMember;
import io.tianshu.query.sql.SqlCohortEngine;
import io.tianshu.server.config.DataDirectory;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tianshu cohort}: count a cohort definition over the CDR, or evaluate it for one patient.
 */
@Command(
    name = "cohort",
    mixinStandardHelpOptions = true,
    description = "Count a cohort or evaluate it for one patient (see docs/criteria-language.md).",
    subcommands = {CohortCommand.Count.class, CohortCommand.Eval.class})
final class CohortCommand implements Runnable {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  static CohortDefinition read(Path file) throws IOException {
    return CohortDefinition.parse(Files.readString(file));
  }

  static CdrStore open(StoreOptions store) {
    store.routeLogs(store.dataDir.toAbsolutePath().normalize());
    return CdrStore.open(store.storeConfig(DataDirectory.existing(store.dataDir)));
  }

  /**
   * Prints {@code {"count","attrition":[{"rule","remaining"}],"elapsed_ms"}}; with --explain, the
   * SQL.
   */
  @Command(
      name = "count",
      mixinStandardHelpOptions = true,
      description = "Count a cohort with attrition.")
  static final class Count implements Callable<Integer> {

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--definition", required = true, description = "Cohort definition (JSON).")
    Path definition;

    @Option(names = "--explain", description = "Print the compiled SQL instead of running it.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
      CohortDefinition cohort = read(definition);
      try (CdrStore cdr = open(store)) {
        SqlCohortEngine engine = new SqlCohortEngine(cdr);
        if (explain) {
          System.out.println(engine.explain(cohort));
          return 0;
        }
        var result = engine.count(cohort);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", result.count());
        out.put("attrition", result.attrition());
        out.put("elapsed_ms", result.elapsedMs());
        System.out.println(JSON.writeValueAsString(out));
        return 0;
      }
    }
  }

  /**
   * Evaluates the definition for one patient with either engine, printing membership and index
   * time.
   */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description = "Evaluate a cohort for one patient.")
  static final class Eval implements Callable<Integer> {

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--definition", required = true, description = "Cohort definition (JSON).")
    Path definition;

    @Option(names = "--patient", required = true, description = "Patient id.")
    String patient;

    @Option(
        names = "--engine",
        defaultValue = "memory",
        description = "sql or memory (default: ${DEFAULT-VALUE}).")
    String engine;

    @Override
    public Integer call() throws IOException {
      CohortDefinition cohort = read(definition);
      try (CdrStore cdr = open(store)) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patient", patient);
        out.put("engine", engine);
        switch (engine) {
          case "memory" -> {
            PatientRecord record =
                cdr.readPatient(patient)
                    .orElseThrow(
                        () ->
                            new TianshuException(
                                ErrorCode.NOT_FOUND, "No patient with id " + patient + "."));
            PatientMatch match = MemoryEvaluator.evaluate(cohort, record);
            out.put("matches", match.matches());
            out.put("index_at", match.indexAt());
            out.put("rules_passed", match.rulesPassed());
            out.put("evidence", match.evidence());
          }
          case "sql" -> {
            Optional<CohortMember> member =
                new SqlCohortEngine(cdr)
                    .members(cohort).stream()
                        .filter(m -> m.patientId().equals(patient))
                        .findFirst();
            out.put("matches", member.isPresent());
            out.put("index_at", member.map(CohortMember::indexAt).orElse(null));
          }
          default -> throw new IllegalArgumentException("--engine must be sql or memory");
        }
        System.out.println(JSON.writeValueAsString(out));
        return 0;
      }
    }
  }
}
