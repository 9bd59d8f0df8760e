package io.tianshu.server.patient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeMatch;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The researchers' view keeps every note fact, its span moved with the scrubbed text. */
class DeidentifierTest {

  private static final LocalDateTime AT = LocalDateTime.of(2024, 3, 2, 16, 0);

  @Test
  void noteFactsSurviveScrubbingAndPointAtTheirWords() {
    Patient patient =
        new Patient(
            "P000101",
            "BA2024000101",
            "张三",
            Sex.MALE,
            LocalDate.of(1956, 3, 14),
            "110101195603141234",
            "13812345678",
            "北京市东城区和平里1号",
            List.of(),
            new Provenance("HIS", "P000101", "b1"));
    String text = "患者张三，身份证号110101195603141234，电话13812345678，住北京市东城区和平里1号。" + "否认高血压病史，长期卧床3年。";
    ClinicalDocument doc =
        new ClinicalDocument(
            "DOC1",
            "P000101",
            "E1",
            DocumentType.ADMISSION_NOTE,
            null,
            "刘医生",
            AT,
            AT,
            null,
            text,
            new Provenance("EMR", "DOC1", "b1"));
    PatientRecord structured =
        new NoteStructurer()
            .structure(
                new PatientRecord(
                    patient,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(doc)));
    int phone = text.indexOf("138");
    NoteFact overPhone = fact("DOC1:x", phone - 1, phone + 4, text); // a span no pipeline makes
    List<NoteFact> facts = new ArrayList<>(structured.noteFacts());
    facts.add(overPhone);
    int hypertension = text.indexOf("高血压");
    NoteFact fuzzy =
        new NoteFact(
            "DOC1:y",
            "P000101",
            "E1",
            "DOC1",
            hypertension,
            hypertension + 3,
            "disease",
            "高血压",
            "高血压",
            true,
            false,
            false,
            false,
            null,
            AT,
            NoteStructurer.PIPELINE_VERSION,
            null,
            null,
            null,
            Code.of(CodeSystem.ICD10, "I10", "原发性高血压"),
            CodeMatch.FUZZY,
            0.62);
    facts.add(fuzzy);

    PatientRecord view = Deidentifier.record(structured.withNoteFacts(facts));

    String scrubbed = view.documents().get(0).text();
    assertThat(scrubbed).doesNotContain("张三", "110101195603141234", "13812345678", "和平里");
    assertThat(view.noteFacts()).hasSameSizeAs(facts);
    assertThat(view.noteFacts())
        .allSatisfy(f -> assertThat(scrubbed.substring(f.start(), f.end())).isEqualTo(f.surface()));
    Map<String, NoteFact> byId =
        view.noteFacts().stream().collect(Collectors.toMap(NoteFact::id, Function.identity()));
    for (NoteFact before : structured.noteFacts()) {
      NoteFact after = byId.get(before.id());
      assertThat(after.surface()).isEqualTo(before.surface());
      assertThat(after.concept()).isEqualTo(before.concept());
      assertThat(after.negated()).isEqualTo(before.negated());
      assertThat(after.value()).isEqualTo(before.value());
      assertThat(after.numericValue()).isEqualTo(before.numericValue());
      assertThat(after.unit()).isEqualTo(before.unit());
      assertThat(after.code()).isEqualTo(before.code());
      assertThat(after.codeMatch()).isEqualTo(before.codeMatch());
      assertThat(after.codeConfidence()).isEqualTo(before.codeConfidence());
    }
    assertThat(byId.get("DOC1:y").codeMatch()).isEqualTo(CodeMatch.FUZZY);
    assertThat(byId.get("DOC1:y").codeConfidence()).isEqualTo(0.62);
    assertThat(view.noteFacts()).anySatisfy(f -> assertThat(f.value()).isEqualTo("3年"));
    assertThat(byId.get("DOC1:x").surface()).isEqualTo("话[电话已隐去]").doesNotContainPattern("\\d");
  }

  @Test
  void syntheticRecordsKeepAllTheirNoteFacts() {
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(11, 20, LocalDate.of(2026, 6, 30)));
    NoteStructurer structurer = new NoteStructurer();
    for (int i = 0; i < 20; i++) {
      PatientRecord record = structurer.structure(hospital.patient(i).record());
      PatientRecord view = Deidentifier.record(record);
      assertThat(view.noteFacts()).hasSameSizeAs(record.noteFacts());
      Map<String, String> texts =
          view.documents().stream()
              .collect(Collectors.toMap(ClinicalDocument::id, ClinicalDocument::text));
      assertThat(view.noteFacts())
          .allSatisfy(
              f ->
                  assertThat(texts.get(f.documentId()).substring(f.start(), f.end()))
                      .isEqualTo(f.surface()));
    }
  }

  private static NoteFact fact(String id, int start, int end, String text) {
    return new NoteFact(
        id,
        "P000101",
        "E1",
        "DOC1",
        start,
        end,
        "symptom",
        text.substring(start, end),
        "test",
        false,
        false,
        false,
        false,
        null,
        AT,
        NoteStructurer.PIPELINE_VERSION);
  }
}
