package io.tianshu.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.ExamReport;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Exports a synthetic hospital as a CDR extract: one RFC 4180 CSV per table, {@code truth.jsonl}
 * with one ground-truth fact per line and {@code manifest.json} with the configuration and counts.
 * Patients are generated in parallel in small chunks and written in index order, so memory stays
 * flat at any size and the files are identical run to run.
 */
public final class HospitalExporter {
  private static final int CHUNK = 64;

  private HospitalExporter() {}

  /**
   * Writes the hospital to {@code outDir} (created if missing).
   *
   * @param progress called with the number of patients written so far, after each chunk; may be
   *     null
   */
  public static ExportSummary export(SyntheticHospital hospital, Path outDir, LongConsumer progress)
      throws IOException {
    Files.createDirectories(outDir);
    int total = hospital.config().patients();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "synth-export");
              t.setDaemon(true);
              return t;
            });
    long[] counts = new long[5];
    try (Tables tables = new Tables(outDir)) {
      ArrayDeque<Future<List<GeneratedPatient>>> inFlight = new ArrayDeque<>();
      int nextChunk = 0;
      long written = 0;
      while (nextChunk * (long) CHUNK < total || !inFlight.isEmpty()) {
        while (inFlight.size() < threads * 2 && nextChunk * (long) CHUNK < total) {
          int from = nextChunk * CHUNK;
          int to = Math.min(total, from + CHUNK);
          inFlight.add(pool.submit(() -> generate(hospital, from, to)));
          nextChunk++;
        }
        for (GeneratedPatient g : await(inFlight.poll())) {
          tables.write(g, counts);
          written++;
        }
        if (progress != null) {
          progress.accept(written);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    ExportSummary summary =
        new ExportSummary(counts[0], counts[1], counts[2], counts[3], counts[4]);
    manifest(hospital.config(), outDir, summary);
    return summary;
  }

  private static List<GeneratedPatient> generate(SyntheticHospital hospital, int from, int to) {
    List<GeneratedPatient> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(hospital.patient(i));
    }
    return out;
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("TS-SYNTH-010 export interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("TS-SYNTH-011 generation failed", e.getCause());
    }
  }

  private static void manifest(SynthConfig config, Path outDir, ExportSummary summary)
      throws IOException {
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", "tianshu-synth");
    m.put("config", config);
    m.put("counts", summary);
    m.put("files", Tables.FILES);
    json.writeValue(outDir.resolve("manifest.json").toFile(), m);
  }

  /** All output files of one export. */
  private static final class Tables implements AutoCloseable {
    static final List<String> FILES =
        List.of(
            "patients.csv",
            "encounters.csv",
            "transfers.csv",
            "diagnoses.csv",
            "operations.csv",
            "medication_orders.csv",
            "medication_administrations.csv",
            "lab_results.csv",
            "vital_signs.csv",
            "exam_reports.csv",
            "clinical_documents.csv",
            "truth.jsonl");
    private static final List<String> PROV =
        List.of("source_system", "source_record_id", "batch_id");
    private static final List<String> CODE =
        List.of(
            "local_system", "local_code", "local_display", "std_system", "std_code", "std_display");

    final CsvFile patients;
    final CsvFile encounters;
    final CsvFile transfers;
    final CsvFile diagnoses;
    final CsvFile operations;
    final CsvFile orders;
    final CsvFile administrations;
    final CsvFile labs;
    final CsvFile vitals;
    final CsvFile exams;
    final CsvFile documents;
    final BufferedWriter truth;
    final StringBuilder line = new StringBuilder(256);

    Tables(Path dir) throws IOException {
      patients =
          csv(
              dir,
              "patients.csv",
              List.of(
                  "id",
                  "mrn",
                  "name",
                  "sex",
                  "birth_date",
                  "id_number",
                  "phone",
                  "address",
                  "identifiers"));
      encounters =
          csv(
              dir,
              "encounters.csv",
              List.of(
                  "id",
                  "patient_id",
                  "encounter_type",
                  "department",
                  "ward",
                  "admitted_at",
                  "discharged_at",
                  "disposition",
                  "attending_doctor"));
      transfers =
          csv(
              dir,
              "transfers.csv",
              List.of(
                  "id",
                  "patient_id",
                  "encounter_id",
                  "from_department",
                  "from_ward",
                  "to_department",
                  "to_ward",
                  "transferred_at"));
      diagnoses =
          csv(
              dir,
              "diagnoses.csv",
              cat(
                  List.of("id", "patient_id", "encounter_id", "kind", "is_main"),
                  CODE,
                  List.of("diagnosed_at")));
      operations =
          csv(
              dir,
              "operations.csv",
              cat(
                  List.of("id", "patient_id", "encounter_id"),
                  CODE,
                  List.of(
                      "started_at",
                      "ended_at",
                      "surgeon",
                      "anaesthesia",
                      "incision_class",
                      "surgical_level")));
      orders =
          csv(
              dir,
              "medication_orders.csv",
              cat(
                  List.of("id", "patient_id", "encounter_id", "category"),
                  CODE,
                  List.of(
                      "dose",
                      "dose_unit",
                      "route",
                      "frequency",
                      "long_term",
                      "start_at",
                      "stop_at",
                      "ordering_doctor")));
      administrations =
          csv(
              dir,
              "medication_administrations.csv",
              cat(
                  List.of("id", "order_id", "patient_id", "encounter_id"),
                  CODE,
                  List.of("dose", "dose_unit", "route", "administered_at", "performer")));
      labs =
          csv(
              dir,
              "lab_results.csv",
              cat(
                  List.of("id", "patient_id", "encounter_id", "panel"),
                  CODE,
                  List.of(
                      "numeric_value",
                      "text_value",
                      "unit",
                      "reference_low",
                      "reference_high",
                      "reference_text",
                      "flag",
                      "specimen",
                      "collected_at",
                      "reported_at")));
      vitals =
          csv(
              dir,
              "vital_signs.csv",
              List.of(
                  "id",
                  "patient_id",
                  "encounter_id",
                  "vital_type",
                  "measured_value",
                  "unit",
                  "loinc_code",
                  "measured_at"));
      exams =
          csv(
              dir,
              "exam_reports.csv",
              cat(
                  List.of("id", "patient_id", "encounter_id", "kind"),
                  CODE,
                  List.of("body_site", "findings", "conclusion", "examined_at", "reported_at")));
      documents =
          csv(
              dir,
              "clinical_documents.csv",
              List.of(
                  "id",
                  "patient_id",
                  "encounter_id",
                  "document_type",
                  "title",
                  "author",
                  "event_at",
                  "created_at",
                  "signed_at",
                  "content"));
      truth =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(dir.resolve("truth.jsonl")), StandardCharsets.UTF_8),
              1 << 16);
    }

    private static CsvFile csv(Path dir, String name, List<String> columns) throws IOException {
      return new CsvFile(dir.resolve(name), cat(columns, PROV));
    }

    @SafeVarargs
    private static List<String> cat(List<String>... parts) {
      List<String> out = new ArrayList<>();
      for (List<String> p : parts) {
        out.addAll(p);
      }
      return out;
    }

    private static void prov(CsvFile f, Provenance p) throws IOException {
      f.cell(p.sourceSystem()).cell(p.sourceRecordId()).cell(p.batchId()).endRow();
    }

    void write(GeneratedPatient g, long[] counts) throws IOException {
      PatientRecord r = g.record();
      Patient p = r.patient();
      StringBuilder ids = new StringBuilder();
      p.identifiers()
          .forEach(
              i ->
                  ids.append(ids.length() == 0 ? "" : ";")
                      .append(i.system())
                      .append('=')
                      .append(i.value()));
      patients
          .cell(p.id())
          .cell(p.mrn())
          .cell(p.name())
          .cell(p.sex().name())
          .cell(p.birthDate())
          .cell(p.idNumber())
          .cell(p.phone())
          .cell(p.address())
          .cell(ids.toString());
      prov(patients, p.provenance());
      for (Encounter e : r.encounters()) {
        encounters
            .cell(e.id())
            .cell(e.patientId())
            .cell(e.type().name())
            .cell(e.department())
            .cell(e.ward())
            .cell(e.admittedAt())
            .cell(e.dischargedAt())
            .cell(e.disposition() == null ? null : e.disposition().name())
            .cell(e.attendingDoctor());
        prov(encounters, e.provenance());
        for (Transfer t : e.transfers()) {
          transfers
              .cell(t.id())
              .cell(e.patientId())
              .cell(t.encounterId())
              .cell(t.fromDepartment())
              .cell(t.fromWard())
              .cell(t.toDepartment())
              .cell(t.toWard())
              .cell(t.at());
          prov(transfers, t.provenance());
        }
      }
      for (Diagnosis d : r.diagnoses()) {
        diagnoses
            .cell(d.id())
            .cell(d.patientId())
            .cell(d.encounterId())
            .cell(d.kind().name())
            .cell(d.main())
            .code(d.code())
            .cell(d.diagnosedAt());
        prov(diagnoses, d.provenance());
      }
      for (Operation o : r.operations()) {
        operations
            .cell(o.id())
            .cell(o.patientId())
            .cell(o.encounterId())
            .code(o.code())
            .cell(o.startedAt())
            .cell(o.endedAt())
            .cell(o.surgeon())
            .cell(o.anaesthesia())
            .cell(o.incisionClass())
            .cell(o.level());
        prov(operations, o.provenance());
      }
      for (MedicationOrder o : r.orders()) {
        orders
            .cell(o.id())
            .cell(o.patientId())
            .cell(o.encounterId())
            .cell(o.category().name())
            .code(o.item())
            .cell(o.dose())
            .cell(o.doseUnit())
            .cell(o.route())
            .cell(o.frequency())
            .cell(o.longTerm())
            .cell(o.startAt())
            .cell(o.stopAt())
            .cell(o.orderingDoctor());
        prov(orders, o.provenance());
      }
      for (MedicationAdministration a : r.administrations()) {
        administrations
            .cell(a.id())
            .cell(a.orderId())
            .cell(a.patientId())
            .cell(a.encounterId())
            .code(a.item())
            .cell(a.dose())
            .cell(a.doseUnit())
            .cell(a.route())
            .cell(a.administeredAt())
            .cell(a.performer());
        prov(administrations, a.provenance());
      }
      for (LabResult l : r.labs()) {
        labs.cell(l.id())
            .cell(l.patientId())
            .cell(l.encounterId())
            .cell(l.panel())
            .code(l.item())
            .cell(l.numericValue())
            .cell(l.textValue())
            .cell(l.unit())
            .cell(l.referenceLow())
            .cell(l.referenceHigh())
            .cell(l.referenceText())
            .cell(l.flag().hl7())
            .cell(l.specimen())
            .cell(l.collectedAt())
            .cell(l.reportedAt());
        prov(labs, l.provenance());
      }
      for (VitalSign v : r.vitals()) {
        vitals
            .cell(v.id())
            .cell(v.patientId())
            .cell(v.encounterId())
            .cell(v.type().name())
            .cell(v.value())
            .cell(v.unit())
            .cell(v.type().loinc())
            .cell(v.measuredAt());
        prov(vitals, v.provenance());
      }
      for (ExamReport x : r.exams()) {
        exams
            .cell(x.id())
            .cell(x.patientId())
            .cell(x.encounterId())
            .cell(x.kind().name())
            .code(x.item())
            .cell(x.bodySite())
            .cell(x.findings())
            .cell(x.conclusion())
            .cell(x.examinedAt())
            .cell(x.reportedAt());
        prov(exams, x.provenance());
      }
      for (ClinicalDocument d : r.documents()) {
        documents
            .cell(d.id())
            .cell(d.patientId())
            .cell(d.encounterId())
            .cell(d.type().name())
            .cell(d.title())
            .cell(d.author())
            .cell(d.eventAt())
            .cell(d.createdAt())
            .cell(d.signedAt())
            .cell(d.text());
        prov(documents, d.provenance());
      }
      for (TruthFact t : g.truth()) {
        truthLine(t);
      }
      counts[0]++;
      counts[1] += r.encounters().size();
      counts[2] += r.documents().size();
      counts[3] += r.factCount();
      counts[4] += g.truth().size();
    }

    private void truthLine(TruthFact t) throws IOException {
      StringBuilder b = line;
      b.setLength(0);
      b.append("{\"documentId\":");
      str(b, t.documentId());
      b.append(",\"start\":")
          .append(t.start())
          .append(",\"end\":")
          .append(t.end())
          .append(",\"type\":");
      str(b, t.type());
      b.append(",\"surface\":");
      str(b, t.surface());
      b.append(",\"concept\":");
      str(b, t.concept());
      b.append(",\"negated\":").append(t.negated()).append(",\"uncertain\":").append(t.uncertain());
      b.append(",\"history\":")
          .append(t.history())
          .append(",\"family\":")
          .append(t.family())
          .append("}\n");
      truth.append(b);
    }

    private static void str(StringBuilder b, String s) {
      b.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          case '\n' -> b.append("\\n");
          case '\r' -> b.append("\\r");
          case '\t' -> b.append("\\t");
          default -> {
            if (c < 0x20) {
              b.append("\\u00")
                  .append(Character.forDigit(c >> 4, 16))
                  .append(Character.forDigit(c & 15, 16));
            } else {
              b.append(c);
            }
          }
        }
      }
      b.append('"');
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (AutoCloseable c :
          List.<AutoCloseable>of(
              patients,
              encounters,
              transfers,
              diagnoses,
              operations,
              orders,
              administrations,
              labs,
              vitals,
              exams,
              documents,
              truth)) {
        try {
          c.close();
        } catch (Exception e) {
          if (first == null) {
            first = e instanceof IOException io ? io : new IOException(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }
}
