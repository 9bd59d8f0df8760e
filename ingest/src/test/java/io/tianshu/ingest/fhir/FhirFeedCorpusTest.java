package io.tianshu.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.SharedData;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.staging.IngestCounts;
import io.tianshu.ingest.staging.IngestFeed;
import io.tianshu.ingest.staging.IngestSettings;
import io.tianshu.ingest.staging.QuarantinePage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Synthea (mCODE) sample, read in place from {@code shared/data/ingest/fhir/synthea-mcode-100},
 * through {@link FhirFiles} and the staging feed into a real CDR: as patient bundles, the CDR holds
 * exactly what {@link FhirR4Reader} reads from the same files, record by record; a second run is
 * all duplicates; the same resources as Bulk Data NDJSON (one unit per line, written here with
 * HAPI) land with the same content except what a resource alone cannot tell (below).
 */
class FhirFeedCorpusTest {

  private static final String SOURCE = "synthea";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path dir;
  private static List<Path> files;
  private static Map<String, PatientRecord> expected;
  private static int patientBundles;

  @BeforeAll
  static void readWithTheReader() throws IOException {
    dir = SharedData.dir("ingest/fhir/synthea-mcode-100/fhir");
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    expected = new TreeMap<>();
    for (Path file : files) {
      FhirReadResult read = FhirR4Reader.shared().readBundle(Files.readString(file), SOURCE);
      assertThat(read.rejections()).as(file.toString()).isEmpty();
      read.records().forEach(r -> expected.put(r.patient().id(), r));
      patientBundles += read.records().isEmpty() ? 0 : 1;
    }
    assertThat(expected).hasSize(28);
  }

  static Stream<String> engines() {
    return TestStores.postgresAvailable() ? Stream.of("duckdb", "postgresql") : Stream.of("duckdb");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void bundlesLandAsTheReaderReadsThemAndASecondRunChangesNothing(String engine) {
    try (TestStores.Opened opened = TestStores.open(engine)) {
      IngestFeed feed = feed(opened);
      IngestCounts first = FhirFiles.ingest(feed, List.of(dir), SOURCE, p -> {});

      assertThat(first.reconciles()).isTrue();
      assertThat(first.received()).isEqualTo(files.size());
      assertThat(first.quarantined()).isZero();
      assertThat(first.held()).isZero();
      assertThat(first.duplicates()).isZero();
      // Patient bundles add records; the organisation and practitioner bundles map to nothing.
      assertThat(first.accepted()).isEqualTo(patientBundles);
      assertThat(first.updated()).isEqualTo(files.size() - patientBundles);

      Map<String, PatientRecord> stored = CdrContent.all(opened.store());
      assertThat(stored.keySet()).isEqualTo(expected.keySet());
      for (String id : expected.keySet()) {
        assertThat(CdrContent.of(stored.get(id))).as(id).isEqualTo(CdrContent.of(expected.get(id)));
      }

      IngestCounts second = FhirFiles.ingest(feed, List.of(dir), SOURCE, p -> {});
      assertThat(second.reconciles()).isTrue();
      assertThat(second.duplicates()).isEqualTo(files.size());
      assertThat(second.received()).isEqualTo(files.size());
      assertThat(CdrContent.of(CdrContent.all(opened.store()))).isEqualTo(CdrContent.of(stored));
    }
  }

  /**
   * One unit per NDJSON line. What a resource alone cannot tell differs from the bundle read, and
   * only there: a lab has no panel (the DiagnosticReport that names it is another unit), a
   * Condition or document of an inpatient stay is filed as outpatient (the Encounter's class is in
   * another unit), and a MedicationRequest whose Medication is another resource without a display
   * is quarantined as TS-INGEST-207.
   */
  @ParameterizedTest
  @MethodSource("engines")
  void bulkNdjsonLandsWithTheSameContent(String engine, @TempDir Path bulk) throws IOException {
    BulkExport export = writeBulk(bulk);
    try (TestStores.Opened opened = TestStores.open(engine)) {
      IngestFeed feed = feed(opened);
      IngestCounts counts = FhirFiles.ingest(feed, List.of(bulk), SOURCE, p -> {});

      assertThat(counts.reconciles()).isTrue();
      assertThat(counts.received()).isEqualTo(export.lines());
      assertThat(counts.held()).isZero();
      assertThat(counts.quarantined()).isEqualTo(export.medicationReferences());
      QuarantinePage quarantine = feed.quarantine(null, 0, 100);
      assertThat(quarantine.items())
          .allSatisfy(
              q -> {
                assertThat(q.errorCode()).isEqualTo("TS-INGEST-207");
                assertThat(q.messageType()).isEqualTo("FHIR^MedicationRequest");
              });

      Map<String, PatientRecord> stored = CdrContent.all(opened.store());
      assertThat(stored.keySet()).isEqualTo(expected.keySet());
      int panelsLost = 0;
      for (String id : expected.keySet()) {
        PatientRecord want = expected.get(id);
        PatientRecord got = stored.get(id);
        Set<String> inpatient = new java.util.HashSet<>();
        want.encounters().stream()
            .filter(e -> e.type() == EncounterType.INPATIENT)
            .forEach(e -> inpatient.add(e.id()));
        Map<String, List<String>> wantContent = new LinkedHashMap<>(CdrContent.of(want));
        Map<String, List<String>> gotContent = new LinkedHashMap<>(CdrContent.of(got));
        // Without their panel, labs must otherwise be equal; no lab keeps a panel.
        assertThat(got.labs()).allSatisfy(l -> assertThat(l.panel()).isNull());
        panelsLost += (int) want.labs().stream().filter(l -> l.panel() != null).count();
        wantContent.put("lab", strip(wantContent.get("lab"), "panel=[^,]*,"));
        gotContent.put("lab", strip(gotContent.get("lab"), "panel=[^,]*,"));
        // Kinds and document types may differ only for inpatient stays.
        want.diagnoses().stream()
            .filter(d -> !inpatient.contains(d.encounterId()))
            .forEach(d -> assertThat(CdrContent.text(d)).isIn(gotContent.get("diagnosis")));
        want.documents().stream()
            .filter(d -> !inpatient.contains(d.encounterId()))
            .forEach(d -> assertThat(CdrContent.text(d)).isIn(gotContent.get("document")));
        for (String kind : List.of("diagnosis", "document")) {
          String field = kind.equals("diagnosis") ? "kind=[A-Z_]+" : "type=[A-Z_]+";
          wantContent.put(kind, strip(wantContent.get(kind), field));
          gotContent.put(kind, strip(gotContent.get(kind), field));
        }
        // The quarantined orders are the only records missing.
        List<String> wantOrders = new ArrayList<>(wantContent.get("order"));
        wantOrders.removeIf(o -> export.quarantinedOrderIds().stream().anyMatch(o::contains));
        wantContent.put("order", wantOrders);
        assertThat(gotContent).as(id).isEqualTo(wantContent);
      }
      assertThat(panelsLost).isGreaterThan(0);
    }
  }

  private static IngestFeed feed(TestStores.Opened opened) {
    return new IngestFeed(
        opened.store(),
        IngestSettings.defaults(),
        new TestClock(Instant.parse("2026-11-25T08:00:00Z")));
  }

  private static List<String> strip(List<String> texts, String regex) {
    return texts.stream().map(t -> t.replaceAll(regex, "")).sorted().toList();
  }

  /** What was written as Bulk Data NDJSON. */
  private record BulkExport(
      long lines, long medicationReferences, List<String> quarantinedOrderIds) {}

  /**
   * The corpus as a Bulk Data export: one {@code <Type>.ndjson} per resource type, resources
   * encoded by HAPI as parsed from the bundles (ids kept, references as Synthea wrote them).
   */
  private static BulkExport writeBulk(Path bulk) throws IOException {
    FhirContext context = FhirContext.forR4();
    context.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
    IParser parser = context.newJsonParser();
    Map<String, List<String>> byType = new TreeMap<>();
    long lines = 0;
    List<String> orderIds = new ArrayList<>();
    for (Path file : files) {
      Bundle bundle = parser.parseResource(Bundle.class, Files.readString(file));
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        Resource r = entry.getResource();
        byType
            .computeIfAbsent(r.fhirType(), k -> new ArrayList<>())
            .add(parser.encodeResourceToString(r));
        lines++;
      }
      // Counted from the JSON independently of HAPI and the reader.
      for (JsonNode entry : JSON.readTree(file.toFile()).path("entry")) {
        JsonNode r = entry.path("resource");
        JsonNode medication = r.path("medicationReference");
        if (r.path("resourceType").asText().equals("MedicationRequest")
            && !medication.isMissingNode()
            && !medication.has("display")) {
          orderIds.add("id=" + r.path("id").asText() + ",");
        }
      }
    }
    Map<String, Integer> written = new HashMap<>();
    for (Map.Entry<String, List<String>> e : byType.entrySet()) {
      try (Writer out =
          Files.newBufferedWriter(bulk.resolve(e.getKey() + ".ndjson"), StandardCharsets.UTF_8)) {
        for (String line : e.getValue()) {
          out.write(line);
          out.write('\n');
        }
      }
      written.put(e.getKey(), e.getValue().size());
    }
    assertThat(written.values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(lines);
    return new BulkExport(lines, orderIds.size(), orderIds);
  }
}
