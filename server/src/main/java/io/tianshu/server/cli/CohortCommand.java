package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.cohort.SavedCohorts;
import io.tianshu.query.criteria.CohortDefinition;
import io.tianshu.query.export.DatasetExporter;
import io.tianshu.query.export.DatasetSpec;
import io.tianshu.query.export.ExportCohort;
import io.tianshu.query.export.ExportFormat;
import io.tianshu.query.export.deid.DateShiftRange;
import io.tianshu.query.export.deid.DeidSecrets;
import io.tianshu.query.export.deid.Deidentification;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tianshu cohort}: count a cohort definition over the CDR, evaluate it for one patient, or
 * export it as a research dataset.
 */
@Command(
    name = "cohort",
    mixinStandardHelpOptions = true,
    description =
        "Count a cohort, evaluate it for one patient or export it as a dataset"
            + " (see docs/criteria-language.md, docs/research-export.md).",
    subcommands = {CohortCommand.Count.class, CohortCommand.Eval.class, CohortCommand.Export.class})
final class CohortCommand implements Runnable {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Reads a definition; its {@code cohort} references resolve to the store's saved cohorts. */
  static CohortDefinition read(Path file, CdrStore store) throws IOException {
    return CohortDefinition.parse(
        Files.readString(file), new SavedCohorts(store, java.time.Clock.systemDefaultZone()));
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
      try (CdrStore cdr = open(store)) {
        CohortDefinition cohort = read(definition, cdr);
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
      try (CdrStore cdr = open(store)) {
        CohortDefinition cohort = read(definition, cdr);
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

  /**
   * Exports a cohort as a research dataset (docs/research-export.md), de-identified unless {@code
   * --identified}; prints {@code {"rows","columns","deidentified","seconds","file","manifest"}}.
   * The de-identification secret comes from {@code -Dtianshu.deid.secret} or {@code
   * TIANSHU_DEID_SECRET}, else from {@code secrets/deid.key} in the data directory, generated there
   * on first use; it is never printed.
   */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Export a cohort as a CSV or Parquet dataset, de-identified by default.")
  static final class Export implements Callable<Integer> {

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--definition", required = true, description = "Cohort definition (JSON).")
    Path definition;

    @Option(
        names = "--dataset",
        required = true,
        description = "Dataset specification (JSON, see docs/research-export.md).")
    Path dataset;

    @Option(
        names = "--format",
        converter = FormatConverter.class,
        description = "csv or parquet (default: from the --out extension, else csv).")
    ExportFormat format;

    @Option(names = "--out", required = true, description = "Dataset file to write.")
    Path out;

    @Option(
        names = "--identified",
        description =
            "Patient id, MRN, real dates and text as recorded (for users with the right).")
    boolean identified;

    @Option(
        names = "--min-shift-days",
        defaultValue = "1",
        description = "Smallest date shift in days (default: ${DEFAULT-VALUE}).")
    int minShiftDays;

    @Option(
        names = "--max-shift-days",
        defaultValue = "180",
        description = "Largest date shift in days (default: ${DEFAULT-VALUE}).")
    int maxShiftDays;

    @Override
    public Integer call() throws IOException {
      long started = System.nanoTime();
      DatasetSpec spec = DatasetSpec.parse(Files.readString(dataset));
      ExportFormat chosen = format != null ? format : fromExtension(out);
      DateShiftRange range = new DateShiftRange(minShiftDays, maxShiftDays);
      try (CdrStore cdr = open(store)) {
        CohortDefinition cohort = read(definition, cdr);
        Deidentification deid = identified ? null : new Deidentification(secret(), range);
        var members = new SqlCohortEngine(cdr).members(cohort);
        var summary =
            DatasetExporter.export(cdr, ExportCohort.of(cohort, members), spec, chosen, deid, out);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("rows", summary.rows());
        line.put("columns", summary.columns().size());
        line.put("deidentified", summary.deidentified());
        line.put("seconds", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
        line.put("file", summary.file().toString());
        line.put("manifest", summary.manifestFile().toString());
        System.out.println(JSON.writeValueAsString(line));
        return 0;
      }
    }

    private byte[] secret() {
      String configured = System.getProperty("tianshu.deid.secret");
      if (configured == null || configured.isBlank()) {
        configured = System.getenv("TIANSHU_DEID_SECRET");
      }
      Path file =
          DataDirectory.existing(store.dataDir)
              .root()
              .resolve("secrets")
              .resolve(DeidSecrets.FILE_NAME);
      boolean generating = (configured == null || configured.isBlank()) && !Files.exists(file);
      byte[] secret = DeidSecrets.resolve(configured, file);
      if (generating) {
        Console.info(
            "Generated the de-identification secret in "
                + file
                + "; keep it: the same secret gives the same pseudonyms and date shifts.");
      }
      return secret;
    }

    private static ExportFormat fromExtension(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".parquet") ? ExportFormat.PARQUET : ExportFormat.CSV;
    }

    /** {@code csv} or {@code parquet}, in any case. */
    static final class FormatConverter implements ITypeConverter<ExportFormat> {
      @Override
      public ExportFormat convert(String value) {
        return ExportFormat.parse(value);
      }
    }
  }
}
