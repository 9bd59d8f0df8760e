package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.synth.ExportSummary;
import io.tianshu.synth.HospitalExporter;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the synthetic hospital to files (CSV tables and the ground truth). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate the synthetic hospital as files.")
final class GenerateCommand implements Callable<Integer> {

  @Option(
      names = "--patients",
      defaultValue = "1000",
      description = "Patients (default: ${DEFAULT-VALUE}).")
  int patients;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--as-of",
      description = "The hospital's 'today' (default: today in Asia/Shanghai).")
  LocalDate asOf;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (patients < 1 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 1 and 1000000");
    }
    System.setProperty("tianshu.log.dir", out.toAbsolutePath().resolve("logs").toString());
    long started = System.nanoTime();
    Files.createDirectories(out);
    LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneId.of("Asia/Shanghai"));
    SyntheticHospital hospital = new SyntheticHospital(new SynthConfig(seed, patients, day));
    ExportSummary summary =
        HospitalExporter.export(
            hospital, out, n -> Console.progress("Generating patients", n, patients));
    var line = new ObjectMapper().createObjectNode();
    line.put("patients", summary.patients());
    line.put("encounters", summary.encounters());
    line.put("documents", summary.documents());
    line.put("facts", summary.facts());
    line.put("truthFacts", summary.truthFacts());
    line.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    line.put("out", out.toAbsolutePath().toString());
    System.out.println(line);
    return 0;
  }
}
