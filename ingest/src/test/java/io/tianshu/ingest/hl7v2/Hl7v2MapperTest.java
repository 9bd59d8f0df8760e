package io.tianshu.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.ingest.Fixtures;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class Hl7v2MapperTest {

  private final Hl7v2Parser parser = new Hl7v2Parser();
  private final Hl7v2Mapper mapper = new Hl7v2Mapper();

  private MappedMessage map(String fixture) {
    return mapper.map(parser.parse(Fixtures.bytes("hl7v2/" + fixture)), "batch-1");
  }

  @Test
  void gb18030AdmissionDecodesChineseNamesAndWards() {
    ParsedMessage parsed = parser.parse(Fixtures.bytes("hl7v2/adt-a01-gb18030.hl7"));
    assertThat(parsed.charset()).isEqualTo(Charset.forName("GB18030"));

    MappedMessage message = mapper.map(parsed, "batch-1");

    assertThat(message.messageType()).isEqualTo("ADT^A01");
    assertThat(message.sourceSystem()).isEqualTo("HIS/市第一人民医院");
    Patient patient = message.patients().get(0);
    assertThat(patient.name()).isEqualTo("张三");
    assertThat(patient.sex()).isEqualTo(Sex.MALE);
    assertThat(patient.birthDate()).isEqualTo(LocalDate.of(1965, 3, 7));
    assertThat(patient.mrn()).isEqualTo("0012345");
    assertThat(patient.id()).isEqualTo("HIS:MR|0012345");
    // Full-width digit １ survives decoding.
    assertThat(patient.address()).contains("王府井大街１号");
    assertThat(patient.identifiers()).hasSize(2);
    Encounter encounter = message.encounters().get(0);
    assertThat(encounter.type()).isEqualTo(EncounterType.INPATIENT);
    assertThat(encounter.ward()).isEqualTo("骨科一病区");
    assertThat(encounter.department()).isEqualTo("骨科");
    assertThat(encounter.attendingDoctor()).isEqualTo("李四");
    assertThat(encounter.admittedAt()).isEqualTo(LocalDateTime.of(2026, 11, 20, 8, 0));
    assertThat(encounter.id()).isEqualTo("visit:HIS/市第一人民医院|V2026112001");
    assertThat(encounter.provenance().sourceRecordId()).isEqualTo("HIS-20261120-0001#4");
    assertThat(encounter.provenance().batchId()).isEqualTo("batch-1");
  }

  @Test
  void transferRecordsTheNewAndPriorWard() {
    MappedMessage message = map("adt-a02-utf8.hl7");

    Transfer transfer = message.transfers().get(0);
    assertThat(transfer.encounterId()).isEqualTo("visit:HIS/市第一人民医院|V2026112001");
    assertThat(transfer.fromWard()).isEqualTo("骨科一病区");
    assertThat(transfer.toWard()).isEqualTo("重症医学科病区");
    assertThat(transfer.toDepartment()).isEqualTo("重症医学科");
    assertThat(transfer.at()).isEqualTo(LocalDateTime.of(2026, 11, 22, 10, 0));
    assertThat(message.encounters().get(0).transfers()).containsExactly(transfer);
  }

  @Test
  void dischargeSetsEndAndDisposition() {
    Encounter encounter = map("adt-a03-utf8.hl7").encounters().get(0);

    assertThat(encounter.dischargedAt()).isEqualTo(LocalDateTime.of(2026, 11, 30, 15, 30));
    assertThat(encounter.disposition()).isEqualTo(DischargeDisposition.HOME);
    assertThat(encounter.inHospital()).isFalse();
  }

  @Test
  void invalidAdmitDateIsNamedWithItsField() {
    assertThatThrownBy(() -> map("adt-a01-invalid-admit-date.hl7"))
        .isInstanceOfSatisfying(
            IngestException.class,
            e -> {
              assertThat(e.ingestErrorCode()).isEqualTo(IngestErrorCode.INVALID_DATE);
              assertThat(e.errorCode().code()).isEqualTo("TS-INGEST-040");
              assertThat(e.getMessage()).isEqualTo("invalid date in PV1-44: '2023-13-40'");
            });
  }

  @Test
  void labResultsKeepLocalCodesValuesRangesAndFlags() {
    MappedMessage message = map("oru-r01-lis-utf8.hl7");

    assertThat(message.labResults()).hasSize(3);
    LabResult platelets = message.labResults().get(0);
    assertThat(platelets.item().local().system()).isEqualTo(CodeSystem.local("LIS"));
    assertThat(platelets.item().local().code()).isEqualTo("PLT");
    assertThat(platelets.item().local().display()).isEqualTo("血小板计数");
    assertThat(platelets.item().standard().system()).isEqualTo(CodeSystem.LOINC);
    assertThat(platelets.item().standard().code()).isEqualTo("777-3");
    assertThat(platelets.numericValue()).isEqualTo(98.0);
    assertThat(platelets.textValue()).isEqualTo("98");
    assertThat(platelets.unit()).isEqualTo("10*9/L");
    assertThat(platelets.referenceLow()).isEqualTo(125.0);
    assertThat(platelets.referenceHigh()).isEqualTo(350.0);
    assertThat(platelets.referenceText()).isEqualTo("125-350");
    assertThat(platelets.flag()).isEqualTo(AbnormalFlag.LOW);
    assertThat(platelets.panel()).isEqualTo("血常规");
    assertThat(platelets.specimen()).isEqualTo("静脉血");
    assertThat(platelets.collectedAt()).isEqualTo(LocalDateTime.of(2026, 11, 21, 7, 5));
    assertThat(platelets.reportedAt()).isEqualTo(LocalDateTime.of(2026, 11, 21, 9, 0));
    assertThat(platelets.encounterId()).isEqualTo("visit:LIS/市第一人民医院|V2026112001");
    assertThat(platelets.provenance().sourceRecordId()).isEqualTo("LIS-20261121-0003#5");

    LabResult leukocytes = message.labResults().get(1);
    assertThat(leukocytes.item().standard()).isNull();
    assertThat(leukocytes.flag()).isEqualTo(AbnormalFlag.HIGH);

    LabResult glucose = message.labResults().get(2);
    assertThat(glucose.item().local().system()).isEqualTo(CodeSystem.LOINC);
    assertThat(glucose.item().standard().code()).isEqualTo("2345-7");
    assertThat(glucose.numericValue()).isNull();
    assertThat(glucose.textValue()).isEqualTo("阴性");
    // The lab's PID carries name and birth date, so the patient is mapped as well.
    assertThat(message.patients()).extracting(Patient::name).containsExactly("张三");
  }

  @Test
  void unsupportedTypeIsNamed() {
    MshHeader header = new MshHeader("HIS", "H1", "VXU", "V04", "1", "2.4", "");
    assertThatThrownBy(() -> Hl7v2Mapper.checkHeader(header))
        .hasMessage("message type VXU^V04 is not supported");
  }
}
