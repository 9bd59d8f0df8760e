package io.tianshu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Loading any sequence of batches, each a random subset of a pool of random patients (re-loaded
 * patients changing their whole record), then reading every patient back gives exactly the version
 * loaded last. Texts mix Chinese, quotes, commas, newlines and characters outside the BMP, the
 * cases a bulk file format gets wrong.
 */
class CdrStorePropertyTest {

  private static final int POOL = 6;

  @Property(tries = 25)
  void readingBackGivesTheLastLoadedVersionOfEveryPatient(
      @ForAll("batches") List<List<Integer>> batches,
      @ForAll("texts") List<String> texts,
      @ForAll long seed)
      throws IOException {
    Path directory = Files.createTempDirectory("tianshu-property-");
    try (CdrStore store =
        CdrStore.open(StoreConfig.duckdb(directory.resolve("cdr.duckdb"), CdrStoreContract.KEY))) {
      Map<String, PatientRecord> expected = new LinkedHashMap<>();
      for (int b = 0; b < batches.size(); b++) {
        String batchId = "batch-" + b;
        try (CdrWriter writer = store.writer(batchId, "property")) {
          for (int patient : batches.get(b)) {
            PatientRecord record =
                new RecordMaker(new Random(seed * 31 + patient * 7L + b), texts, batchId)
                    .patient(patient);
            writer.add(record);
            expected.put(record.patient().id(), record);
          }
          writer.commit();
        }
      }
      for (int i = 0; i < POOL; i++) {
        String id = "P" + i;
        PatientRecord loaded = expected.get(id);
        if (loaded == null) {
          assertThat(store.readPatient(id)).isEmpty();
        } else {
          assertThat(store.readPatient(id)).contains(Fixtures.asStored(loaded));
        }
      }
      long facts = expected.values().stream().mapToLong(PatientRecord::factCount).sum();
      assertThat(store.counts().patients()).isEqualTo(expected.size());
      assertThat(store.counts().facts()).isEqualTo(facts);
      assertThat(store.counts().noteFacts())
          .isEqualTo(expected.values().stream().mapToLong(r -> r.noteFacts().size()).sum());
    } finally {
      deleteRecursively(directory);
    }
  }

  @Provide
  Arbitrary<List<List<Integer>>> batches() {
    return Arbitraries.integers()
        .between(0, POOL - 1)
        .set()
        .ofMaxSize(POOL)
        .map(set -> (List<Integer>) new ArrayList<>(set))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<String>> texts() {
    Arbitrary<String> plain =
        Arbitraries.strings()
            .withCharRange('\u4e00', '\u9fa5')
            .withChars("\"',\n\r\\;%_!-. aZ09（），：℃↑")
            .ofMaxLength(30);
    Arbitrary<String> astral = plain.map(s -> s + "𠀀😷");
    return Arbitraries.oneOf(plain, astral).list().ofMinSize(1).ofMaxSize(8);
  }

  /** Builds one random, valid patient record from a seeded Random; facts are in time order. */
  private static final class RecordMaker {
    private static final LocalDateTime BASE = LocalDateTime.of(2020, 1, 1, 0, 0);

    private final Random random;
    private final List<String> texts;
    private final String batchId;

    RecordMaker(Random random, List<String> texts, String batchId) {
      this.random = random;
      this.texts = texts;
      this.batchId = batchId;
    }

    PatientRecord patient(int index) {
      String id = "P" + index;
      Patient patient =
          new Patient(
              id,
              "MRN" + index,
              text(),
              pick(Sex.values()),
              LocalDate.of(1930, 1, 1).plusDays(random.nextInt(30000)),
              random.nextBoolean()
                  ? null
                  : String.format("1101011990%08d", random.nextInt(100_000_000)),
              maybe(this::text),
              maybe(this::text),
              many(i -> new PatientIdentifier("SYS" + i, text() + "x")),
              provenance());
      List<Encounter> encounters =
          sorted(many(i -> encounter(id, id + "-E" + i)), Encounter::admittedAt);
      String encounter = encounters.isEmpty() ? id + "-E0" : encounters.get(0).id();
      PatientRecord record =
          new PatientRecord(
              patient,
              encounters,
              sorted(
                  many(
                      i ->
                          new Diagnosis(
                              id + "-D" + i,
                              id,
                              encounter,
                              pick(DiagnosisKind.values()),
                              random.nextBoolean(),
                              code(),
                              time(),
                              provenance())),
                  Diagnosis::diagnosedAt),
              sorted(
                  many(
                      i -> {
                        LocalDateTime start = time();
                        return new Operation(
                            id + "-O" + i,
                            id,
                            encounter,
                            code(),
                            start,
                            maybe(() -> start.plusMinutes(90)),
                            maybe(this::text),
                            maybe(this::text),
                            maybe(() -> "II"),
                            random.nextInt(5),
                            provenance());
                      }),
                  Operation::startedAt),
              sorted(
                  many(
                      i ->
                          new MedicationOrder(
                              id + "-M" + i,
                              id,
                              encounter,
                              pick(OrderCategory.values()),
                              code(),
                              maybe(this::number),
                              maybe(this::text),
                              maybe(this::text),
                              maybe(() -> "bid"),
                              random.nextBoolean(),
                              time(),
                              null,
                              maybe(this::text),
                              provenance())),
                  MedicationOrder::startAt),
              sorted(
                  many(
                      i ->
                          new MedicationAdministration(
                              id + "-A" + i,
                              maybe(() -> id + "-M0"),
                              id,
                              encounter,
                              code(),
                              maybe(this::number),
                              maybe(this::text),
                              maybe(this::text),
                              time(),
                              maybe(this::text),
                              provenance())),
                  MedicationAdministration::administeredAt),
              sorted(
                  many(
                      i ->
                          new LabResult(
                              id + "-L" + i,
                              id,
                              encounter,
                              maybe(this::text),
                              code(),
                              maybe(this::number),
                              text(),
                              maybe(this::text),
                              maybe(this::number),
                              maybe(this::number),
                              maybe(this::text),
                              pick(AbnormalFlag.values()),
                              maybe(this::text),
                              time(),
                              null,
                              provenance())),
                  LabResult::collectedAt),
              sorted(
                  many(
                      i ->
                          new VitalSign(
                              id + "-V" + i,
                              id,
                              encounter,
                              pick(VitalType.values()),
                              number(),
                              time(),
                              provenance())),
                  VitalSign::measuredAt),
              sorted(
                  many(
                      i -> {
                        LocalDateTime at = time();
                        return new ExamReport(
                            id + "-X" + i,
                            id,
                            encounter,
                            pick(ExamKind.values()),
                            code(),
                            maybe(this::text),
                            text(),
                            text(),
                            at,
                            maybe(() -> at.plusHours(2)),
                            provenance());
                      }),
                  ExamReport::examinedAt),
              sorted(
                  many(
                      i ->
                          new ClinicalDocument(
                              id + "-DOC" + i,
                              id,
                              encounter,
                              pick(DocumentType.values()),
                              text(),
                              maybe(this::text),
                              maybe(this::time),
                              time(),
                              maybe(this::time),
                              String.join("\n", texts),
                              provenance())),
                  ClinicalDocument::createdAt));
      return record.withNoteFacts(noteFacts(record.documents()));
    }

    /**
     * Spans of the documents' texts, in document order: the order the store keeps them in. Spans
     * keep surrogate pairs whole, as the NLP pipeline's do; half a pair is not text either engine
     * can store.
     */
    private List<NoteFact> noteFacts(List<ClinicalDocument> documents) {
      List<NoteFact> out = new ArrayList<>();
      for (ClinicalDocument d : documents) {
        String text = d.text();
        for (int i = random.nextInt(4); i > 0; i--) {
          int points = text.codePointCount(0, text.length());
          int first = random.nextInt(points + 1);
          int start = text.offsetByCodePoints(0, first);
          int end = text.offsetByCodePoints(start, random.nextInt(points - first + 1));
          String value = random.nextBoolean() ? null : text() + "次/分";
          Code code = maybe(() -> Code.of(CodeSystem.ICD10, "I" + random.nextInt(100), text()));
          out.add(
              new NoteFact(
                  d.id() + ":" + start + "-" + end + "#" + i,
                  d.patientId(),
                  d.encounterId(),
                  d.id(),
                  start,
                  end,
                  pick(new String[] {"disease", "symptom", "drug"}),
                  text.substring(start, end),
                  text(),
                  random.nextBoolean(),
                  random.nextBoolean(),
                  random.nextBoolean(),
                  random.nextBoolean(),
                  maybe(() -> "PAST_HISTORY"),
                  d.createdAt(),
                  "tianshu-nlp-lexicon-3",
                  value,
                  value == null ? null : maybe(this::number),
                  value == null ? null : maybe(this::text),
                  code,
                  code == null ? null : pick(CodeMatch.values()),
                  code == null ? null : random.nextDouble()));
        }
      }
      return out;
    }

    private Encounter encounter(String patientId, String id) {
      LocalDateTime admitted = time();
      return new Encounter(
          id,
          patientId,
          pick(EncounterType.values()),
          text() + "科",
          maybe(this::text),
          admitted,
          maybe(() -> admitted.plusDays(3)),
          maybe(() -> pick(DischargeDisposition.values())),
          maybe(this::text),
          sorted(
              many(
                  i ->
                      new Transfer(
                          id + "-T" + i,
                          id,
                          maybe(this::text),
                          maybe(this::text),
                          text() + "科",
                          maybe(this::text),
                          admitted.plusHours(random.nextInt(48)),
                          provenance())),
              Transfer::at),
          provenance());
    }

    private MappedCode code() {
      Code local =
          new Code(
              CodeSystem.local(pick(new String[] {"HIS", "LIS", "EMR"})),
              "C" + random.nextInt(1000),
              text());
      CodeSystem standard =
          pick(
              new CodeSystem[] {
                CodeSystem.ICD10,
                CodeSystem.ICD9CM3,
                CodeSystem.LOINC,
                CodeSystem.TIANSHU_DRUG,
                CodeSystem.TIANSHU_LAB
              });
      return random.nextInt(3) == 0
          ? new MappedCode(local, null)
          : new MappedCode(local, new Code(standard, "S" + random.nextInt(1000), text()));
    }

    /** Microsecond times: what both engines keep. */
    private LocalDateTime time() {
      return BASE.plusSeconds(random.nextInt(5 * 365 * 86400))
          .plusNanos(random.nextInt(1_000_000) * 1000L);
    }

    private double number() {
      return switch (random.nextInt(4)) {
        case 0 -> random.nextInt(300);
        case 1 -> random.nextDouble() * 1000;
        case 2 -> -random.nextGaussian() * 1e-7;
        default -> random.nextDouble() * 1e12;
      };
    }

    private String text() {
      return texts.get(random.nextInt(texts.size()));
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
      return random.nextInt(3) == 0 ? null : value.get();
    }

    private <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    private <T> List<T> many(IntFunction<T> make) {
      int n = random.nextInt(4);
      List<T> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(make.apply(i));
      }
      return out;
    }

    private static <T> List<T> sorted(List<T> facts, Function<T, LocalDateTime> time) {
      List<T> copy = new ArrayList<>(facts);
      copy.sort(Comparator.comparing(time));
      return copy;
    }

    private Provenance provenance() {
      return new Provenance(pick(new String[] {"HIS", "LIS", "EMR"}), text(), batchId);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
