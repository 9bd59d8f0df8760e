package io.tianshu.store;

import io.tianshu.core.code.Code;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Not a test: measures {@code readPatient} latency and load throughput on a store holding many
 * synthetic patients of realistic shape (about 105 rows each: labs, administrations and vitals
 * dominate; a few documents of 1–3 k characters). Self-contained, so the store does not depend on
 * the synth module.
 *
 * <pre>
 * ./mvnw -q -pl store test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tianshu.store.ReadLatencyProbe -Dexec.args="/tmp/probe duckdb 100000"
 * </pre>
 *
 * Arguments: work directory, engine ({@code duckdb} or {@code postgres}, the latter from the
 * TIANSHU_TEST_PG_* variables), patients (default 100,000), and {@code reuse} to skip loading when
 * the DuckDB file already exists.
 */
public final class ReadLatencyProbe {

  private static final int BATCH = 10_000;
  private static final int WARMUP = 200;
  private static final int SAMPLES = 2_000;
  private static final byte[] KEY =
      "probe-identifier-key-not-secret!".getBytes(StandardCharsets.UTF_8);

  private ReadLatencyProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/tianshu-probe");
    String engine = args.length > 1 ? args[1] : "duckdb";
    int patients = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    boolean reuse = args.length > 3 && args[3].equals("reuse");
    Files.createDirectories(dir);
    Path file = dir.resolve("probe.duckdb");
    boolean load = true;
    StoreConfig config;
    if (engine.equals("postgres")) {
      config =
          StoreConfig.postgres(
              System.getenv("TIANSHU_TEST_PG_URL"),
              System.getenv("TIANSHU_TEST_PG_USER"),
              System.getenv("TIANSHU_TEST_PG_PASSWORD"),
              KEY);
    } else {
      if (reuse && Files.exists(file)) {
        load = false;
      } else {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir.resolve("probe.duckdb.wal"));
      }
      config = StoreConfig.duckdb(file, KEY);
    }
    try (CdrStore store = CdrStore.open(config)) {
      if (load) {
        load(store, patients);
      }
      if (load && System.getProperty("probe.checkpoint") != null) {
        long t0 = System.nanoTime();
        store.inTransaction(connection -> connection.createStatement().execute("CHECKPOINT"));
        System.out.printf("checkpoint: %.1f s%n", (System.nanoTime() - t0) / 1e9);
      }
      measureReads(store, patients);
      if (load) {
        measureReads(
            store,
            patients); // a second pass: the first runs while the OS still writes the load out
      }
    }
  }

  private static void load(CdrStore store, int patients) {
    long rows = 0;
    long loadNanos = 0;
    String run = Long.toHexString(System.nanoTime());
    for (int from = 0; from < patients; from += BATCH) {
      List<PatientRecord> batch = new ArrayList<>(BATCH);
      for (int i = from; i < Math.min(patients, from + BATCH); i++) {
        batch.add(new Maker(new Random(i * 7919L + 17), "probe-" + run + "-" + from).patient(i));
      }
      long t0 = System.nanoTime();
      try (CdrWriter writer = store.writer("probe-" + run + "-" + from, "probe")) {
        batch.forEach(writer::add);
        rows += writer.commit().rows();
      }
      loadNanos += System.nanoTime() - t0;
    }
    System.out.printf(
        "load: %d patients, %d rows (%.1f per patient) in %.1f s = %,d rows/s%n",
        patients,
        rows,
        (double) rows / patients,
        loadNanos / 1e9,
        Math.round(rows / (loadNanos / 1e9)));
  }

  private static void measureReads(CdrStore store, int patients) {
    Random random = new Random(42);
    for (int i = 0; i < WARMUP; i++) {
      store.readPatient(id(random.nextInt(patients))).orElseThrow();
    }
    long[] nanos = new long[SAMPLES];
    long rows = 0;
    for (int i = 0; i < SAMPLES; i++) {
      String id = id(random.nextInt(patients));
      long t0 = System.nanoTime();
      PatientRecord r =
          store.readPatient(id).orElseThrow(() -> new IllegalStateException("missing " + id));
      nanos[i] = System.nanoTime() - t0;
      rows += r.factCount() + r.documents().size() + 1;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "readPatient (%s, %d samples, %.0f rows/patient): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        store.dialect(),
        SAMPLES,
        (double) rows / SAMPLES,
        pct(nanos, 50),
        pct(nanos, 90),
        pct(nanos, 99),
        nanos[nanos.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)]
        / 1e6;
  }

  static String id(int index) {
    return String.format("P%07d", index + 1);
  }

  /** One synthetic patient: outpatient visits with few facts, some inpatient stays with many. */
  private static final class Maker {
    private static final LocalDateTime BASE = LocalDateTime.of(2021, 1, 1, 0, 0);
    private static final String HAN = "患者因反复胸闷气促三天入院既往高血压病史十年否认糖尿病查体心率齐未闻及杂音双肺呼吸音清腹软无压痛";
    private static final String[] DEPARTMENTS = {
      "心内科", "呼吸内科", "骨科", "普外科", "神经内科", "儿科", "急诊科", "消化内科"
    };
    private static final String[] SOURCES = {"HIS", "LIS", "EMR", "PACS"};

    private final Random random;
    private final String batchId;

    Maker(Random random, String batchId) {
      this.random = random;
      this.batchId = batchId;
    }

    PatientRecord patient(int index) {
      String id = id(index);
      Patient patient =
          new Patient(
              id,
              "MRN" + (1_000_000 + index),
              "张" + han(2),
              pick(Sex.values()),
              LocalDate.of(1930, 1, 1).plusDays(random.nextInt(32000)),
              String.format("1101011990%08d", random.nextInt(100_000_000)),
              "139" + String.format("%08d", random.nextInt(100_000_000)),
              "北京市朝阳区" + han(6),
              List.of(
                  new PatientIdentifier("HIS", "H" + index),
                  new PatientIdentifier("医保", "YB" + index)),
              provenance());
      int stays = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0;
      int visits = 1 + random.nextInt(3);
      List<Encounter> encounters = new ArrayList<>();
      List<Diagnosis> diagnoses = new ArrayList<>();
      List<Operation> operations = new ArrayList<>();
      List<MedicationOrder> orders = new ArrayList<>();
      List<MedicationAdministration> administrations = new ArrayList<>();
      List<LabResult> labs = new ArrayList<>();
      List<VitalSign> vitals = new ArrayList<>();
      List<ExamReport> exams = new ArrayList<>();
      List<ClinicalDocument> documents = new ArrayList<>();
      for (int e = 0; e < stays + visits; e++) {
        boolean inpatient = e < stays;
        String enc = id + "-E" + e;
        LocalDateTime at = time();
        int days = inpatient ? 3 + random.nextInt(8) : 0;
        List<Transfer> transfers =
            many(
                inpatient ? random.nextInt(2) : 0,
                i ->
                    new Transfer(
                        enc + "-T" + i,
                        enc,
                        pick(DEPARTMENTS),
                        "1病区",
                        pick(DEPARTMENTS),
                        "2病区",
                        at.plusDays(1 + i),
                        provenance()));
        encounters.add(
            new Encounter(
                enc,
                id,
                inpatient
                    ? EncounterType.INPATIENT
                    : pick(new EncounterType[] {EncounterType.OUTPATIENT, EncounterType.EMERGENCY}),
                pick(DEPARTMENTS),
                inpatient ? "3病区" : null,
                at,
                inpatient ? at.plusDays(days) : null,
                inpatient ? DischargeDisposition.HOME : null,
                "李" + han(2),
                transfers,
                provenance()));
        diagnoses.addAll(
            many(
                inpatient ? 3 : 1,
                i ->
                    new Diagnosis(
                        enc + "-D" + i,
                        id,
                        enc,
                        inpatient ? DiagnosisKind.DISCHARGE : DiagnosisKind.OUTPATIENT,
                        i == 0,
                        code("ICD"),
                        at.plusHours(i),
                        provenance())));
        if (inpatient && random.nextInt(3) == 0) {
          operations.add(
              new Operation(
                  enc + "-O",
                  id,
                  enc,
                  code("OP"),
                  at.plusDays(1),
                  at.plusDays(1).plusHours(2),
                  "王" + han(2),
                  "全麻",
                  "II",
                  2,
                  provenance()));
        }
        int nOrders = inpatient ? 12 + random.nextInt(10) : 1 + random.nextInt(3);
        List<MedicationOrder> encOrders =
            many(
                nOrders,
                i ->
                    new MedicationOrder(
                        enc + "-M" + i,
                        id,
                        enc,
                        OrderCategory.DRUG,
                        code("DRUG"),
                        0.5 + random.nextInt(10),
                        "mg",
                        "口服",
                        "bid",
                        inpatient,
                        at.plusHours(i),
                        inpatient ? at.plusDays(days) : null,
                        "李" + han(2),
                        provenance()));
        orders.addAll(encOrders);
        if (inpatient) {
          for (MedicationOrder o : encOrders) {
            int doses = 2 + random.nextInt(3);
            for (int k = 0; k < doses; k++) {
              administrations.add(
                  new MedicationAdministration(
                      o.id() + "-A" + k,
                      o.id(),
                      id,
                      enc,
                      o.item(),
                      o.dose(),
                      "mg",
                      "口服",
                      o.startAt().plusHours(12L * k),
                      "护士" + han(1),
                      provenance()));
            }
          }
        }
        int nLabs = inpatient ? 30 + random.nextInt(30) : random.nextInt(12);
        labs.addAll(
            many(
                nLabs,
                i -> {
                  double v = Math.round(random.nextDouble() * 2000) / 10.0;
                  return new LabResult(
                      enc + "-L" + i,
                      id,
                      enc,
                      "血常规",
                      code("LAB"),
                      v,
                      Double.toString(v),
                      "g/L",
                      10.0,
                      150.0,
                      "10-150",
                      pick(AbnormalFlag.values()),
                      "血清",
                      at.plusHours(i / 10),
                      at.plusHours(i / 10 + 2),
                      provenance());
                }));
        int nVitals = inpatient ? 25 + random.nextInt(20) : 2 + random.nextInt(3);
        vitals.addAll(
            many(
                nVitals,
                i ->
                    new VitalSign(
                        enc + "-V" + i,
                        id,
                        enc,
                        pick(VitalType.values()),
                        36 + random.nextInt(100),
                        at.plusHours(4L * i),
                        provenance())));
        exams.addAll(
            many(
                random.nextInt(inpatient ? 4 : 2),
                i ->
                    new ExamReport(
                        enc + "-X" + i,
                        id,
                        enc,
                        pick(ExamKind.values()),
                        code("EXAM"),
                        "胸部",
                        han(80 + random.nextInt(200)),
                        han(30),
                        at.plusHours(3 + i),
                        at.plusHours(5 + i),
                        provenance())));
        documents.addAll(
            many(
                inpatient ? 3 + random.nextInt(3) : 1,
                i ->
                    new ClinicalDocument(
                        enc + "-DOC" + i,
                        id,
                        enc,
                        inpatient ? pick(DocumentType.values()) : DocumentType.OUTPATIENT_NOTE,
                        "病历" + i,
                        "李" + han(2),
                        at.plusHours(i),
                        at.plusHours(i + 1),
                        at.plusHours(i + 2),
                        han(400 + random.nextInt(1000)),
                        provenance())));
      }
      return new PatientRecord(
          patient,
          sorted(encounters, Encounter::admittedAt),
          diagnoses,
          operations,
          orders,
          administrations,
          labs,
          vitals,
          exams,
          documents);
    }

    private MappedCode code(String prefix) {
      // A vocabulary of 400 items per kind, each code with its one display, as in a hospital's
      // dictionaries.
      int n = random.nextInt(400);
      Code local =
          new Code(
              CodeSystem.local(SOURCES[n % SOURCES.length]),
              prefix + n,
              prefix + "项目" + display(n));
      return n % 5 == 0
          ? new MappedCode(local, null)
          : new MappedCode(
              local, new Code(CodeSystem.ICD10, "S" + prefix + n, "标准" + display(n * 31)));
    }

    private static String display(int n) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        out.append(HAN.charAt(Math.floorMod(n * (7 + i) + i * 13, HAN.length())));
      }
      return out.toString();
    }

    private LocalDateTime time() {
      return BASE.plusSeconds(random.nextInt(5 * 365 * 86400))
          .plusNanos(random.nextInt(1_000_000) * 1000L);
    }

    private String han(int length) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        out.append(HAN.charAt(random.nextInt(HAN.length())));
      }
      return out.toString();
    }

    private <T> T pick(T[] values) {
      return values[random.nextInt(values.length)];
    }

    private static <T> List<T> many(int n, IntFunction<T> make) {
      List<T> out = new ArrayList<>(n);
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
      return new Provenance(pick(SOURCES), "R" + random.nextInt(1_000_000_000), batchId);
    }
  }
}
