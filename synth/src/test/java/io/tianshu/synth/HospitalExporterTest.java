package io.tianshu.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.core.record.PatientRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HospitalExporterTest {
  @TempDir Path dir;

  @Test
  void writesParseableCsvWhoseRowCountsEqualTheGeneratedCounts() throws IOException {
    SyntheticHospital h =
        new SyntheticHospital(new SynthConfig(99, 300, LocalDate.of(2025, 6, 30)));
    AtomicLong last = new AtomicLong();
    ExportSummary summary = HospitalExporter.export(h, dir, last::set);
    assertThat(last.get()).isEqualTo(300);

    long encounters = 0,
        transfers = 0,
        diagnoses = 0,
        operations = 0,
        orders = 0,
        admins = 0,
        labs = 0,
        vitals = 0,
        exams = 0,
        documents = 0,
        truth = 0,
        facts = 0;
    for (GeneratedPatient g : h) {
      PatientRecord r = g.record();
      encounters += r.encounters().size();
      transfers += r.encounters().stream().mapToLong(e -> e.transfers().size()).sum();
      diagnoses += r.diagnoses().size();
      operations += r.operations().size();
      orders += r.orders().size();
      admins += r.administrations().size();
      labs += r.labs().size();
      vitals += r.vitals().size();
      exams += r.exams().size();
      documents += r.documents().size();
      truth += g.truth().size();
      facts += r.factCount();
    }
    assertThat(summary).isEqualTo(new ExportSummary(300, encounters, documents, facts, truth));
    assertThat(rows("patients.csv")).isEqualTo(300);
    assertThat(rows("encounters.csv")).isEqualTo(encounters);
    assertThat(rows("transfers.csv")).isEqualTo(transfers);
    assertThat(rows("diagnoses.csv")).isEqualTo(diagnoses);
    assertThat(rows("operations.csv")).isEqualTo(operations);
    assertThat(rows("medication_orders.csv")).isEqualTo(orders);
    assertThat(rows("medication_administrations.csv")).isEqualTo(admins);
    assertThat(rows("lab_results.csv")).isEqualTo(labs);
    assertThat(rows("vital_signs.csv")).isEqualTo(vitals);
    assertThat(rows("exam_reports.csv")).isEqualTo(exams);
    assertThat(rows("clinical_documents.csv")).isEqualTo(documents);

    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(dir.resolve("truth.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize((int) truth);
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("surface").asText()).isNotEmpty();
    JsonNode manifest = json.readTree(dir.resolve("manifest.json").toFile());
    assertThat(manifest.at("/config/seed").asLong()).isEqualTo(99);
    assertThat(manifest.at("/counts/truthFacts").asLong()).isEqualTo(truth);
  }

  @Test
  void documentTextsSurviveTheCsvRoundTrip() throws IOException {
    SyntheticHospital h = new SyntheticHospital(new SynthConfig(3, 20, LocalDate.of(2025, 6, 30)));
    HospitalExporter.export(h, dir, null);
    List<List<String>> rows =
        parse(Files.readString(dir.resolve("clinical_documents.csv"), StandardCharsets.UTF_8));
    List<String> header = rows.get(0);
    int content = header.indexOf("content");
    List<String> texts = new ArrayList<>();
    h.forEach(g -> g.record().documents().forEach(d -> texts.add(d.text())));
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i)).hasSize(header.size());
      assertThat(rows.get(i).get(content)).isEqualTo(texts.get(i - 1));
    }
  }

  private long rows(String file) throws IOException {
    List<List<String>> rows = parse(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
    int width = rows.get(0).size();
    rows.forEach(r -> assertThat(r).as(file).hasSize(width));
    return rows.size() - 1;
  }

  /** A strict RFC 4180 reader, independent of the writer under test. */
  static List<List<String>> parse(String s) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' && cell.length() == 0) {
        i++;
        while (true) {
          char q = s.charAt(i);
          if (q == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
            cell.append('"');
            i += 2;
          } else if (q == '"') {
            i++;
            break;
          } else {
            cell.append(q);
            i++;
          }
        }
        continue;
      }
      if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
        i++;
      } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        assertThat(c).as("bare line break or quote at " + i).isNotIn('\n', '\r', '"');
        cell.append(c);
        i++;
      }
    }
    assertThat(row).isEmpty();
    return rows;
  }
}
