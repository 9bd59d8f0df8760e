package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.SharedData;
import io.tianshu.ingest.TestClock;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.hl7v2.Hl7v2Mapper;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.ingest.hl7v2.MappedMessage;
import io.tianshu.ingest.hl7v2.MessageSplitter;
import io.tianshu.store.CdrCounts;
import io.tianshu.store.CdrStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HL7 v2 message of the shared corpora (read in place from {@code shared/data/ingest/hl7v2})
 * goes through the CLI's path into a real CDR: each supported message's records are in the CDR
 * afterwards, the deliberately broken ones are quarantined with their code, unsupported types with
 * TS-INGEST-002, a repeated file is a duplicate, the counts reconcile, and a second run finds only
 * duplicates and changes nothing. A result that names its patient by identifier only (no name or
 * birth date) is held, because no message of the corpus registers that patient; the test checks
 * that exactly those results are held and that their patients are indeed absent.
 */
class Hl7v2FeedCorpusTest {

  /** Broken messages and the code they must be quarantined with (see Hl7v2IngestionCorpusTest). */
  private static final Map<String, String> BROKEN =
      Map.ofEntries(
          Map.entry("cdc-trusted-intermediary/CA/002_CA_ORU_R01.hl7", "TS-INGEST-012"),
          Map.entry("cdc-trusted-intermediary/Epic/002_Epic_ORU_R01.hl7", "TS-INGEST-040"),
          Map.entry("cdc-trusted-intermediary/MN/005_MN_ADT_A01.hl7", "TS-INGEST-022"),
          Map.entry("cdc-trusted-intermediary/NewSTEPs/002_NewSTEPs_ORU_R01.hl7", "TS-INGEST-040"),
          Map.entry(
              "cdc-trusted-intermediary/TN/001_TN_ORU_R01_LRI_annotated_for_transformation.hl7",
              "TS-INGEST-005"),
          Map.entry("cdc-trusted-intermediary/Test/Message/empty.hl7", "TS-INGEST-001"),
          // Once its FHS/BHS envelope is split off, the message inside has no MSH-3.
          Map.entry(
              "cdc-trusted-intermediary/Test/Results/005_AL_ORU_R01_NBS_Simplified_0_initial_message.hl7",
              "TS-INGEST-003"),
          Map.entry(
              "cdc-trusted-intermediary/Test/Message/msh_present_but_missing_all_fields.hl7",
              "TS-INGEST-001"),
          Map.entry(
              "cdc-trusted-intermediary/Test/Message/msh_present_but_missing_msh-2.hl7",
              "TS-INGEST-001"),
          Map.entry(
              "cdc-trusted-intermediary/Test/Message/msh_present_but_missing_msh-9.hl7",
              "TS-INGEST-003"),
          Map.entry(aidbox("adt-a01/error/invalid-patient-class.hl7"), "TS-INGEST-021"),
          Map.entry(aidbox("adt-a01/error/missing-pid.hl7"), "TS-INGEST-010"),
          Map.entry(aidbox("adt-a01/error/missing-pv1.hl7"), "TS-INGEST-020"),
          Map.entry(aidbox("adt-a01/no-pv1-with-conditions.hl7"), "TS-INGEST-020"),
          Map.entry(aidbox("oru-r01/error/missing-msh3.hl7"), "TS-INGEST-003"),
          Map.entry(aidbox("oru-r01/error/missing-msh4.hl7"), "TS-INGEST-003"),
          Map.entry(aidbox("oru-r01/error/missing-obr-ids.hl7"), "TS-INGEST-031"),
          Map.entry(aidbox("oru-r01/error/missing-obr.hl7"), "TS-INGEST-030"),
          Map.entry(aidbox("oru-r01/error/missing-obr25.hl7"), "TS-INGEST-032"),
          Map.entry(aidbox("oru-r01/error/missing-obx11.hl7"), "TS-INGEST-033"),
          Map.entry(aidbox("oru-r01/error/obr25-y.hl7"), "TS-INGEST-032"),
          Map.entry(aidbox("oru-r01/error/obr25-z.hl7"), "TS-INGEST-032"),
          Map.entry(aidbox("oru-r01/error/obx11-n.hl7"), "TS-INGEST-033"),
          Map.entry(aidbox("oru-r01/status/obr25-invalid.hl7"), "TS-INGEST-032"),
          Map.entry(aidbox("oru-r01/status/obx11-n-and-local-loinc.hl7"), "TS-INGEST-033"),
          Map.entry(aidbox("oru-r01/identity-system/no-match.hl7"), "TS-INGEST-012"),
          Map.entry(aidbox("oru-r01/patient/empty-pid.hl7"), "TS-INGEST-012"),
          Map.entry(aidbox("oru-r01/patient/without-pid.hl7"), "TS-INGEST-010"));

  private static String aidbox(String file) {
    return "aidbox-fixtures/test/fixtures/hl7v2/" + file;
  }

  static Stream<Arguments> engines() {
    return TestStores.postgresAvailable()
        ? Stream.of(Arguments.of("duckdb"), Arguments.of("postgresql"))
        : Stream.of(Arguments.of("duckdb"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void everySupportedMessageLandsAndEveryBrokenOneIsQuarantinedWithItsCode(String engine)
      throws IOException {
    Path corpus = SharedData.dir("ingest/hl7v2");
    List<Path> files = SharedData.hl7Files(corpus);
    try (TestStores.Opened opened = TestStores.open(engine)) {
      CdrStore store = opened.store();
      IngestFeed feed =
          new IngestFeed(
              store,
              IngestSettings.defaults(),
              new TestClock(Instant.parse("2026-11-25T02:00:00Z")));

      IngestCounts counts = Hl7v2Files.ingest(feed, files, p -> {});

      long messages = 0;
      for (Path f : files) {
        messages += MessageSplitter.split(Files.readAllBytes(f)).size();
      }
      assertThat(counts.received()).isEqualTo(messages);
      assertThat(counts.reconciles()).isTrue();

      Map<String, List<Row>> byFile = rowsByChannel(store);
      Hl7v2Parser parser = new Hl7v2Parser();
      Hl7v2Ingestion ingestion = new Hl7v2Ingestion();
      List<String> problems = new ArrayList<>();
      long applied = 0;
      long unsupported = 0;
      long held = 0;
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Path file : files) {
        String name = corpus.relativize(file).toString().replace('\\', '/');
        List<Row> rows = byFile.getOrDefault("file:" + file, List.of());
        List<byte[]> split = MessageSplitter.split(Files.readAllBytes(file));
        if (rows.size() != split.size()) {
          problems.add(name + ": " + rows.size() + " staged of " + split.size());
          continue;
        }
        for (int i = 0; i < split.size(); i++) {
          Row row = rows.get(i);
          String expected = BROKEN.get(name);
          if (!seen.add(StagedMessage.sha256(split.get(i)))) {
            expect(problems, name, row, "DUPLICATE", null);
          } else if (expected != null) {
            expect(problems, name, row, "QUARANTINED", expected);
          } else if (!supported(parser, split.get(i))) {
            expect(problems, name, row, "QUARANTINED", "TS-INGEST-002");
            unsupported++;
          } else {
            MessageOutcome outcome =
                ingestion.ingest(
                    StagedMessage.of("corpus", name, Instant.EPOCH, split.get(i)), "b");
            if (Hl7v2IngestionCorpusTest.labOrderOnly(outcome)) {
              expect(problems, name, row, "QUARANTINED", "TS-INGEST-002");
              unsupported++;
              continue;
            }
            MappedMessage m = ((MessageOutcome.Accepted) outcome).message();
            if (unregistered(store, m) != null) {
              expect(problems, name, row, "HELD", "TS-INGEST-060");
              held++;
            } else {
              expect(problems, name, row, "APPLIED", null);
              applied++;
              checkLanded(problems, name, store, m);
            }
          }
        }
      }
      assertThat(problems).isEmpty();
      assertThat(counts.held()).isEqualTo(held);
      assertThat(applied).isEqualTo(counts.accepted() + counts.updated());
      assertThat(counts.quarantined()).isEqualTo(BROKEN.size() + unsupported);
      assertThat(counts.duplicates()).isEqualTo(messages - seen.size());

      CdrCounts cdr = store.counts();
      IngestCounts again = Hl7v2Files.ingest(feed, files, p -> {});
      assertThat(again.duplicates()).isEqualTo(messages);
      assertThat(store.counts()).isEqualTo(cdr);
    }
  }

  private static boolean supported(Hl7v2Parser parser, byte[] raw) {
    try {
      return Hl7v2Mapper.supports(parser.readHeader(raw).typeAndTrigger());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void expect(
      List<String> problems, String name, Row row, String status, String code) {
    if (!row.status().equals(status) || (code != null && !code.equals(row.code()))) {
      problems.add(
          name
              + ": "
              + row.status()
              + " "
              + row.code()
              + " "
              + row.reason()
              + " (expected "
              + status
              + " "
              + code
              + ")");
    }
  }

  /**
   * A patient a result names by identifier only, who is not in the CDR after the run: no message
   * registered them, so the result must be held.
   */
  private static String unregistered(CdrStore store, MappedMessage m) {
    List<String> ids = new ArrayList<>();
    m.labResults().forEach(l -> ids.add(l.patientId()));
    m.orders().forEach(o -> ids.add(o.patientId()));
    m.documents().forEach(d -> ids.add(d.patientId()));
    for (String id : ids) {
      boolean named = m.patients().stream().anyMatch(p -> p.id().equals(id));
      if (!named && store.readPatient(id).isEmpty()) {
        return id;
      }
    }
    return null;
  }

  /** The message's visits, orders and results are in its patient's CDR record. */
  private static void checkLanded(
      List<String> problems, String name, CdrStore store, MappedMessage m) {
    Map<String, PatientRecord> cache = new HashMap<>();
    for (Encounter e : m.encounters()) {
      PatientRecord r =
          cache.computeIfAbsent(e.patientId(), id -> store.readPatient(id).orElse(null));
      if (r == null || r.encounters().stream().noneMatch(x -> x.id().equals(e.id()))) {
        problems.add(name + ": encounter " + e.id() + " not in the CDR");
      }
    }
    for (io.tianshu.core.record.MedicationOrder o : m.orders()) {
      PatientRecord r =
          cache.computeIfAbsent(o.patientId(), id -> store.readPatient(id).orElse(null));
      if (r == null || r.orders().stream().noneMatch(x -> x.id().equals(o.id()))) {
        problems.add(name + ": order " + o.id() + " not in the CDR");
      }
    }
    for (LabResult l : m.labResults()) {
      PatientRecord r =
          cache.computeIfAbsent(l.patientId(), id -> store.readPatient(id).orElse(null));
      if (r == null || r.labs().stream().noneMatch(x -> x.id().equals(l.id()))) {
        problems.add(name + ": result " + l.id() + " not in the CDR");
      }
    }
  }

  private record Row(long id, String status, String code, String reason) {}

  private static Map<String, List<Row>> rowsByChannel(CdrStore store) {
    return store.inTransaction(
        c -> {
          Map<String, List<Row>> out = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT channel, id, status, error_code, reason FROM ingest_message"
                          + " ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new Row(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
          }
          return out;
        });
  }
}
