package io.tianshu.server.vte;

import io.tianshu.cds.vte.ward.VteWard;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.Sex;
import io.tianshu.nlp.NoteStructurer;
import io.tianshu.store.CdrStore;
import io.tianshu.store.CdrWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Puts a patient in hospital "now" into the shared test CDR, because the synthetic hospital may
 * have nobody in hospital at the moment a test runs: a 72-year-old man admitted to orthopaedics
 * about 30 hours ago with a femoral neck fracture, confined to bed, no anticoagulant ordered. So he
 * is at the highest Caprini risk without prophylaxis, and {@link VteWard#process} raises his
 * NO_PROPHYLAXIS alert (and ASSESSMENT_OVERDUE: no documented risk assessment within 24 h).
 *
 * <p>Every id starts with {@value #PREFIX}, so tests that look at the synthetic patients can tell
 * him apart. He is written once per test database; later calls only re-assess him.
 */
public final class CurrentInpatients {

  /** Prefix of every id this helper writes. */
  public static final String PREFIX = "TVTE-";

  public static final String PATIENT_ID = PREFIX + "P0001";
  public static final String ENCOUNTER_ID = PREFIX + "E0001";
  public static final String DOCUMENT_ID = PREFIX + "DOC0001";
  public static final String NAME = "测试静";

  static final String BATCH = "test-vte-current";
  static final String SOURCE = "test";

  /**
   * The admission note. 卧床 (confined to bed) is a note fact the Caprini and Padua bed-rest items
   * read; 否认下肢静脉曲张 is a negated mention that must not count as varicose veins.
   */
  static final String ADMISSION_NOTE =
      """
      入院记录
      姓名：测试静  性别：男  年龄：72岁
      主诉：摔倒致右髋部疼痛、活动受限1天。
      现病史：患者1天前在家中不慎摔倒，右髋部着地，即感右髋部剧烈疼痛，不能站立行走，伤后一直卧床。\
      急诊X线片示右股骨颈骨折，为进一步治疗收入我科。
      既往史：有高血压病史10年，口服氨氯地平控制可。否认糖尿病、冠心病史。否认下肢静脉曲张。\
      否认手术、输血史。否认药物过敏史。
      体格检查：T 36.6℃，P 82次/分，R 18次/分，BP 142/84mmHg。右下肢短缩、外旋畸形，右髋部压痛明显，\
      右下肢纵向叩击痛阳性。双下肢无水肿。
      初步诊断：右股骨颈骨折；高血压病2级。
      """;

  private CurrentInpatients() {}

  /** What {@link #ensure} left in the CDR. */
  public record Inpatient(String patientId, String encounterId, String documentId, String name) {}

  /**
   * Writes the patient unless the store already has him, and (re-)assesses his stay at the server's
   * clock, so his assessments and alerts exist.
   */
  public static Inpatient ensure(CdrStore store, VteWard ward, Clock clock) {
    LocalDateTime now = LocalDateTime.now(clock);
    PatientRecord record =
        store
            .readPatient(PATIENT_ID)
            .orElseGet(
                () -> {
                  PatientRecord built = new NoteStructurer().structure(record(now.minusHours(30)));
                  try (CdrWriter writer = store.writer(BATCH, SOURCE)) {
                    writer.add(built);
                    writer.commit();
                  }
                  return built;
                });
    ward.process(record, now);
    return new Inpatient(PATIENT_ID, ENCOUNTER_ID, DOCUMENT_ID, NAME);
  }

  /** The patient's record, admitted at {@code admitted}, without note facts. */
  static PatientRecord record(LocalDateTime admittedAt) {
    LocalDateTime admitted = admittedAt.truncatedTo(ChronoUnit.MINUTES);
    Patient patient =
        new Patient(
            PATIENT_ID,
            PREFIX + "MRN0001",
            NAME,
            Sex.MALE,
            admitted.toLocalDate().minusYears(72).minusMonths(3),
            null,
            null,
            null,
            List.of(),
            provenance(PATIENT_ID));
    Encounter stay =
        new Encounter(
            ENCOUNTER_ID,
            PATIENT_ID,
            EncounterType.INPATIENT,
            "骨科",
            "骨科一病区",
            admitted,
            null,
            null,
            "测试医生",
            List.of(),
            provenance(ENCOUNTER_ID));
    Diagnosis fracture =
        new Diagnosis(
            PREFIX + "DX0001",
            PATIENT_ID,
            ENCOUNTER_ID,
            DiagnosisKind.ADMISSION,
            true,
            MappedCode.standard(Code.of(CodeSystem.ICD10, "S72.000", "股骨颈骨折")),
            admitted.plusMinutes(10),
            provenance(PREFIX + "DX0001"));
    ClinicalDocument note =
        new ClinicalDocument(
            DOCUMENT_ID,
            PATIENT_ID,
            ENCOUNTER_ID,
            DocumentType.ADMISSION_NOTE,
            "入院记录",
            "测试医生",
            admitted.plusHours(1),
            admitted.plusHours(2),
            admitted.plusHours(3),
            ADMISSION_NOTE,
            provenance(DOCUMENT_ID));
    return new PatientRecord(
        patient,
        List.of(stay),
        List.of(fracture),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(note));
  }

  private static Provenance provenance(String recordId) {
    return new Provenance(SOURCE, recordId, BATCH);
  }
}
