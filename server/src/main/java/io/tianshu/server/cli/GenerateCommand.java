package io.tianshu.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.synth.CdaExport;
import io.tianshu.synth.ExportSummary;
import io.tianshu.synth.FhirExport;
import io.tianshu.synth.Hl7v2FeedExport;
import io.tianshu.synth.HospitalExporter;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes the synthetic hospital to files: CSV tables and the ground truth, and, with {@code
 * --formats hl7v2}, the HIS and LIS feeds as HL7 v2 batch files that {@code tianshu ingest hl7v2}
 * reads.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate the synthetic hospital as files.")
final class GenerateCommand implements Callable<Integer> {

  /** The source formats the synthetic hospital is exported in. */
  static final List<String> FORMATS = List.of("csv", "hl7v2", "fhir", "cda");

  private static final int HL7V2_MAX_PATIENTS = 200_000;

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

  @Option(
      names = "--formats",
      split = ",",
      defaultValue = "csv",
      description =
          "Any of csv (tables and ground truth), hl7v2 (ADT and ORU feed in OUT/hl7v2), fhir (one"
              + " R4 collection bundle per patient in OUT/fhir) and cda (WS/T 500 documents in"
              + " OUT/cda); default: ${DEFAULT-VALUE}.")
  List<String> formats;

  @Override
  public Integer call() throws IOException {
    if (patients < 1 || patients > 1_000_000) {
      throw new IllegalArgumentException("--patients must be between 1 and 1000000");
    }
    System.setProperty("tianshu.log.dir", out.toAbsolutePath().resolve("logs").toString());
    long started = System.nanoTime();
    Files.createDirectories(out);
    LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneId.of("Asia/Shanghai"));
    for (String format : formats) {
      if (!FORMATS.contains(format)) {
        throw new IllegalArgumentException("--formats takes " + FORMATS + ", not " + format);
      }
    }
    if (formats.contains("hl7v2") && patients > HL7V2_MAX_PATIENTS) {
      throw new IllegalArgumentException(
          "--formats hl7v2 builds the feed in memory: at most " + HL7V2_MAX_PATIENTS + " patients");
    }
    SynthConfig config = new SynthConfig(seed, patients, day);
    var line = new ObjectMapper().createObjectNode();
    if (formats.contains("csv")) {
      ExportSummary summary =
          HospitalExporter.export(
              new SyntheticHospital(config),
              out,
              n -> Console.progress("Generating patients", n, patients));
      line.put("patients", summary.patients());
      line.put("encounters", summary.encounters());
      line.put("documents", summary.documents());
      line.put("facts", summary.facts());
      line.put("truthFacts", summary.truthFacts());
    }
    if (formats.contains("hl7v2")) {
      line.put("patients", patients);
      line.put(
          "hl7v2Messages",
          Hl7v2FeedExport.writeFiles(
              new SyntheticHospital(config), out.resolve("hl7v2"), Math.max(1, patients / 100)));
    }
    if (formats.contains("fhir")) {
      line.put("patients", patients);
      FhirExport.Written fhir = FhirExport.write(new SyntheticHospital(config), out);
      line.put("fhirBundles", fhir.bundles());
      line.put("fhirResources", fhir.resources());
    }
    if (formats.contains("cda")) {
      line.put("patients", patients);
      line.put("cdaDocuments", CdaExport.write(new SyntheticHospital(config), out.resolve("cda")));
    }
    line.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    line.put("out", out.toAbsolutePath().toString());
    System.out.println(line);
    return 0;
  }
}
