package io.tianshu.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Transfer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticHospitalTest {
  static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
  static final LocalDateTime NOW = AS_OF.atTime(8, 0);
  static List<GeneratedPatient> patients;

  @BeforeAll
  static void generate() {
    patients = new SyntheticHospital(new SynthConfig(2025, 2000, AS_OF)).stream().toList();
  }

  @Test
  void theCodingTablesHoldEveryStandardCodeThePatientsCarry() {
    Set<Code> tables =
        new SyntheticHospital(new SynthConfig(2025, 1, AS_OF))
            .diagnosisAndOperationCodes().stream()
                .map(MappedCode::standard)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
    Set<Code> carried = new HashSet<>();
    for (GeneratedPatient p : patients) {
      p.record().diagnoses().forEach(d -> carried.add(d.code().standard()));
      p.record().operations().forEach(o -> carried.add(o.code().standard()));
    }
    carried.remove(null);

    assertThat(carried).hasSizeGreaterThan(50);
    assertThat(tables).containsAll(carried);
  }

  @Test
  void sameConfigGivesIdenticalPatients() {
    SynthConfig config = new SynthConfig(11, 60, AS_OF);
    List<GeneratedPatient> a = new SyntheticHospital(config).stream().toList();
    List<GeneratedPatient> b = new SyntheticHospital(config).stream().toList();
    assertThat(a).isEqualTo(b);
    assertThat(new SyntheticHospital(new SynthConfig(12, 60, AS_OF)).patient(0))
        .isNotEqualTo(a.get(0));
  }

  @Test
  void patientAloneEqualsStreamElementAndIterator() {
    SyntheticHospital h = new SyntheticHospital(new SynthConfig(5, 40, AS_OF));
    List<GeneratedPatient> streamed = h.stream().toList();
    int i = 0;
    for (GeneratedPatient g : h) {
      assertThat(g).isEqualTo(streamed.get(i));
      assertThat(h.patient(i)).isEqualTo(g);
      i++;
    }
    assertThat(i).isEqualTo(40);
  }

  @Test
  void patientIdsAreZeroPaddedIncreasingAndMrnsDistinct() {
    Set<String> mrns = new HashSet<>();
    for (int i = 0; i < patients.size(); i++) {
      PatientRecord r = patients.get(i).record();
      assertThat(r.patient().id()).isEqualTo("P" + String.format("%07d", i + 1));
      assertThat(r.patient().mrn()).isNotEqualTo(r.patient().id());
      assertThat(mrns.add(r.patient().mrn())).isTrue();
      assertThat(r.patient().phone()).matches("1[3-9]\\d{9}");
      assertThat(r.patient().name()).hasSizeBetween(2, 4);
    }
  }

  @Test
  void idNumbersHaveValidCheckDigitBirthDateAndSex() {
    for (GeneratedPatient g : patients) {
      var p = g.record().patient();
      String id = p.idNumber();
      assertThat(id).matches("\\d{17}[\\dX]");
      assertThat(iso7064Valid(id)).as(id).isTrue();
      assertThat(id.substring(6, 14)).isEqualTo(p.birthDate().toString().replace("-", ""));
      int sexDigit = id.charAt(16) - '0';
      assertThat(sexDigit % 2 == 1).isEqualTo(p.sex() == io.tianshu.core.record.Sex.MALE);
    }
  }

  /**
   * ISO 7064 MOD 11-2 verification, written independently of the generator: sum(a_i * 2^(17-i)) mod
   * 11 == 1.
   */
  static boolean iso7064Valid(String id) {
    int sum = 0;
    for (int i = 0; i < 18; i++) {
      char c = id.charAt(i);
      int value = c == 'X' ? 10 : c - '0';
      sum += value * ((1 << (17 - i)) % 11);
    }
    return sum % 11 == 1;
  }

  @Test
  void isoCheckAcceptsAPublishedExampleAndRejectsATypo() {
    assertThat(iso7064Valid("11010519491231002X")).isTrue();
    assertThat(iso7064Valid("110105194912310021")).isFalse();
  }

  @Test
  void encountersOperationsAndOrdersAreTimeConsistent() {
    for (GeneratedPatient g : patients) {
      PatientRecord r = g.record();
      Map<String, Encounter> byId =
          r.encounters().stream().collect(Collectors.toMap(Encounter::id, e -> e));
      for (Encounter e : r.encounters()) {
        assertThat(e.admittedAt()).isBefore(NOW);
        assertThat(e.admittedAt()).isAfter(AS_OF.minusDays(760).atStartOfDay());
        if (e.type() == EncounterType.INPATIENT) {
          assertThat(e.ward()).isNotBlank();
          if (e.dischargedAt() != null) {
            assertThat(e.dischargedAt()).isAfter(e.admittedAt()).isBeforeOrEqualTo(NOW);
            assertThat(e.disposition()).isNotNull();
          }
        }
        for (Transfer t : e.transfers()) {
          assertThat(t.at()).isAfter(e.admittedAt());
          if (e.dischargedAt() != null) {
            assertThat(t.at()).isBefore(e.dischargedAt());
          }
        }
      }
      for (Operation o : r.operations()) {
        Encounter e = byId.get(o.encounterId());
        assertThat(o.startedAt()).isAfter(e.admittedAt());
        assertThat(o.endedAt()).isAfter(o.startedAt());
        assertThat(o.endedAt()).isBefore(end(e));
      }
      Map<String, MedicationOrder> orders =
          r.orders().stream().collect(Collectors.toMap(MedicationOrder::id, o -> o));
      for (MedicationOrder o : r.orders()) {
        Encounter e = byId.get(o.encounterId());
        assertThat(o.startAt()).isAfterOrEqualTo(e.admittedAt().minusHours(2)).isBefore(end(e));
        if (o.stopAt() != null) {
          assertThat(o.stopAt()).isBeforeOrEqualTo(end(e));
        }
      }
      for (MedicationAdministration a : r.administrations()) {
        MedicationOrder o = orders.get(a.orderId());
        assertThat(o).isNotNull();
        assertThat(a.administeredAt()).isAfterOrEqualTo(o.startAt()).isBeforeOrEqualTo(NOW);
        if (o.stopAt() != null && o.longTerm()) {
          assertThat(a.administeredAt()).isBefore(o.stopAt());
        }
      }
      r.labs().forEach(l -> assertThat(l.collectedAt()).isBefore(end(byId.get(l.encounterId()))));
      r.documents().forEach(d -> assertThat(d.createdAt()).isBeforeOrEqualTo(NOW));
    }
  }

  private static LocalDateTime end(Encounter e) {
    return e.dischargedAt() == null ? NOW : e.dischargedAt();
  }

  @Test
  void documentsAreMostlyWrittenOnTime() {
    Map<DocumentType, Duration> deadline =
        Map.of(
            DocumentType.ADMISSION_NOTE, Duration.ofHours(24),
            DocumentType.FIRST_PROGRESS_NOTE, Duration.ofHours(8),
            DocumentType.OPERATION_NOTE, Duration.ofHours(24),
            DocumentType.DISCHARGE_SUMMARY, Duration.ofHours(24),
            DocumentType.DEATH_RECORD, Duration.ofHours(24));
    Map<DocumentType, int[]> tally = new HashMap<>();
    for (GeneratedPatient g : patients) {
      for (ClinicalDocument d : g.record().documents()) {
        Duration limit = deadline.get(d.type());
        if (limit == null) {
          continue;
        }
        int[] t = tally.computeIfAbsent(d.type(), k -> new int[2]);
        t[0]++;
        if (!d.createdAt().isAfter(d.eventAt().plus(limit))) {
          t[1]++;
        }
      }
    }
    assertThat(tally.keySet()).containsAll(deadline.keySet());
    tally.forEach(
        (type, t) -> assertThat(t[1] / (double) t[0]).as(type.name()).isBetween(0.85, 0.99));
  }

  @Test
  void inpatientStaysHaveTheStandardDocuments() {
    int stays = 0;
    int withAll = 0;
    for (GeneratedPatient g : patients) {
      for (Encounter e : g.record().encounters()) {
        if (e.type() != EncounterType.INPATIENT || e.dischargedAt() == null) {
          continue;
        }
        stays++;
        Set<DocumentType> types =
            g.record().documents().stream()
                .filter(d -> d.encounterId().equals(e.id()))
                .map(ClinicalDocument::type)
                .collect(Collectors.toSet());
        DocumentType closing =
            e.died() ? DocumentType.DEATH_RECORD : DocumentType.DISCHARGE_SUMMARY;
        if (types.containsAll(
            List.of(DocumentType.ADMISSION_NOTE, DocumentType.FIRST_PROGRESS_NOTE, closing))) {
          withAll++;
        }
        long ops =
            g.record().operations().stream()
                .filter(o -> o.encounterId().equals(e.id()) && o.level() >= 2)
                .count();
        if (ops > 0) {
          assertThat(types).contains(DocumentType.OPERATION_NOTE);
        }
        assertThat(
                g.record().diagnoses().stream()
                    .filter(
                        d ->
                            d.encounterId().equals(e.id())
                                && d.kind() == DiagnosisKind.DISCHARGE
                                && d.main())
                    .count())
            .isEqualTo(1);
      }
    }
    assertThat(withAll).isEqualTo(stays);
  }

  @Test
  void departmentMixAndDeathRateArePlausible() {
    Map<String, Long> byDept =
        patients.stream()
            .flatMap(g -> g.record().encounters().stream())
            .collect(Collectors.groupingBy(Encounter::department, Collectors.counting()));
    assertThat(byDept.keySet())
        .contains(
            "骨科", "普外科", "心血管内科", "神经内科", "呼吸内科", "肿瘤科", "产科", "妇科", "重症医学科", "消化内科", "内分泌科", "肾内科",
            "泌尿外科", "神经外科", "胸外科", "急诊科", "儿科", "血液科", "感染科", "老年医学科");
    List<Encounter> stays =
        patients.stream()
            .flatMap(g -> g.record().encounters().stream())
            .filter(e -> e.type() == EncounterType.INPATIENT)
            .toList();
    double deaths = stays.stream().filter(Encounter::died).count() / (double) stays.size();
    assertThat(deaths).isBetween(0.007, 0.03);
    assertThat(stays.stream().filter(Encounter::inHospital).count()).isPositive();
    assertThat(stays.stream().filter(e -> !e.transfers().isEmpty()).count()).isPositive();
  }

  @Test
  void agesAndSexesFollowTheDepartment() {
    for (GeneratedPatient g : patients) {
      var p = g.record().patient();
      for (Encounter e : g.record().encounters()) {
        int age = p.ageOn(e.admittedAt().toLocalDate());
        switch (e.department()) {
          case "儿科" -> assertThat(age).isLessThanOrEqualTo(14);
          case "产科" -> assertThat(p.sex()).isEqualTo(io.tianshu.core.record.Sex.FEMALE);
          case "妇科" -> assertThat(p.sex()).isEqualTo(io.tianshu.core.record.Sex.FEMALE);
          case "老年医学科" -> assertThat(age).isGreaterThanOrEqualTo(62);
          default -> {}
        }
      }
    }
  }

  @Test
  void truthHasNegatedFamilyHistoryAndUncertainFacts() {
    List<TruthFact> all = patients.stream().flatMap(g -> g.truth().stream()).toList();
    assertThat(all).anyMatch(TruthFact::negated);
    assertThat(all).anyMatch(TruthFact::family);
    assertThat(all).anyMatch(TruthFact::uncertain);
    assertThat(all).anyMatch(TruthFact::history);
    assertThat(all).anyMatch(t -> t.concept().equals("vte:bed_rest"));
    assertThat(all.stream().map(TruthFact::type).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "disease", "symptom", "drug", "operation", "lab", "exam", "anatomy", "vital");
  }

  @Test
  void aSmallShareOfLocalDiagnosisCodesIsUnmapped() {
    List<Diagnosis> dx = patients.stream().flatMap(g -> g.record().diagnoses().stream()).toList();
    double unmapped =
        dx.stream().filter(d -> d.code().standard() == null).count() / (double) dx.size();
    assertThat(unmapped).isBetween(0.01, 0.04);
    assertThat(dx).allMatch(d -> d.code().local().system().isLocal());
  }

  @Test
  void vtePatternsIncludeProphylaxisAndGaps() {
    int highRiskSurgical = 0;
    int withProphylaxis = 0;
    for (GeneratedPatient g : patients) {
      for (Map.Entry<String, List<String>> e : g.vteFactors().entrySet()) {
        if (!e.getValue().contains("fracture_lower")
            && !e.getValue().contains("elective_arthroplasty")
            && !e.getValue().contains("malignancy")) {
          continue;
        }
        highRiskSurgical++;
        boolean any =
            g.record().orders().stream()
                .anyMatch(
                    o ->
                        o.encounterId().equals(e.getKey())
                            && (o.item().local().display().contains("肝素")
                                || o.item().local().display().contains("利伐沙班")
                                || o.item().local().display().contains("间歇充气")
                                || o.item().local().display().contains("弹力袜")
                                || o.item().local().display().contains("磺达肝癸钠")
                                || o.item().local().display().contains("足底静脉泵")));
        if (any) {
          withProphylaxis++;
        }
      }
    }
    double share = withProphylaxis / (double) highRiskSurgical;
    assertThat(share).isBetween(0.55, 0.95);
  }

  @Test
  void obesityDiagnosisMatchesBmi() {
    for (GeneratedPatient g : patients) {
      PatientRecord r = g.record();
      boolean obese =
          r.diagnoses().stream().anyMatch(d -> d.code().local().display().equals("肥胖症"));
      var heights =
          r.vitals().stream()
              .filter(v -> v.type() == io.tianshu.core.record.VitalType.HEIGHT)
              .toList();
      var weights =
          r.vitals().stream()
              .filter(v -> v.type() == io.tianshu.core.record.VitalType.WEIGHT)
              .toList();
      if (!obese || heights.isEmpty() || r.patient().ageOn(AS_OF) < 16) {
        continue;
      }
      double h = heights.get(0).value() / 100;
      assertThat(weights.get(0).value() / (h * h)).isGreaterThanOrEqualTo(27.5);
    }
  }
}
