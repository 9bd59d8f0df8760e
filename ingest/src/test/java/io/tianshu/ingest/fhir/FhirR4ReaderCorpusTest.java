package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.SharedData;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the Synthea (mCODE) sample, 28 patient bundles plus its hospital and practitioner bundles,
 * in place from {@code shared/data/ingest/fhir/synthea-mcode-100}. Resource counts are taken from
 * the files independently (Jackson) and must reconcile exactly with mapped + skipped + rejected.
 */
class FhirR4ReaderCorpusTest {

  private static final String SOURCE = "synthea";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> files;
  private static Map<String, Integer> sourceCounts;
  private static int patientBundles;
  private static List<FhirReadResult> results;

  @BeforeAll
  static void readCorpus() throws IOException {
    Path dir = SharedData.dir("ingest/fhir/synthea-mcode-100/fhir");
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    sourceCounts = new TreeMap<>();
    results = new ArrayList<>();
    for (Path file : files) {
      String json = Files.readString(file);
      Map<String, Integer> counts = countResources(json);
      counts.forEach((type, n) -> sourceCounts.merge(type, n, Integer::sum));
      patientBundles += counts.containsKey("Patient") ? 1 : 0;
      results.add(FhirR4Reader.shared().readBundle(json, SOURCE));
    }
  }

  @Test
  void everyPatientBundleGivesOnePatient() {
    assertThat(files).hasSizeGreaterThanOrEqualTo(28);
    assertThat(patientBundles).isEqualTo(28);
    for (int i = 0; i < files.size(); i++) {
      int expected = countResources(read(files.get(i))).getOrDefault("Patient", 0);
      assertThat(results.get(i).records())
          .as(files.get(i).getFileName().toString())
          .hasSize(expected);
    }
    assertThat(results.stream().mapToInt(r -> r.records().size()).sum()).isEqualTo(patientBundles);
  }

  @Test
  void everyResourceIsMappedSkippedOrRejectedExactlyOnce() {
    Map<String, Integer> mapped = new TreeMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Map<String, Integer> rejected = new TreeMap<>();
    int read = 0;
    for (FhirReadResult result : results) {
      read += result.resourcesRead();
      mappedResources(result.records())
          .forEach(id -> mapped.merge(id.substring(0, id.indexOf('/')), 1, Integer::sum));
      result
          .skipped()
          .forEach((key, n) -> skipped.merge(key.substring(0, key.indexOf(':')), n, Integer::sum));
      result.rejections().forEach(r -> rejected.merge(r.resourceType(), 1, Integer::sum));
    }
    assertThat(read).isEqualTo(sourceCounts.values().stream().mapToInt(Integer::intValue).sum());
    for (String type : List.of("Condition", "Encounter", "Observation")) {
      int accounted =
          mapped.getOrDefault(type, 0)
              + skipped.getOrDefault(type, 0)
              + rejected.getOrDefault(type, 0);
      assertThat(accounted).as(type).isEqualTo(sourceCounts.get(type));
    }
    for (String type : sourceCounts.keySet()) {
      int accounted =
          mapped.getOrDefault(type, 0)
              + skipped.getOrDefault(type, 0)
              + rejected.getOrDefault(type, 0);
      assertThat(accounted).as(type).isEqualTo(sourceCounts.get(type));
    }
  }

  @Test
  void syntheaNeedsNoRejectionAndSkipsOnlyWhatTianshuDoesNotStore() {
    assertThat(results.stream().flatMap(r -> r.rejections().stream())).isEmpty();
    Map<String, Integer> skipped = new TreeMap<>();
    results.forEach(r -> r.skipped().forEach((k, n) -> skipped.merge(k, n, Integer::sum)));
    assertThat(skipped)
        .containsAllEntriesOf(
            Map.of(
                "DiagnosticReport:no-report-text", 408, // lab panels: results are Observations
                "DiagnosticReport:not-an-exam", 1050, // notes, also sent as DocumentReference
                "Observation:survey", 341,
                "Observation:vital-sign-without-vital-type", 392, // pain score, percentiles…
                "Medication:reference-only", 6,
                "Location:reference-only", 193));
  }

  @Test
  void ndjsonOfAllResourcesInAnyOrderGivesTheSameRecordsAsTheBundles() {
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode entry : tree(read(file)).path("entry")) {
        lines.add(entry.path("resource").toString());
      }
    }
    Collections.shuffle(lines, new Random(20261125));
    FhirReadResult ndjson =
        FhirR4Reader.shared().readNdjson(new StringReader(String.join("\n", lines)), SOURCE);

    List<PatientRecord> fromBundles =
        results.stream()
            .flatMap(r -> r.records().stream())
            .sorted(Comparator.comparing(r -> r.patient().id()))
            .toList();
    assertThat(ndjson.rejections()).isEmpty();
    assertThat(ndjson.resourcesRead()).isEqualTo(lines.size());
    assertThat(ndjson.records()).isEqualTo(fromBundles);
  }

  /** The resources behind the records: each record's provenance names one ({@code Type/id}). */
  static Set<String> mappedResources(List<PatientRecord> records) {
    Set<String> ids = new HashSet<>();
    for (PatientRecord r : records) {
      List<Provenance> provenances = new ArrayList<>();
      provenances.add(r.patient().provenance());
      r.encounters().forEach(e -> provenances.add(e.provenance()));
      r.diagnoses().forEach(d -> provenances.add(d.provenance()));
      r.operations().forEach(o -> provenances.add(o.provenance()));
      r.orders().forEach(o -> provenances.add(o.provenance()));
      r.administrations().forEach(a -> provenances.add(a.provenance()));
      r.labs().forEach(l -> provenances.add(l.provenance()));
      r.vitals().forEach(v -> provenances.add(v.provenance()));
      r.exams().forEach(e -> provenances.add(e.provenance()));
      r.documents().forEach(d -> provenances.add(d.provenance()));
      provenances.forEach(p -> ids.add(p.sourceRecordId()));
    }
    return ids;
  }

  /** Resources per type, counted from the JSON without the reader. */
  static Map<String, Integer> countResources(String bundleJson) {
    Map<String, Integer> counts = new TreeMap<>();
    for (JsonNode entry : tree(bundleJson).path("entry")) {
      counts.merge(entry.path("resource").path("resourceType").asText(), 1, Integer::sum);
    }
    return counts;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
