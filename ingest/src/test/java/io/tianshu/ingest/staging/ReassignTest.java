package io.tianshu.ingest.staging;

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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassignTest {

  private static final LocalDateTime AT = LocalDateTime.of(2024, 3, 2, 16, 0);

  private static Patient patient(String id) {
    return new Patient(
        id,
        "BA-" + id,
        "张三",
        Sex.MALE,
        LocalDate.of(1956, 3, 14),
        null,
        null,
        null,
        List.of(),
        new Provenance("HIS", id, "b1"));
  }

  @Test
  void aMergedPatientsNoteFactsKeepTheirCodesWithMatchKindAndConfidence() {
    String text = "因右股骨颈骨折入院。";
    ClinicalDocument doc =
        new ClinicalDocument(
            "DOC1",
            "P-OLD",
            "E1",
            DocumentType.ADMISSION_NOTE,
            null,
            "刘医生",
            AT,
            AT,
            null,
            text,
            new Provenance("EMR", "DOC1", "b1"));
    NoteFact fracture =
        new NoteFact(
            "DOC1:1-7",
            "P-OLD",
            "E1",
            "DOC1",
            1,
            7,
            "disease",
            "右股骨颈骨折",
            "髋部骨折",
            false,
            false,
            false,
            false,
            null,
            AT,
            "tianshu-nlp-lexicon-4",
            null,
            null,
            null,
            Code.of(CodeSystem.ICD10, "S72.0", "股骨颈骨折"),
            CodeMatch.FUZZY,
            0.62);
    PatientRecord prior =
        new PatientRecord(
            patient("P-OLD"),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(doc),
            List.of(fracture));

    NoteFact moved = Reassign.facts(prior, patient("P-NEW")).noteFacts().get(0);

    assertThat(moved.patientId()).isEqualTo("P-NEW");
    assertThat(moved.surface()).isEqualTo("右股骨颈骨折");
    assertThat(moved.code()).isEqualTo(fracture.code());
    assertThat(moved.codeMatch()).isEqualTo(CodeMatch.FUZZY);
    assertThat(moved.codeConfidence()).isEqualTo(0.62);
  }
}
