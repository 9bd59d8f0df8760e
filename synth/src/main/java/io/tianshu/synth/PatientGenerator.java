package io.tianshu.synth;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DischargeDisposition;
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
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates one patient: demographics, a history, encounters with their structured data, and
 * (through {@link NoteWriter}) the documents and ground truth. Stateless between patients: every
 * call builds its own {@link PatientBuild} from its own random stream.
 */
final class PatientGenerator {
  private static final String[] RELATIONS = {"父亲", "母亲", "母亲", "父亲", "哥哥", "姐姐", "弟弟", "妹妹"};
  private static final String[] YOUNG_RELATIONS = {"父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母"};
  private static final String[] PHONE_SECOND = {"3", "3", "3", "5", "5", "8", "8", "7", "9"};

  private final Vocabulary v;
  private final Staff staff;
  private final SynthConfig config;
  private final LocalDateTime now;
  private final LocalDateTime windowStart;
  private final String batch;
  private final NoteWriter notes;

  PatientGenerator(Vocabulary v, Staff staff, SynthConfig config) {
    this.v = v;
    this.staff = staff;
    this.config = config;
    this.now = config.asOf().atTime(8, 0);
    this.windowStart = config.asOf().minusDays(730).atStartOfDay();
    this.batch = "synth-" + config.seed() + "-" + config.asOf();
    this.notes = new NoteWriter(v, staff);
  }

  LocalDateTime now() {
    return now;
  }

  GeneratedPatient generate(int index) {
    Dice d = new Dice(config.seed(), index);
    PatientBuild b = new PatientBuild(index, batch, now, d);
    Vocabulary.Department dept = v.departmentMix.pick(d.r);
    Vocabulary.Disease main = dept.cases().pick(d.r);
    Person p = person(d, dept, main);
    b.person = p;
    b.patient = patientRecord(b, p, index);
    plan(b, dept, main);
    for (Stay s : b.stays) {
      if (s.inpatient()) {
        inpatient(b, s);
      } else {
        outpatient(b, s);
      }
      notes.write(b, s);
    }
    PatientRecord record =
        new PatientRecord(
            b.patient,
            b.encounters,
            b.diagnoses,
            b.operations,
            b.orders,
            b.administrations,
            b.labs,
            b.vitals,
            b.exams,
            b.documents);
    return new GeneratedPatient(record, b.truth, b.vteFactors);
  }

  // ---------------------------------------------------------------- person

  private Person person(Dice d, Vocabulary.Department dept, Vocabulary.Disease main) {
    Person p = new Person();
    boolean female = main.sex() == 'F' || (main.sex() != 'M' && d.chance(dept.femaleShare()));
    p.sex = female ? Sex.FEMALE : Sex.MALE;
    int lo = Math.max(dept.ageMin(), main.ageMin());
    int hi = Math.min(dept.ageMax(), main.ageMax());
    if (lo > hi) {
      lo = main.ageMin();
      hi = main.ageMax();
    }
    double tri = (d.r.nextDouble() + d.r.nextDouble()) / 2;
    p.age = lo + (int) ((hi - lo + 1) * tri);
    p.age = Math.min(p.age, hi);
    // Age is the age on the last day of the window; the visit is within two years of it.
    p.birthDate = config.asOf().minusYears(p.age).minusDays(d.between(1, 364));
    p.name = Names.person(v, d.r, female);
    p.region = v.regions.pick(d.r);
    p.address = address(d, p.region);
    comorbidities(d, p, main);
    // Young patients' relatives with chronic disease are parents and grandparents, not siblings.
    String[] relations = p.age < 30 ? YOUNG_RELATIONS : RELATIONS;
    if (d.chance(0.33)) {
      p.relatives.add(new Person.Relative(d.pick(relations), v.familyHistory.pick(d.r)));
      if (d.chance(0.2)) {
        Vocabulary.Disease second = v.familyHistory.pick(d.r);
        if (second != p.relatives.get(0).disease()) {
          p.relatives.add(new Person.Relative(d.pick(relations), second));
        }
      }
    }
    if (p.age >= 16) {
      p.smoker = d.chance(female ? 0.03 : 0.42);
      p.smokingYears = Math.max(1, Math.min(p.age - 15, d.between(3, 40)));
      p.cigarettesPerDay = 5 * d.between(1, 8);
      p.drinker = d.chance(female ? 0.04 : 0.28);
      p.married = dept.code().equals("OBST") || (p.age >= 24 && d.chance(0.92));
      if (p.married) {
        int kids = p.age < 28 ? d.between(0, 1) : d.between(1, p.age > 60 ? 3 : 2);
        for (int i = 0; i < kids; i++) {
          if (d.chance(0.5)) {
            p.sons++;
          } else {
            p.daughters++;
          }
        }
      }
      if (d.chance(0.17)) {
        p.pastSurgery = pastSurgery(d, p);
      }
    }
    p.penicillinAllergy = d.chance(0.06);
    if (female && p.age >= 12) {
      p.menarche = d.between(12, 16);
      p.periodDays = d.between(3, 7);
      p.cycleDays = d.between(26, 32);
      p.menopauseAge =
          p.age >= 55 || (p.age >= 46 && d.chance(0.5)) ? d.between(45, Math.min(55, p.age)) : 0;
      boolean pregnant = dept.code().equals("OBST");
      p.oralContraceptive = !pregnant && p.age >= 18 && p.age <= 45 && d.chance(0.05);
      p.hormoneReplacement = p.menopauseAge > 0 && p.age <= 62 && d.chance(0.04);
    }
    body(d, p, main.has("obesity"));
    return p;
  }

  private void comorbidities(Dice d, Person p, Vocabulary.Disease main) {
    if (p.age < 18) {
      return;
    }
    String mainCategory = category(main.icd10());
    for (Vocabulary.Comorbidity c : v.comorbidities) {
      if (c.sex() == 'M' && p.female() || c.sex() == 'F' && !p.female()) {
        continue;
      }
      String code = c.disease().icd10();
      if (category(code).equals(mainCategory)
          || (mainCategory.startsWith("E1") && code.startsWith("E1"))
          || (main.icd10().startsWith("O") && !code.equals("E66.9") && !code.equals("I83.9"))) {
        continue;
      }
      if (d.chance(c.probability(p.age))) {
        p.comorbidities.add(c.disease());
        p.comorbidityYears.add(d.between(1, Math.max(1, Math.min(25, p.age - c.minAge() + 1))));
      }
      if (p.comorbidities.size() >= 4) {
        return;
      }
    }
  }

  private static String category(String icd10) {
    return icd10.length() >= 3 ? icd10.substring(0, 3) : icd10;
  }

  private Person.PastSurgery pastSurgery(Dice d, Person p) {
    int years = d.between(2, Math.max(3, Math.min(30, p.age - 15)));
    int choice = d.between(0, 3);
    if (choice == 0 && p.female() && p.age >= 25) {
      return new Person.PastSurgery("剖宫产术", "74.1", "妊娠", "O82.0", years);
    }
    if (choice == 1) {
      return new Person.PastSurgery("胆囊切除术", "51.23", "胆囊结石", "K80.2", years);
    }
    if (choice == 2 && !p.female()) {
      return new Person.PastSurgery("腹股沟疝修补术", "53.05", "腹股沟疝", "K40.9", years);
    }
    return new Person.PastSurgery("阑尾切除术", "47.09", "急性阑尾炎", "K35.8", years);
  }

  private void body(Dice d, Person p, boolean obeseMain) {
    boolean obese = p.has("E66.9") || obeseMain;
    if (p.age < 2) {
      p.heightCm = 50 + p.age * 25 + d.uniform(0, 10);
      p.bmi = d.uniform(14, 18);
    } else if (p.age < 16) {
      p.heightCm = 76 + p.age * 6.2 + d.normal(0, 4);
      p.bmi = d.uniform(14.5, 20) + (obese ? 5 : 0);
    } else {
      double base = p.female() ? 158 : 170;
      p.heightCm = base + d.normal(0, 5) - (p.age > 70 ? 3 : 0);
      p.bmi = obese ? d.uniform(28.2, 36) : Math.min(27.9, Math.max(17.0, d.normal(23.2, 2.4)));
    }
    p.heightCm = Math.round(p.heightCm);
  }

  private String address(Dice d, Vocabulary.Region region) {
    StringBuilder sb = new StringBuilder(40);
    sb.append(region.province());
    if (!region.city().equals("市辖区")) {
      sb.append(region.city());
    }
    sb.append(region.district()).append(d.pick(v.streets)).append(d.between(1, 999)).append('号');
    sb.append(d.pick(v.estates))
        .append(d.between(1, 30))
        .append("幢")
        .append(d.between(1, 4))
        .append("单元");
    sb.append(d.between(1, 28)).append(Fmt.pad(d.between(1, 4), 2)).append('室');
    return sb.toString();
  }

  private Patient patientRecord(PatientBuild b, Person p, int index) {
    String mrn = Fmt.pad((index * 7919L + 3_000_017L) % 100_000_000L, 8);
    String idNumber = idNumber(b.dice, p);
    String phone =
        "1"
            + b.dice.pick(PHONE_SECOND)
            + b.dice.between(0, 9)
            + Fmt.pad(b.dice.r.nextInt(100_000_000), 8);
    List<PatientIdentifier> ids =
        List.of(
            new PatientIdentifier("HIS-MRN", mrn),
            new PatientIdentifier("LIS-PID", "L" + Fmt.pad(index * 31L + 100_003L, 9)));
    return new Patient(
        b.patientId,
        mrn,
        p.name,
        p.sex,
        p.birthDate,
        idNumber,
        phone,
        p.address,
        ids,
        b.prov(b.patientId));
  }

  /**
   * GB 11643-1999: area(6) + birth date(8) + sequence(3, odd for men) + ISO 7064 MOD 11-2 check.
   */
  static String idNumber(Dice d, Person p) {
    StringBuilder sb = new StringBuilder(18);
    sb.append(p.region.code());
    LocalDate bd = p.birthDate;
    sb.append(bd.getYear())
        .append(Fmt.pad(bd.getMonthValue(), 2))
        .append(Fmt.pad(bd.getDayOfMonth(), 2));
    int seq = d.between(0, 498) * 2 + (p.sex == Sex.MALE ? 1 : 0);
    sb.append(Fmt.pad(seq, 3));
    sb.append(IdNumbers.checkDigit(sb));
    return sb.toString();
  }

  // ---------------------------------------------------------------- planning

  private void plan(PatientBuild b, Vocabulary.Department dept, Vocabulary.Disease main) {
    Dice d = b.dice;
    boolean ed = dept.code().equals("ED");
    boolean admitted = dept.code().equals("ICU") || d.chance(dept.inpatientShare());
    if (!admitted) {
      int visits = 1 + (d.chance(0.45) ? 1 : 0) + (d.chance(0.2) ? 1 : 0);
      LocalDateTime t = randomTime(d, windowStart, now.minusDays(1));
      if (!ed) {
        t = clinicTime(d, t);
      }
      for (int i = 0; i < visits && t.isBefore(now.minusHours(2)); i++) {
        b.stays.add(
            visit(
                b, ed ? EncounterType.EMERGENCY : EncounterType.OUTPATIENT, dept, main, t, i > 0));
        t = clinicTime(d, t.plusDays(d.between(7, 45)));
      }
      return;
    }
    int count = 1;
    if (dept.code().equals("ONCO") || dept.code().equals("HEM")) {
      count = d.between(1, 4);
    } else if (d.chance(0.06)) {
      count = 2;
    }
    LocalDateTime admit;
    // A uniform admission date alone leaves ~1% of stays open on asOf; a few more are admitted
    // recently.
    if (d.chance(0.015)) {
      admit = now.minusMinutes(d.between(120, dept.losMax() * 24 * 60));
    } else {
      admit = randomTime(d, windowStart.plusDays(15), now.minusDays(1));
    }
    boolean acute = main.onset() == 'A' || main.onset() == 'T' || dept.code().equals("ICU") || ed;
    if (!acute || main.onset() == 'P') {
      admit = admit.withHour(d.between(8, 16)).withMinute(d.between(0, 59));
    }
    if (admit.isAfter(now.minusHours(2))) {
      admit = admit.minusDays(1);
    }
    LocalDateTime before = admit.minusHours(d.between(1, 5));
    if (acute && main.onset() != 'P' && d.chance(0.7)) {
      b.stays.add(
          visit(b, EncounterType.EMERGENCY, v.departmentByCode.get("ED"), main, before, false));
    } else if (!acute && d.chance(0.85)) {
      LocalDateTime visitAt = clinicTime(d, admit.minusDays(d.between(1, 21)));
      if (visitAt.isAfter(windowStart)) {
        b.stays.add(visit(b, EncounterType.OUTPATIENT, dept, main, visitAt, false));
      }
    }
    for (int i = 0; i < count && admit.isBefore(now.minusHours(1)); i++) {
      Stay s = stay(b, dept, main, admit, i > 0);
      b.stays.add(s);
      if (s.died || s.discharge == null) {
        return;
      }
      admit = clinicTime(d, s.discharge.plusDays(d.between(16, 30)));
    }
    Stay last = b.stays.isEmpty() ? null : b.stays.get(b.stays.size() - 1);
    if (last != null && d.chance(0.4)) {
      LocalDateTime follow = clinicTime(d, last.end.plusDays(d.between(7, 30)));
      if (follow.isBefore(now.minusHours(2))) {
        b.stays.add(visit(b, EncounterType.OUTPATIENT, dept, main, follow, true));
      }
    }
  }

  private LocalDateTime randomTime(Dice d, LocalDateTime from, LocalDateTime to) {
    long minutes = Math.max(1, Duration.between(from, to).toMinutes());
    return from.plusMinutes((long) (d.r.nextDouble() * minutes));
  }

  private LocalDateTime clinicTime(Dice d, LocalDateTime day) {
    return day.toLocalDate().atTime(d.between(8, 16), d.between(0, 59));
  }

  private Stay visit(
      PatientBuild b,
      EncounterType type,
      Vocabulary.Department dept,
      Vocabulary.Disease main,
      LocalDateTime at,
      boolean followUp) {
    Stay s = new Stay();
    s.id = b.nextEncounterId();
    s.type = type;
    s.dept = dept;
    s.doctor = b.dice.pick(staff.doctors(dept.code()));
    s.admit = at;
    s.end = at.plusMinutes(b.dice.between(10, 40));
    s.main = main;
    s.ageAtAdmit = Period.between(b.person.birthDate, at.toLocalDate()).getYears();
    s.side = b.dice.chance(0.5) ? '左' : '右';
    s.mainUncertain = !followUp && b.dice.chance(0.25);
    for (Vocabulary.Disease c : b.person.comorbidities) {
      if (s.secondary.size() < 2 && b.dice.chance(0.5)) {
        s.secondary.add(c);
      }
    }
    presentation(b.dice, s, followUp);
    return s;
  }

  private Stay stay(
      PatientBuild b,
      Vocabulary.Department dept,
      Vocabulary.Disease main,
      LocalDateTime admit,
      boolean cycle) {
    Dice d = b.dice;
    Stay s = new Stay();
    s.id = b.nextEncounterId();
    s.type = EncounterType.INPATIENT;
    s.dept = dept;
    s.ward = ward(d, dept, main);
    s.doctor = d.pick(staff.doctors(dept.code()).subList(1, 6));
    s.admit = admit;
    s.main = main;
    s.ageAtAdmit = Period.between(b.person.birthDate, admit.toLocalDate()).getYears();
    s.side = d.chance(0.5) ? '左' : '右';
    s.emergency = main.onset() == 'A' || main.onset() == 'T';
    s.mainUncertain = d.chance(0.12);
    s.secondary.addAll(b.person.comorbidities);
    presentation(d, s, cycle);
    gestation(d, s);
    double u = d.r.nextDouble();
    int los = dept.losMin() + (int) Math.round((dept.losMax() - dept.losMin()) * u * u);
    if (cycle) {
      los = Math.min(los, d.between(3, 6));
    }
    los += main.severity() >= 2 ? d.between(0, 4) : 0;
    LocalDateTime discharge =
        admit.toLocalDate().plusDays(Math.max(1, los)).atTime(d.between(9, 16), d.between(0, 59));
    if (!cycle && !main.ops().isEmpty() && d.chance(main.opShare())) {
      discharge = operation(b, s, discharge);
    }
    if ((dept.code().equals("ICU") || main.severity() >= 3)
        && s.procedure == null
        && d.chance(0.7)) {
      s.procedure = v.operation("38.93");
      s.procedureAt = admit.plusMinutes(d.between(30, 300));
    }
    int losHours = (int) Duration.between(admit, discharge).toHours();
    icu(d, s, losHours);
    double death = new double[] {0.0003, 0.002, 0.025, 0.12}[main.severity()];
    death *= s.ageAtAdmit >= 80 ? 2.0 : s.ageAtAdmit >= 65 ? 1.3 : 1.0;
    death += s.icuIn != null ? 0.04 : 0;
    if (dept.code().equals("ONCO") || dept.code().equals("HEM")) {
      death += 0.008;
    }
    if (main.onset() == 'P') {
      // Maternal deaths are rare (order of 1 in 10,000 deliveries in China).
      death *= 0.004;
    }
    if (d.chance(death)) {
      s.died = true;
      discharge = admit.plusHours((long) (losHours * d.uniform(0.35, 1.0)) + 2);
      if (s.opEnd != null && discharge.isBefore(s.opEnd.plusHours(6))) {
        discharge = s.opEnd.plusHours(d.between(6, 72));
      }
      if (s.icuOut != null && s.icuOut.isAfter(discharge)) {
        s.icuOut = null;
      }
      if (s.icuIn != null && s.icuIn.isAfter(discharge)) {
        s.icuIn = null;
        s.icuOut = null;
      }
      if (s.icuIn == null && !dept.code().equals("ICU") && d.chance(0.5)) {
        s.icuIn = discharge.minusHours(d.between(8, 48));
        if (!s.icuIn.isAfter(admit.plusHours(2))
            || (s.opEnd != null && s.icuIn.isBefore(s.opEnd))) {
          s.icuIn = null;
        }
      }
    }
    if (s.icuOut != null && !s.icuOut.isBefore(discharge.minusHours(12))) {
      s.icuOut = null;
    }
    if (discharge.isAfter(now)) {
      s.discharge = null;
      s.died = false;
      s.end = now;
    } else {
      s.discharge = discharge;
      s.end = discharge;
    }
    clipToEnd(s);
    return s;
  }

  private void clipToEnd(Stay s) {
    if (s.icuIn != null && !s.icuIn.isBefore(s.end)) {
      s.icuIn = null;
      s.icuOut = null;
    }
    if (s.icuOut != null && !s.icuOut.isBefore(s.end)) {
      s.icuOut = null;
    }
    if (s.opStart != null && !s.opEnd.isBefore(s.end)) {
      s.op = null;
      s.opStart = null;
      s.opEnd = null;
    }
    if (s.procedureAt != null && !s.procedureAt.isBefore(s.end)) {
      s.procedure = null;
      s.procedureAt = null;
    }
  }

  private String ward(Dice d, Vocabulary.Department dept, Vocabulary.Disease main) {
    List<String> wards = dept.wards();
    String code = main.icd10();
    return switch (dept.code()) {
      case "GS" ->
          code.startsWith("C73")
                  || code.startsWith("E04")
                  || code.startsWith("C50")
                  || code.equals("D24")
              ? wards.get(2)
              : wards.get(d.between(0, 1));
      case "ORTH" ->
          code.startsWith("M51")
                  || code.startsWith("M48")
                  || code.startsWith("S32.0")
                  || code.startsWith("S14")
              ? wards.get(2)
              : wards.get(d.between(0, 1));
      case "CARD" -> code.startsWith("I21") ? wards.get(2) : wards.get(d.between(0, 1));
      default -> d.pick(wards);
    };
  }

  private void presentation(Dice d, Stay s, boolean followUp) {
    List<Vocabulary.Symptom> syms = s.main.symptoms();
    int n = syms.isEmpty() ? 0 : Math.min(syms.size(), d.between(1, Math.min(3, syms.size())));
    for (int i = 0; i < n; i++) {
      Vocabulary.Symptom sym = syms.get(i);
      s.complaintSymptoms.add(sym);
      s.complaintSurfaces.add(sided(d.pick(sym.names()), s.side));
    }
    switch (s.main.onset()) {
      case 'T' -> {
        boolean hours = d.chance(0.5);
        s.durationValue = hours ? d.between(1, 20) : d.between(1, 5);
        s.durationUnit = hours ? "小时" : "天";
      }
      case 'A', 'P' -> {
        boolean hours = d.chance(0.35);
        s.durationValue = hours ? d.between(2, 23) : d.between(1, 14);
        s.durationUnit = hours ? "小时" : "天";
      }
      case 'S' -> {
        boolean weeks = d.chance(0.4);
        s.durationValue = weeks ? d.between(1, 3) : d.between(1, 11);
        s.durationUnit = weeks ? "周" : "月";
      }
      default -> {
        int pick = d.between(0, 2);
        s.durationValue = pick == 0 ? d.between(1, 11) : d.between(1, 15);
        s.durationUnit = pick == 0 ? "月" : pick == 1 ? "年" : "余年";
      }
    }
    if (followUp && s.durationUnit.equals("小时")) {
      s.durationUnit = "天";
    }
  }

  private static void gestation(Dice d, Stay s) {
    String c = s.main.icd10();
    if (!c.startsWith("O") || c.startsWith("O00")) {
      return;
    }
    if (c.startsWith("O21")) {
      s.gestWeeks = d.between(7, 12);
    } else if (c.startsWith("O60")) {
      s.gestWeeks = d.between(28, 35);
    } else if (c.startsWith("O14")) {
      s.gestWeeks = d.between(32, 38);
    } else if (c.startsWith("O42")) {
      s.gestWeeks = d.between(34, 40);
    } else {
      s.gestWeeks = d.between(37, 40);
    }
    s.gestDays = d.between(0, 6);
  }

  static String sided(String name, char side) {
    if (name.indexOf('*') < 0) {
      return name;
    }
    return name.replace('*', side);
  }

  private LocalDateTime operation(PatientBuild b, Stay s, LocalDateTime plannedDischarge) {
    Dice d = b.dice;
    Vocabulary.Operation op = d.pick(s.main.ops());
    s.op = op;
    s.opId = b.nextId("OP");
    LocalDateTime start;
    char onset = s.main.onset();
    if (onset == 'A' && (s.main.icd10().startsWith("K35") || op.approach().equals("perc"))) {
      start = s.admit.plusMinutes(d.between(90, 600));
    } else if (onset == 'P') {
      start = s.admit.plusMinutes(d.between(120, 1800));
    } else if (op.level() <= 1 && !op.approach().equals("vaginal")) {
      start = s.admit.plusMinutes(d.between(60, 2880));
    } else {
      int day = onset == 'T' ? d.between(1, 4) : d.between(1, 3);
      start = s.admit.toLocalDate().plusDays(day).atTime(d.between(8, 17), d.between(0, 59));
    }
    int minutes = (int) Math.max(10, op.minutes() * d.uniform(0.7, 1.4));
    s.opStart = start;
    s.opEnd = start.plusMinutes(minutes);
    List<Staff.Doctor> docs = staff.doctors(s.dept.code());
    s.surgeon = op.level() >= 3 ? docs.get(d.between(0, 2)) : docs.get(d.between(1, 4));
    s.assistant = docs.get(d.between(4, 7));
    s.anaesthetist = op.anaesthesia() == null ? null : d.pick(staff.anaesthetists());
    s.bloodLossMl =
        op.level() >= 4
            ? 10 * d.between(10, 60)
            : op.level() == 3 ? 10 * d.between(3, 30) : d.between(1, 10) * 5;
    int recoveryDays =
        op.level() >= 4 ? d.between(4, 9) : op.level() == 3 ? d.between(2, 6) : d.between(1, 3);
    LocalDateTime earliest =
        s.opEnd.toLocalDate().plusDays(recoveryDays).atTime(d.between(9, 15), d.between(0, 59));
    return earliest.isAfter(plannedDischarge) ? earliest : plannedDischarge;
  }

  private void icu(Dice d, Stay s, int losHours) {
    if (s.dept.code().equals("ICU")) {
      if (d.chance(0.55) && losHours > 72) {
        s.otherDeptCode = stepDown(s.main);
        s.icuOut = s.admit.plusHours(d.between(48, Math.max(49, losHours - 24)));
      }
      return;
    }
    double p = 0;
    if (s.op != null) {
      p = s.op.level() >= 4 ? 0.25 + (s.ageAtAdmit >= 75 ? 0.15 : 0) : s.op.level() == 3 ? 0.04 : 0;
    }
    p += s.main.severity() >= 3 ? 0.45 : s.main.severity() == 2 ? 0.06 : 0;
    if (!d.chance(p)) {
      return;
    }
    LocalDateTime in =
        s.opEnd != null
            ? s.opEnd.plusMinutes(d.between(10, 40))
            : s.admit.plusHours(d.between(2, 48));
    s.icuIn = in;
    s.icuOut = in.plusHours(d.between(20, 96));
  }

  private static String stepDown(Vocabulary.Disease main) {
    String c = main.icd10();
    if (c.startsWith("J")) {
      return "RESP";
    }
    if (c.startsWith("K")) {
      return "GI";
    }
    if (c.startsWith("T07")) {
      return "ORTH";
    }
    return "GER";
  }

  // ---------------------------------------------------------------- inpatient data

  /** A ward move within stay {@code s}; the provenance id is the stay id plus {@code suffix}. */
  private static Transfer transfer(
      PatientBuild b,
      Stay s,
      String fromDepartment,
      String fromWard,
      String toDepartment,
      String toWard,
      LocalDateTime at,
      String suffix) {
    return new Transfer(
        b.nextId("T"),
        s.id,
        fromDepartment,
        fromWard,
        toDepartment,
        toWard,
        at,
        b.prov(s.id + suffix));
  }

  private void inpatient(PatientBuild b, Stay s) {
    Dice d = b.dice;
    List<Transfer> transfers = new ArrayList<>();
    if (s.icuIn != null) {
      Vocabulary.Department icu = v.departmentByCode.get("ICU");
      String icuWard = icu.wards().get(0);
      transfers.add(transfer(b, s, s.dept.name(), s.ward, icu.name(), icuWard, s.icuIn, "-icu-in"));
      if (s.icuOut != null) {
        transfers.add(
            transfer(b, s, icu.name(), icuWard, s.dept.name(), s.ward, s.icuOut, "-icu-out"));
      }
    } else if (s.icuOut != null && s.otherDeptCode != null) {
      Vocabulary.Department to = v.departmentByCode.get(s.otherDeptCode);
      transfers.add(
          transfer(b, s, s.dept.name(), s.ward, to.name(), to.wards().get(0), s.icuOut, "-out"));
    }
    b.encounters.add(
        new Encounter(
            s.id,
            b.patientId,
            EncounterType.INPATIENT,
            s.dept.name(),
            s.ward,
            s.admit,
            s.discharge,
            s.discharge == null ? null : s.died ? DischargeDisposition.DEATH : disposition(d),
            s.doctor.name(),
            transfers,
            b.prov(s.id)));
    vitalsAndBody(b, s);
    vteFactors(b, s);
    diagnoses(b, s);
    operations(b, s);
    labs(b, s);
    orders(b, s);
    exams(b, s);
    b.vteFactors.put(s.id, List.copyOf(s.vte));
  }

  private DischargeDisposition disposition(Dice d) {
    double u = d.r.nextDouble();
    if (u < 0.93) {
      return DischargeDisposition.HOME;
    }
    if (u < 0.96) {
      return DischargeDisposition.AGAINST_ADVICE;
    }
    if (u < 0.98) {
      return DischargeDisposition.TRANSFER_HOSPITAL;
    }
    return DischargeDisposition.TRANSFER_COMMUNITY;
  }

  private void outpatient(PatientBuild b, Stay s) {
    b.encounters.add(
        new Encounter(
            s.id,
            b.patientId,
            s.type,
            s.dept.name(),
            null,
            s.admit,
            s.end,
            null,
            s.doctor.name(),
            List.of(),
            b.prov(s.id)));
    Vocabulary.Disease dx = s.main;
    MappedCode code = b.dice.chance(0.02) ? dx.legacyCode() : dx.code();
    b.diagnoses.add(
        new Diagnosis(
            b.nextId("DX"),
            b.patientId,
            s.id,
            DiagnosisKind.OUTPATIENT,
            true,
            code,
            s.admit.plusMinutes(8),
            b.prov(s.id + "-dx")));
    for (Vocabulary.Disease c : s.secondary) {
      b.diagnoses.add(
          new Diagnosis(
              b.nextId("DX"),
              b.patientId,
              s.id,
              DiagnosisKind.OUTPATIENT,
              false,
              b.dice.chance(0.02) ? c.legacyCode() : c.code(),
              s.admit.plusMinutes(8),
              b.prov(s.id + "-dx")));
    }
    Person p = b.person;
    s.heightCm = p.heightCm;
    s.weightKg = Fmt.round(p.bmi * p.heightCm * p.heightCm / 10000.0, 1);
    baseVitals(b.dice, b.person, s);
    LocalDateTime at = s.admit.plusMinutes(2);
    vital(b, s, VitalType.SYSTOLIC_BP, s.sbp, at);
    vital(b, s, VitalType.DIASTOLIC_BP, s.dbp, at);
    vital(b, s, VitalType.PULSE, s.pulse, at);
    if (hasFever(s)) {
      vital(b, s, VitalType.TEMPERATURE, s.temp, at);
    }
    if (b.dice.chance(0.45)) {
      LocalDateTime collected = s.admit.plusMinutes(b.dice.between(2, 9));
      labPanel(b, s, "血常规", collected, 0);
      if (hasEffect(s, "GLU") || hasEffect(s, "HBA1C")) {
        labPanel(b, s, "血糖", collected, 0);
        labPanel(b, s, "糖化血红蛋白", collected, 0);
      }
      if (hasEffect(s, "CRP")) {
        labPanel(b, s, "炎症指标", collected, 0);
      }
    }
  }

  private void vitalsAndBody(PatientBuild b, Stay s) {
    Person p = b.person;
    s.heightCm = p.heightCm;
    s.weightKg = Fmt.round(p.bmi * p.heightCm * p.heightCm / 10000.0, 1);
    baseVitals(b.dice, p, s);
    LocalDateTime at = s.admit.plusMinutes(b.dice.between(10, 50));
    vital(b, s, VitalType.TEMPERATURE, s.temp, at);
    vital(b, s, VitalType.PULSE, s.pulse, at);
    vital(b, s, VitalType.RESPIRATORY_RATE, s.resp, at);
    vital(b, s, VitalType.SYSTOLIC_BP, s.sbp, at);
    vital(b, s, VitalType.DIASTOLIC_BP, s.dbp, at);
    vital(b, s, VitalType.SPO2, s.spo2, at);
    vital(b, s, VitalType.HEIGHT, s.heightCm, at);
    vital(b, s, VitalType.WEIGHT, s.weightKg, at);
    boolean critical = s.main.severity() >= 3 || s.icuIn != null || s.dept.code().equals("ICU");
    Dice d = b.dice;
    for (LocalDateTime day = s.admit.toLocalDate().plusDays(1).atTime(8, 0);
        day.isBefore(s.end);
        day = day.plusDays(1)) {
      double progress =
          Math.min(1, Duration.between(s.admit, day).toHours() / (24.0 * s.losDays()));
      double t =
          s.temp > 37.3
              ? 36.6 + (s.temp - 36.6) * Math.max(0, 1 - progress * 2.5) + d.normal(0, 0.15)
              : 36.5 + d.normal(0, 0.2);
      boolean postOp =
          s.opEnd != null && !day.isBefore(s.opEnd) && day.isBefore(s.opEnd.plusDays(3));
      if (postOp && d.chance(0.3)) {
        t += 0.6;
      }
      int times = critical || postOp ? 2 : 1;
      for (int k = 0; k < times; k++) {
        LocalDateTime at2 = day.plusHours(8L * k).plusMinutes(d.between(0, 30));
        if (!at2.isBefore(s.end)) {
          break;
        }
        double[] round = {
          Fmt.round(t + (k == 1 ? 0.2 : 0), 1),
          s.pulse + d.between(-6, 6),
          Math.max(12, s.resp + d.between(-2, 2)),
          s.sbp + d.between(-12, 8),
          s.dbp + d.between(-8, 6)
        };
        if (k == 0) {
          s.dailyVitals.put(day.toLocalDate(), round);
        }
        vital(b, s, VitalType.TEMPERATURE, round[0], at2);
        vital(b, s, VitalType.PULSE, round[1], at2);
        vital(b, s, VitalType.RESPIRATORY_RATE, round[2], at2);
        vital(b, s, VitalType.SYSTOLIC_BP, round[3], at2);
        vital(b, s, VitalType.DIASTOLIC_BP, round[4], at2);
        if (critical || s.dept.code().equals("RESP")) {
          vital(b, s, VitalType.SPO2, Math.min(100, s.spo2 + d.between(-1, 3)), at2);
        }
      }
    }
  }

  private void baseVitals(Dice d, Person p, Stay s) {
    boolean child = s.ageAtAdmit < 14;
    s.temp = Fmt.round(hasFever(s) ? d.uniform(38.0, 39.6) : 36.3 + d.uniform(0, 0.8), 1);
    s.pulse = child ? d.between(85, 130) : d.between(64, 92);
    if (s.temp > 38) {
      s.pulse += 12;
    }
    if (s.main.icd10().startsWith("I48")) {
      s.pulse = d.between(88, 130);
    }
    if (s.main.icd10().startsWith("I44") || s.main.icd10().startsWith("I49")) {
      s.pulse = d.between(38, 52);
    }
    s.resp = child ? d.between(20, 30) : d.between(16, 20);
    if (has(s, "dyspnea") || has(s, "wheezing")) {
      s.resp += d.between(3, 8);
    }
    boolean htn =
        p.has("I10")
            || s.main.icd10().equals("I10")
            || s.main.icd10().startsWith("I11")
            || s.main.icd10().startsWith("O1");
    if (child) {
      s.sbp = d.between(88, 110);
      s.dbp = d.between(50, 70);
    } else {
      s.sbp =
          d.between(105, 132) + Math.max(0, s.ageAtAdmit - 50) / 3 + (htn ? d.between(15, 45) : 0);
      s.dbp = d.between(64, 84) + (htn ? d.between(5, 20) : 0);
    }
    if (s.main.icd10().startsWith("O14")) {
      s.sbp = Math.max(s.sbp, d.between(160, 180));
      s.dbp = Math.max(s.dbp, d.between(110, 118));
    }
    s.spo2 = d.between(96, 99);
    if (s.main.icd10().startsWith("J")
        || s.main.icd10().startsWith("I26")
        || s.main.icd10().startsWith("I50")) {
      s.spo2 = d.between(86, 95);
    }
  }

  private static boolean hasFever(Stay s) {
    for (Vocabulary.Symptom sym : s.complaintSymptoms) {
      if (sym.id().equals("fever")) {
        return true;
      }
    }
    return false;
  }

  static boolean has(Stay s, String symptomId) {
    for (Vocabulary.Symptom sym : s.main.symptoms()) {
      if (sym.id().equals(symptomId)) {
        return true;
      }
    }
    return false;
  }

  private void vital(PatientBuild b, Stay s, VitalType type, double value, LocalDateTime at) {
    String id = b.nextId("V");
    b.vitals.add(new VitalSign(id, b.patientId, s.id, type, value, at, b.prov(id)));
  }

  // ---------------------------------------------------------------- VTE

  /**
   * Plants VTE risk factors and decides prophylaxis. The points follow the Caprini 2005 form for
   * surgical stays and Padua for medical ones (DOMAIN.md 1.1, 1.3); they only steer the generator
   * so that the planted patterns (who gets prophylaxis, who develops DVT) look like a real
   * hospital's, gaps included.
   */
  private void vteFactors(PatientBuild b, Stay s) {
    Dice d = b.dice;
    Person p = b.person;
    List<String> f = s.vte;
    for (String t : s.main.vte()) {
      if (t.equals("plaster_cast") && (s.op != null || d.chance(0.4))) {
        continue;
      }
      if (t.equals("bleeding")) {
        s.bleedingRisk = true;
        continue;
      }
      addFactor(f, t);
    }
    for (Vocabulary.Disease c : p.comorbidities) {
      for (String t : c.vte()) {
        addFactor(f, t);
      }
    }
    if (s.main.onset() == 'P' && s.op != null && !s.main.icd10().startsWith("O60")) {
      f.remove("pregnancy");
      addFactor(f, "postpartum");
    }
    for (Stay earlier : b.stays) {
      if (earlier != s
          && earlier.end != null
          && earlier.end.isBefore(s.admit)
          && (earlier.dvt || earlier.main.has("vte_current"))) {
        addFactor(f, "dvt_history");
      }
    }
    if (s.op != null && NOT_SURGERY.contains(s.op.icd9())) {
      if (s.dept.code().equals("NSUR")) {
        s.bleedingRisk = true;
      }
    } else if (s.op != null) {
      String a = s.op.approach();
      int minutes = (int) Duration.between(s.opStart, s.opEnd).toMinutes();
      if (a.equals("arthroplasty") && !f.contains("fracture_lower")) {
        addFactor(f, "elective_arthroplasty");
      } else if (a.equals("arthro")) {
        addFactor(f, "arthroscopic_surgery");
      } else if (a.equals("lap") && minutes > 45) {
        addFactor(f, "laparoscopic_surgery");
      } else if (minutes > 45 && s.op.level() >= 2 && !a.equals("perc") && !a.equals("endo")) {
        addFactor(f, "major_surgery");
      } else {
        addFactor(f, "minor_surgery");
      }
      if (s.dept.code().equals("NSUR") || s.op.code().standard().code().equals("50.22")) {
        s.bleedingRisk = true;
      }
    }
    if (s.procedure != null
        || (s.op != null
            && (s.op.icd9().equals("86.07")
                || s.op.icd9().equals("38.93")
                || s.op.icd9().equals("38.95")))) {
      addFactor(f, "central_venous_access");
    }
    // Obesity as the record shows it: the charted weight (rounded to 0.1 kg) over the height
    // squared.
    if (s.weightKg / (s.heightCm * s.heightCm / 10000.0) > 25) {
      addFactor(f, "obesity");
    }
    if (p.oralContraceptive) {
      addFactor(f, "oral_contraceptive");
    }
    if (p.hormoneReplacement) {
      addFactor(f, "hormone_replacement");
    }
    if (p.familyThrombosis()) {
      addFactor(f, "family_history_thrombosis");
    }
    if (!f.contains("bed_rest")
        && (s.icuIn != null
            || s.dept.code().equals("ICU")
            || (s.main.severity() >= 2 && d.chance(0.4))
            || (s.ageAtAdmit >= 85 && d.chance(0.3)))) {
      addFactor(f, "bed_rest");
    }
    if (!f.contains("leg_swelling") && d.chance(0.03)) {
      addFactor(f, "leg_swelling");
    }
    for (Vocabulary.Symptom sym : s.complaintSymptoms) {
      // A presenting leg swelling (cellulitis, heart failure) is Caprini's "swollen legs" too.
      if (sym.id().equals("leg_swelling")) {
        addFactor(f, "leg_swelling");
      }
    }
    if (s.main.has("vte_current")
        || s.main.drugs().stream()
            .anyMatch(
                g ->
                    g.stream()
                        .anyMatch(
                            x -> x.drugClass().equals("doac") || x.drugClass().equals("vka")))) {
      s.therapeuticAnticoagulation = true;
    }
    if (p.has("I48") && !s.bleedingRisk) {
      s.therapeuticAnticoagulation = true;
    }
    f.remove("vte_current");
    s.surgicalModel = s.op != null || s.dept.surgical();
    s.score = s.surgicalModel ? caprini(s) : padua(s);
    s.riskBand =
        s.surgicalModel
            ? s.score >= 5 ? "极高危" : s.score >= 3 ? "高危" : s.score == 2 ? "中危" : "低危"
            : s.score >= 4 ? "高危" : "低危";
    prophylaxis(b, s);
  }

  /**
   * Bedside procedures, dialysis, lithotripsy and diagnostic endoscopy: not a surgical episode for
   * Caprini (the cds knowledge file's {@code bedside_procedure} set says the same).
   */
  private static final Set<String> NOT_SURGERY =
      Set.of(
          "34.91", "38.93", "96.04", "39.95", "38.95", "98.51", "34.04", "41.31", "03.31", "54.91",
          "45.13", "45.23", "68.12");

  private static void addFactor(List<String> f, String t) {
    if (!t.isEmpty() && !f.contains(t) && !t.equals("stroke_sequela")) {
      f.add(t);
    }
  }

  private static int caprini(Stay s) {
    int age = s.ageAtAdmit;
    int points = age >= 75 ? 3 : age >= 61 ? 2 : age >= 41 ? 1 : 0;
    for (String t : s.vte) {
      points +=
          switch (t) {
            case "minor_surgery",
                "varicose",
                "ibd",
                "leg_swelling",
                "obesity",
                "ami",
                "chf",
                "sepsis",
                "pneumonia",
                "lung_disease",
                "copd",
                "bed_rest",
                "oral_contraceptive",
                "hormone_replacement",
                "pregnancy",
                "postpartum" ->
                1;
            case "major_surgery",
                "laparoscopic_surgery",
                "arthroscopic_surgery",
                "malignancy",
                "plaster_cast",
                "central_venous_access" ->
                2;
            case "dvt_history", "family_history_thrombosis", "thrombophilia" -> 3;
            case "stroke",
                "multiple_trauma",
                "elective_arthroplasty",
                "fracture_lower",
                "spinal_cord_injury" ->
                5;
            default -> 0;
          };
    }
    return points;
  }

  private static int padua(Stay s) {
    int points = s.ageAtAdmit >= 70 ? 1 : 0;
    boolean heartOrLung = false;
    boolean infection = false;
    for (String t : s.vte) {
      switch (t) {
        case "malignancy", "dvt_history", "bed_rest", "thrombophilia" -> points += 3;
        case "multiple_trauma", "major_surgery", "minor_surgery" -> points += 2;
        case "chf", "copd" -> heartOrLung = true;
        case "ami", "stroke" -> points += 1;
        case "pneumonia", "sepsis" -> infection = true;
        case "obesity", "oral_contraceptive", "hormone_replacement" -> points += 1;
        default -> {}
      }
    }
    if (s.main.icd10().startsWith("J96")) {
      heartOrLung = true;
    }
    return points + (heartOrLung ? 1 : 0) + (infection ? 1 : 0);
  }

  private void prophylaxis(PatientBuild b, Stay s) {
    Dice d = b.dice;
    if (s.therapeuticAnticoagulation || s.ageAtAdmit < 14) {
      s.prophylaxis = s.therapeuticAnticoagulation ? "therapeutic" : "none";
      return;
    }
    boolean high = s.surgicalModel ? s.score >= 3 : s.score >= 4;
    boolean moderate = s.surgicalModel && s.score == 2;
    double u = d.r.nextDouble();
    if (high && s.bleedingRisk) {
      s.prophylaxis = u < 0.7 ? "mechanical" : "none";
    } else if (high) {
      s.prophylaxis =
          u < 0.42 ? "pharmacological" : u < 0.68 ? "both" : u < 0.80 ? "mechanical" : "none";
    } else if (moderate) {
      s.prophylaxis = u < 0.3 ? "pharmacological" : u < 0.55 ? "mechanical" : "none";
    } else {
      s.prophylaxis = u < 0.05 ? "mechanical" : "none";
    }
    if (s.prophylaxis.equals("pharmacological") || s.prophylaxis.equals("both")) {
      s.pharmDrug = pharmDrug(d, s, b.person);
      LocalDateTime start =
          s.opEnd != null
              ? s.opEnd.plusHours(
                  s.pharmDrug.id().startsWith("rivaroxaban") ? d.between(6, 10) : d.between(12, 24))
              : s.admit.plusHours(d.chance(0.88) ? d.between(3, 24) : d.between(48, 96));
      s.pharmStart = start.withMinute(0);
    }
    if (s.prophylaxis.equals("mechanical") || s.prophylaxis.equals("both")) {
      s.mechDrug = v.drug(d.chance(0.6) ? "ipc" : d.chance(0.8) ? "gcs" : "vfp");
    }
    double dvt =
        switch (s.prophylaxis) {
          case "none" -> high ? 0.07 : moderate ? 0.012 : 0.002;
          case "mechanical" -> high ? 0.035 : 0.006;
          default -> high ? 0.012 : 0.003;
        };
    if (s.losDays() >= 5 && d.chance(dvt)) {
      LocalDateTime at =
          s.admit
              .toLocalDate()
              .plusDays(d.between(3, s.losDays() - 1))
              .atTime(d.between(9, 16), d.between(0, 59));
      if (at.isBefore(s.end.minusHours(6)) && (s.opEnd == null || at.isAfter(s.opEnd))) {
        s.dvt = true;
        s.dvtAt = at;
        s.complications.add(v.disease("I80.2"));
      }
    }
  }

  private Vocabulary.Drug pharmDrug(Dice d, Stay s, Person p) {
    if (s.vte.contains("elective_arthroplasty") && d.chance(0.6)) {
      return v.drug("rivaroxaban_10");
    }
    if (p.has("N18.9") || s.main.icd10().startsWith("N18.5")) {
      return v.drug(d.chance(0.5) ? "heparin" : "enoxaparin");
    }
    double u = d.r.nextDouble();
    return v.drug(
        u < 0.55
            ? "enoxaparin"
            : u < 0.85
                ? "nadroparin"
                : u < 0.92 ? "heparin" : u < 0.96 ? "fondaparinux" : "dalteparin");
  }

  // ---------------------------------------------------------------- diagnoses and operations

  private void diagnoses(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime admDx = s.admit.plusMinutes(d.between(30, 240));
    addDx(b, s, DiagnosisKind.ADMISSION, s.main, true, admDx);
    for (Vocabulary.Disease c : s.secondary) {
      addDx(b, s, DiagnosisKind.ADMISSION, c, false, admDx);
    }
    if (s.discharge == null) {
      return;
    }
    LocalDateTime disDx = s.discharge.minusMinutes(d.between(10, 180));
    addDx(b, s, DiagnosisKind.DISCHARGE, s.main, true, disDx);
    for (Vocabulary.Disease c : s.secondary) {
      addDx(b, s, DiagnosisKind.DISCHARGE, c, false, disDx);
    }
    if (s.op != null && s.op.level() >= 4 && d.chance(0.12)) {
      s.complications.add(v.disease("D62"));
    }
    if (s.losDays() > 5 && d.chance(0.05)) {
      s.complications.add(v.disease("E87.6"));
    }
    for (Vocabulary.Disease c : s.complications) {
      addDx(b, s, DiagnosisKind.DISCHARGE, c, false, disDx);
    }
  }

  private void addDx(
      PatientBuild b,
      Stay s,
      DiagnosisKind kind,
      Vocabulary.Disease dx,
      boolean main,
      LocalDateTime at) {
    MappedCode code = b.dice.chance(0.02) ? dx.legacyCode() : dx.code();
    String id = b.nextId("DX");
    b.diagnoses.add(new Diagnosis(id, b.patientId, s.id, kind, main, code, at, b.prov(id)));
  }

  private void operations(PatientBuild b, Stay s) {
    if (s.procedure != null) {
      String id = b.nextId("OP");
      Vocabulary.Operation pr = s.procedure;
      b.operations.add(
          new Operation(
              id,
              b.patientId,
              s.id,
              pr.code(),
              s.procedureAt,
              s.procedureAt.plusMinutes(pr.minutes()),
              s.doctor.name(),
              pr.anaesthesia(),
              pr.incision(),
              pr.level(),
              b.prov(id)));
    }
    if (s.op != null) {
      b.operations.add(
          new Operation(
              s.opId,
              b.patientId,
              s.id,
              s.op.code(),
              s.opStart,
              s.opEnd,
              s.surgeon.name(),
              s.op.anaesthesia(),
              s.op.incision(),
              s.op.level(),
              b.prov(s.opId)));
    }
  }

  // ---------------------------------------------------------------- labs

  private void labs(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime first = s.admit.plusMinutes(d.between(30, 150));
    if (first.getHour() >= 22 || first.getHour() < 5) {
      first =
          first.toLocalDate().plusDays(first.getHour() >= 22 ? 1 : 0).atTime(6, d.between(0, 40));
      if (s.emergency) {
        first = s.admit.plusMinutes(d.between(20, 60));
      }
    }
    String code = s.main.icd10();
    List<String> panels = new ArrayList<>(List.of("血常规", "凝血功能", "肝功能", "肾功能", "电解质", "血糖"));
    if (s.dept.code().equals("CARD")
        || has(s, "chest_pain")
        || code.startsWith("I50")
        || code.startsWith("I26")) {
      panels.add("心肌标志物");
    }
    if (hasEffect(s, "HBA1C")) {
      panels.add("糖化血红蛋白");
    }
    if (hasEffect(s, "CRP")
        || hasEffect(s, "PCT")
        || s.dept.code().equals("ICU")
        || s.dept.code().equals("RESP")) {
      panels.add("炎症指标");
    }
    if (s.dept.code().equals("CARD")
        || s.dept.code().equals("NEUR")
        || s.dept.code().equals("ENDO")) {
      panels.add("血脂");
    }
    if (s.main.has("malignancy")) {
      panels.add("肿瘤标志物");
    }
    for (String panel : panels) {
      if (s.ageAtAdmit < 14 && (panel.equals("凝血功能") || panel.equals("血脂"))) {
        continue;
      }
      labPanel(b, s, panel, first, 0);
    }
    if (s.opEnd != null) {
      LocalDateTime postOp = s.opEnd.toLocalDate().plusDays(1).atTime(6, d.between(0, 50));
      if (postOp.isBefore(s.end)) {
        labPanel(b, s, "血常规", postOp, progress(s, postOp));
        labPanel(b, s, "凝血功能", postOp, progress(s, postOp));
      }
    }
    for (LocalDateTime t =
            first.toLocalDate().plusDays(d.between(3, 5)).atTime(6, d.between(0, 50));
        t.isBefore(s.end.minusHours(20));
        t = t.plusDays(d.between(3, 6))) {
      labPanel(b, s, "血常规", t, progress(s, t));
      if (d.chance(0.5)) {
        labPanel(b, s, "肾功能", t, progress(s, t));
      }
    }
    if (s.dvtAt != null) {
      labPanel(b, s, "凝血功能", s.dvtAt.minusMinutes(d.between(30, 120)), progress(s, s.dvtAt));
    }
  }

  private static double progress(Stay s, LocalDateTime t) {
    double total = Math.max(1, Duration.between(s.admit, s.end).toMinutes());
    return Math.min(1, Math.max(0, Duration.between(s.admit, t).toMinutes() / total));
  }

  private static boolean hasEffect(Stay s, String lab) {
    if (s.main.labEffects().containsKey(lab)) {
      return true;
    }
    for (Vocabulary.Disease c : s.secondary) {
      if (c.labEffects().containsKey(lab)) {
        return true;
      }
    }
    return false;
  }

  private static final Map<String, List<String>> PANELS =
      Map.ofEntries(
          Map.entry("血常规", List.of("WBC", "NEUT", "RBC", "HGB", "HCT", "PLT")),
          Map.entry("凝血功能", List.of("PT", "INR", "APTT", "FIB", "TT", "DDI")),
          Map.entry("肝功能", List.of("ALT", "AST", "TBIL", "DBIL", "ALB")),
          Map.entry("肾功能", List.of("CREA", "UREA", "UA")),
          Map.entry("电解质", List.of("K", "NA")),
          Map.entry("血糖", List.of("GLU")),
          Map.entry("糖化血红蛋白", List.of("HBA1C")),
          Map.entry("心肌标志物", List.of("CTNI", "CKMB", "NTBNP")),
          Map.entry("炎症指标", List.of("CRP", "PCT")),
          Map.entry("血脂", List.of("TC", "TG", "LDL")),
          Map.entry("肿瘤标志物", List.of("CEA", "AFP", "CA125")));

  private void labPanel(
      PatientBuild b, Stay s, String panel, LocalDateTime collected, double progress) {
    Dice d = b.dice;
    LocalDateTime reported = collected.plusMinutes(d.between(40, 180));
    List<LabResult> results = new ArrayList<>();
    boolean female = b.person.female();
    for (String code : PANELS.get(panel)) {
      Vocabulary.LabItem item = v.lab(code);
      double low = female ? item.lowF() : item.lowM();
      double high = female ? item.highF() : item.highM();
      double value = labValue(b, s, code, low, high, collected, progress);
      value = Fmt.round(value, item.decimals());
      AbnormalFlag flag = flag(item, value, low, high);
      String id = b.nextId("L");
      LabResult r =
          new LabResult(
              id,
              b.patientId,
              s.id,
              panel,
              item.mapped(),
              value,
              Fmt.num(value, item.decimals()),
              item.unit(),
              low,
              high,
              Fmt.num(low, item.decimals()) + "-" + Fmt.num(high, item.decimals()),
              flag,
              item.specimen(),
              collected,
              reported,
              b.prov(id));
      results.add(r);
      b.labs.add(r);
    }
    s.labSets.add(new Stay.LabSet(panel, collected, reported, results));
  }

  private double labValue(
      PatientBuild b,
      Stay s,
      String code,
      double low,
      double high,
      LocalDateTime at,
      double progress) {
    Dice d = b.dice;
    double centre = low > 0 ? (low + high) / 2 : high * 0.3;
    double sd = low > 0 ? (high - low) / 7 : high * 0.12;
    double value = d.normal(centre, sd);
    String effectCode =
        switch (code) {
          case "RBC", "HCT" -> "HGB";
          case "DBIL" -> "TBIL";
          default -> code;
        };
    double factor = effect(s.main, effectCode, code);
    boolean acute = s.main.onset() == 'A' || s.main.onset() == 'T';
    if (acute && factor != 1) {
      factor = Math.pow(factor, 1 - 0.75 * progress);
    }
    for (Vocabulary.Disease c : s.secondary) {
      factor *= effect(c, effectCode, code);
    }
    if (s.opEnd != null && at.isAfter(s.opEnd) && at.isBefore(s.opEnd.plusDays(4))) {
      factor *=
          switch (code) {
            case "HGB", "RBC", "HCT" -> 0.88;
            case "WBC" -> 1.35;
            case "DDI" -> 3.0;
            case "CRP" -> 6.0;
            default -> 1.0;
          };
    }
    if (s.dvtAt != null && code.equals("DDI") && !at.isBefore(s.dvtAt.minusHours(3))) {
      factor *= 6;
    }
    value *= factor;
    if (code.equals("INR") && b.person.has("I48") && s.main.drugs().isEmpty()) {
      value = d.uniform(1.8, 3.0);
    }
    if (code.equals("NEUT")) {
      value = Math.min(96, value);
    }
    if (code.equals("PT") && factor == 1 && s.main.labEffects().containsKey("INR")) {
      value *= s.main.labEffects().get("INR");
    }
    return Math.max(value, low > 0 ? low * 0.2 : high * 0.02);
  }

  private static double effect(Vocabulary.Disease dx, String effectCode, String code) {
    Double f = dx.labEffects().get(code);
    if (f == null && !effectCode.equals(code)) {
      f = dx.labEffects().get(effectCode);
    }
    return f == null ? 1 : f;
  }

  private static AbnormalFlag flag(Vocabulary.LabItem item, double value, double low, double high) {
    if (item.critLow() != null && value < item.critLow()) {
      return AbnormalFlag.CRITICAL_LOW;
    }
    if (item.critHigh() != null && value > item.critHigh()) {
      return AbnormalFlag.CRITICAL_HIGH;
    }
    if (value < low) {
      return AbnormalFlag.LOW;
    }
    if (value > high) {
      return AbnormalFlag.HIGH;
    }
    return AbnormalFlag.NORMAL;
  }

  // ---------------------------------------------------------------- orders

  private void orders(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime start = s.admit.plusMinutes(d.between(20, 120));
    LocalDateTime stop = s.discharge == null ? null : s.discharge.minusMinutes(d.between(10, 120));
    boolean sick = s.main.severity() >= 2 || s.dept.code().equals("ICU");
    order(
        b,
        s,
        v.drug(sick ? "nursing_1" : s.op != null ? "nursing_1" : "nursing_2"),
        start,
        stop,
        true,
        null);
    if (s.vte.contains("bed_rest")) {
      order(b, s, v.drug("bed_rest"), start, stop, true, null);
    }
    for (List<Vocabulary.Drug> group : s.main.drugs()) {
      Vocabulary.Drug drug = d.pick(group);
      diseaseOrder(b, s, drug, start, stop);
    }
    for (Vocabulary.Disease c : s.secondary) {
      for (List<Vocabulary.Drug> group : c.drugs()) {
        // Home medication continues unchanged, so the first alternative is the one the history
        // names.
        // Anticoagulants and antiplatelets are held when the stay carries a bleeding risk.
        Vocabulary.Drug home = group.get(0);
        if (s.bleedingRisk && isAntithrombotic(home)) {
          continue;
        }
        if (d.chance(0.8)) {
          diseaseOrder(b, s, group.get(0), start.plusMinutes(d.between(0, 60)), stop);
        }
      }
    }
    if (s.op != null) {
      if (s.op.incisional() && d.chance(0.85)) {
        Vocabulary.Drug abx = v.drug(d.chance(0.6) ? "cefazolin" : "cefuroxime");
        order(b, s, abx, s.opStart.minusMinutes(d.between(20, 60)), null, false, null);
      }
      if (s.op.level() >= 2) {
        LocalDateTime po = s.opEnd.plusMinutes(d.between(30, 120));
        order(
            b, s, v.drug("flurbiprofen"), po, cap(po.plusDays(d.between(2, 3)), stop), true, null);
      }
      if (s.op.level() >= 3) {
        LocalDateTime po = s.opEnd.plusMinutes(d.between(30, 120));
        order(
            b, s, v.drug("omeprazole_iv"), po, cap(po.plusDays(d.between(2, 4)), stop), true, null);
      }
    }
    if (s.pharmDrug != null && s.pharmStart.isBefore(s.end)) {
      LocalDateTime pStop = s.dvtAt != null ? s.dvtAt.minusMinutes(d.between(10, 60)) : stop;
      if (pStop == null || pStop.isAfter(s.pharmStart)) {
        order(b, s, s.pharmDrug, s.pharmStart, pStop, true, null);
      }
    }
    if (s.mechDrug != null) {
      LocalDateTime mStart =
          s.opEnd != null
              ? s.opEnd.plusMinutes(d.between(30, 240))
              : start.plusHours(d.between(1, 20));
      if (mStart.isBefore(s.end)) {
        order(
            b,
            s,
            s.mechDrug,
            mStart,
            s.dvtAt != null ? s.dvtAt.minusMinutes(30) : stop,
            true,
            null);
      }
    }
    if (s.died) {
      order(
          b,
          s,
          v.drug("epinephrine"),
          s.discharge.minusMinutes(d.between(30, 50)),
          null,
          false,
          null);
    }
    if (s.dvtAt != null) {
      Vocabulary.Drug treat = v.drug("enoxaparin_treat");
      double dose = Math.max(40, Math.round(s.weightKg / 10.0) * 10);
      order(b, s, treat, s.dvtAt.plusMinutes(d.between(30, 120)), stop, true, dose);
    }
  }

  private static boolean isAntithrombotic(Vocabulary.Drug drug) {
    return switch (drug.drugClass()) {
      case "doac", "vka", "antiplatelet", "lmwh", "lmwh_treat", "ufh" -> true;
      default -> false;
    };
  }

  private static LocalDateTime cap(LocalDateTime t, LocalDateTime stop) {
    return stop != null && t.isAfter(stop) ? stop : t;
  }

  private void diseaseOrder(
      PatientBuild b, Stay s, Vocabulary.Drug drug, LocalDateTime start, LocalDateTime stop) {
    Dice d = b.dice;
    if (drug.drugClass().equals("antibiotic")
        || drug.drugClass().equals("chemo")
        || drug.drugClass().equals("steroid")
        || drug.id().equals("mannitol")) {
      LocalDateTime chemoStart = drug.drugClass().equals("chemo") ? start.plusDays(1) : start;
      LocalDateTime courseEnd =
          chemoStart.plusDays(
              drug.drugClass().equals("chemo") ? d.between(1, 3) : d.between(4, 10));
      order(b, s, drug, chemoStart, cap(courseEnd, stop), !drug.frequency().equals("st"), null);
      return;
    }
    order(b, s, drug, start, stop, !drug.frequency().equals("st"), null);
  }

  private void order(
      PatientBuild b,
      Stay s,
      Vocabulary.Drug drug,
      LocalDateTime start,
      LocalDateTime stop,
      boolean longTerm,
      Double doseOverride) {
    if (!start.isBefore(s.end)) {
      return;
    }
    if (stop != null && !stop.isAfter(start)) {
      stop = start.plusMinutes(30);
    }
    if (!longTerm) {
      stop = start.plusMinutes(30);
    }
    if (stop != null && stop.isAfter(s.end)) {
      stop = s.discharge == null ? null : s.end;
    }
    String id = b.nextId("O");
    OrderCategory category = OrderCategory.valueOf(drug.category());
    Double dose = doseOverride != null ? doseOverride : drug.dose();
    String frequency = longTerm ? drug.frequency() : "st";
    MedicationOrder o =
        new MedicationOrder(
            id,
            b.patientId,
            s.id,
            category,
            drug.code(),
            dose,
            drug.unit(),
            drug.route(),
            frequency,
            longTerm,
            start,
            stop,
            s.doctor.name(),
            b.prov(id));
    b.orders.add(o);
    s.orders.add(o);
    if (category == OrderCategory.NURSING) {
      return;
    }
    administrations(b, s, o, drug);
  }

  private void administrations(PatientBuild b, Stay s, MedicationOrder o, Vocabulary.Drug drug) {
    Dice d = b.dice;
    LocalDateTime until = o.stopAt() != null ? o.stopAt() : now;
    List<String> nurses = staff.nurses(s.dept.code());
    if (!o.longTerm()) {
      admin(b, s, o, o.startAt().plusMinutes(d.between(5, 25)), d.pick(nurses));
      return;
    }
    int[] hours =
        switch (o.frequency()) {
          case "bid", "q12h" ->
              drug.category().equals("DEVICE") ? new int[] {9, 15} : new int[] {8, 20};
          case "tid" -> new int[] {7, 11, 17};
          case "q8h" -> new int[] {0, 8, 16};
          case "qn" -> new int[] {21};
          case "q2h" -> new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22};
          default -> new int[] {8};
        };
    boolean weekly = o.frequency().equals("qw");
    LocalDate day = o.startAt().toLocalDate();
    int guard = 0;
    for (;
        !day.isAfter(until.toLocalDate()) && guard < 120;
        day = day.plusDays(weekly ? 7 : 1), guard++) {
      for (int h : hours) {
        LocalDateTime at = day.atTime(h, d.between(0, 40));
        if (at.isBefore(o.startAt()) || !at.isBefore(until)) {
          continue;
        }
        // A few doses are not charted: refused, held for a procedure or simply missed.
        if (d.chance(0.03)) {
          continue;
        }
        admin(b, s, o, at, d.pick(nurses));
      }
    }
  }

  private void admin(PatientBuild b, Stay s, MedicationOrder o, LocalDateTime at, String nurse) {
    String id = b.nextId("A");
    b.administrations.add(
        new MedicationAdministration(
            id,
            o.id(),
            b.patientId,
            s.id,
            o.item(),
            o.dose(),
            o.doseUnit(),
            o.route(),
            at,
            nurse,
            b.prov(id)));
  }

  // ---------------------------------------------------------------- exams

  private void exams(PatientBuild b, Stay s) {
    Dice d = b.dice;
    String c = s.main.icd10();
    LocalDateTime day0 = s.admit.plusHours(d.between(1, 20));
    if (s.ageAtAdmit >= 14 && d.chance(0.8)) {
      if (c.startsWith("I48")) {
        exam(
            b,
            s,
            ExamKind.ECG,
            "EX001",
            "心电图",
            "exam:ecg",
            null,
            day0,
            "P波消失，代之以大小不等的f波，RR间期绝对不齐。",
            "",
            "心房颤动",
            "disease",
            "I48",
            0,
            "");
      } else if (c.startsWith("I21.0")) {
        exam(
            b,
            s,
            ExamKind.ECG,
            "EX001",
            "心电图",
            "exam:ecg",
            null,
            day0,
            "V1-V4导联ST段弓背向上抬高0.3-0.5mV。",
            "窦性心律，",
            "急性前壁心肌梗死",
            "disease",
            "I21.0",
            0,
            "");
      } else if (s.ageAtAdmit >= 60 && d.chance(0.3)) {
        exam(
            b,
            s,
            ExamKind.ECG,
            "EX001",
            "心电图",
            "exam:ecg",
            null,
            day0,
            "窦性心律，心率" + s.pulse + "次/分，II、III、aVF导联ST段压低约0.05mV，T波低平。",
            "窦性心律，ST-T改变",
            null,
            null,
            null,
            0,
            "");
      } else {
        exam(
            b,
            s,
            ExamKind.ECG,
            "EX001",
            "心电图",
            "exam:ecg",
            null,
            day0,
            "窦性心律，心率" + s.pulse + "次/分，各导联P-QRS-T波形态及时限正常。",
            "窦性心律，正常心电图",
            null,
            null,
            null,
            0,
            "");
      }
    }
    boolean chest =
        s.dept.code().equals("RESP")
            || s.dept.code().equals("THOR")
            || s.dept.code().equals("ICU")
            || c.startsWith("C34")
            || c.startsWith("U07")
            || c.startsWith("J")
            || (s.op != null && s.ageAtAdmit >= 60 && d.chance(0.4));
    if (chest && s.ageAtAdmit >= 14) {
      LocalDateTime t = s.admit.plusHours(d.between(2, 30));
      if (c.startsWith("J18") || c.startsWith("J69") || c.startsWith("U07")) {
        String side = s.side == '左' ? "左肺下叶" : "右肺下叶";
        exam(
            b,
            s,
            ExamKind.RADIOLOGY,
            "EX002",
            "胸部CT",
            "exam:chest_ct",
            "胸部",
            t,
            side + "见斑片状高密度影，边界模糊，其内可见支气管充气征。",
            side,
            "炎症",
            "disease",
            c,
            0,
            "");
      } else if (c.startsWith("C34")) {
        exam(
            b,
            s,
            ExamKind.RADIOLOGY,
            "EX002",
            "胸部CT",
            "exam:chest_ct",
            "胸部",
            t,
            s.side
                + "肺上叶见一大小约"
                + d.between(15, 45)
                + "mm×"
                + d.between(12, 35)
                + "mm软组织密度肿块，边缘见分叶及毛刺。",
            s.side + "肺上叶占位，考虑",
            "肺癌",
            "disease",
            c,
            NoteText.UNC,
            "可能");
      } else if (c.startsWith("I26")) {
        exam(
            b,
            s,
            ExamKind.RADIOLOGY,
            "EX003",
            "肺动脉CTA",
            "exam:ctpa",
            "胸部",
            s.admit.plusHours(d.between(1, 6)),
            "右肺下叶肺动脉及其分支内见充盈缺损。",
            "右肺下叶肺动脉",
            "栓塞",
            "disease",
            "I26.9",
            0,
            "");
      } else if (c.startsWith("J44") || c.startsWith("J47") || c.startsWith("J84")) {
        exam(
            b,
            s,
            ExamKind.RADIOLOGY,
            "EX002",
            "胸部CT",
            "exam:chest_ct",
            "胸部",
            t,
            "双肺透亮度增高，肺纹理紊乱，双肺散在条索影。",
            "",
            s.main.name(),
            "disease",
            c,
            0,
            "改变");
      } else {
        exam(
            b,
            s,
            ExamKind.RADIOLOGY,
            "EX002",
            "胸部CT",
            "exam:chest_ct",
            "胸部",
            t,
            "双肺纹理清晰，未见明显实质性病变，纵隔内未见肿大淋巴结。",
            "胸部CT平扫未见明显异常",
            null,
            null,
            null,
            0,
            "");
      }
    }
    if ((c.startsWith("I63")
        || c.startsWith("I61")
        || c.startsWith("S06")
        || c.startsWith("I60"))) {
      boolean bleed = !c.startsWith("I63");
      String site = s.side + "侧基底节区";
      exam(
          b,
          s,
          ExamKind.RADIOLOGY,
          "EX004",
          "头颅CT",
          "exam:head_ct",
          "头颅",
          s.admit.plusMinutes(d.between(20, 180)),
          site + (bleed ? "见片状高密度影，周围可见低密度水肿带。" : "见片状低密度影，边界欠清。"),
          site,
          bleed ? "出血" : "脑梗死",
          "disease",
          c,
          0,
          "");
    }
    boolean venous =
        s.dvtAt != null
            || c.startsWith("I26")
            || (!s.riskBand.equals("低危") && s.ageAtAdmit >= 14 && d.chance(0.35));
    if (venous) {
      LocalDateTime t =
          s.dvtAt != null
              ? s.dvtAt.plusMinutes(d.between(30, 120))
              : s.admit.plusHours(d.between(4, 60));
      if (t.isBefore(s.end)) {
        if (s.dvtAt != null || c.startsWith("I26")) {
          String side = s.side == '左' ? "左侧" : "右侧";
          exam(
              b,
              s,
              ExamKind.ULTRASOUND,
              "EX005",
              "双下肢静脉彩超",
              "exam:lower_limb_venous_us",
              "双下肢",
              t,
              side + "腘静脉及胫后静脉管腔内见低回声充填，加压后管腔不能压闭，内未见明显血流信号。",
              side + "腘静脉",
              "血栓形成",
              "disease",
              "I80.2",
              0,
              "");
        } else {
          exam(
              b,
              s,
              ExamKind.ULTRASOUND,
              "EX005",
              "双下肢静脉彩超",
              "exam:lower_limb_venous_us",
              "双下肢",
              t,
              "双下肢深静脉管腔内未见明显异常回声，加压后管腔可完全压闭，血流通畅。",
              "双下肢深静脉未见明显",
              "血栓",
              "disease",
              "I80.2",
              NoteText.NEG,
              "形成");
        }
      }
    }
    if (s.op != null
        && (s.main.has("malignancy")
            || c.startsWith("K80")
            || c.startsWith("K35")
            || c.startsWith("D25"))) {
      String[] path = pathology(s.main);
      exam(
          b,
          s,
          ExamKind.PATHOLOGY,
          "EX006",
          "病理",
          "exam:pathology",
          s.op.site().replace("*", String.valueOf(s.side)),
          s.opEnd.plusMinutes(10),
          "送检组织一块，大小约" + d.between(2, 8) + "cm×" + d.between(1, 5) + "cm，切面灰白。",
          "（" + s.op.site().replace("*", String.valueOf(s.side)) + "）",
          path[0],
          "disease",
          s.main.icd10(),
          0,
          path[1]);
    }
  }

  private static String[] pathology(Vocabulary.Disease dx) {
    String c = dx.icd10();
    if (c.startsWith("C18") || c.startsWith("C20") || c.startsWith("C16")) {
      return new String[] {"中分化腺癌", "，浸润至浆膜下层"};
    }
    if (c.startsWith("C34")) {
      return new String[] {"浸润性腺癌", ""};
    }
    if (c.startsWith("C50")) {
      return new String[] {"浸润性导管癌", "，II级"};
    }
    if (c.startsWith("C73")) {
      return new String[] {"甲状腺乳头状癌", ""};
    }
    if (c.startsWith("C22")) {
      return new String[] {"肝细胞癌", ""};
    }
    if (c.startsWith("C15") || c.startsWith("C53")) {
      return new String[] {"鳞状细胞癌", ""};
    }
    if (c.startsWith("K80")) {
      return new String[] {"慢性胆囊炎", "伴胆囊结石"};
    }
    if (c.startsWith("K35")) {
      return new String[] {"急性化脓性阑尾炎", ""};
    }
    if (c.startsWith("D25")) {
      return new String[] {"子宫平滑肌瘤", ""};
    }
    return new String[] {dx.name(), ""};
  }

  private void exam(
      PatientBuild b,
      Stay s,
      ExamKind kind,
      String localCode,
      String name,
      String concept,
      String site,
      LocalDateTime at,
      String findings,
      String lead,
      String fact,
      String factType,
      String factConcept,
      int flags,
      String trail) {
    if (!at.isBefore(s.end)) {
      return;
    }
    String id = b.nextId("X");
    LocalDateTime reported =
        at.plusMinutes(
            kind == ExamKind.PATHOLOGY ? 60 * b.dice.between(48, 120) : b.dice.between(20, 240));
    if (reported.isAfter(now)) {
      reported = null;
    }
    String conclusion = lead + (fact == null ? "" : fact) + trail;
    ExamReport r =
        new ExamReport(
            id,
            b.patientId,
            s.id,
            kind,
            new MappedCode(Code.of(Vocabulary.PACS, localCode, name), null),
            site,
            findings,
            conclusion,
            at,
            reported,
            b.prov(id));
    b.exams.add(r);
    s.exams.add(new Stay.Exam(r, name, concept, lead, fact, factType, factConcept, flags, trail));
  }
}
