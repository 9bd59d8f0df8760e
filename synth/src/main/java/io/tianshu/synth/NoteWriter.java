package io.tianshu.synth;

import static io.tianshu.synth.NoteText.FAM;
import static io.tianshu.synth.NoteText.HIST;
import static io.tianshu.synth.NoteText.NEG;
import static io.tianshu.synth.NoteText.UNC;

import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.OrderCategory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the clinical documents of one encounter from its {@link Stay}, recording a {@link
 * TruthFact} for every fact stated. Deadlines follow 《病历书写基本规范》 (DOMAIN.md 3); about 6% of
 * documents are late on purpose so that record-QC has something to find.
 */
final class NoteWriter {
  private static final double LATE = 0.06;
  private static final String[] NEGATABLE = {
    "fever",
    "chest_pain",
    "chest_tightness",
    "cough",
    "dyspnea",
    "nausea",
    "vomiting",
    "abdominal_pain",
    "diarrhea",
    "headache",
    "dizziness",
    "palpitation",
    "hematochezia",
    "melena",
    "syncope",
    "hemoptysis"
  };
  private static final String[] TRAUMA = {"不慎摔倒", "行走时不慎滑倒", "骑电动车时摔伤", "从高处坠落", "被车撞伤", "下楼时踩空摔倒"};
  private static final String[] TRAUMA_AFTER = {
    "当时无昏迷，伤后即感疼痛难忍", "伤后疼痛剧烈，不能自行站立行走", "伤后局部肿胀明显", "休息后症状无明显缓解"
  };
  private static final String[] ACUTE_TRIGGER = {
    "无明显诱因下", "受凉后", "劳累后", "活动时", "休息时突然", "饱餐后", "情绪激动后", "无明显诱因"
  };
  private static final String[] ACUTE_COURSE = {
    "呈持续性，程度较剧", "症状逐渐加重", "自行休息后未见明显缓解", "遂至我院急诊就诊", "曾自服药物治疗，效果不佳", "症状反复发作"
  };
  private static final String[] CHRONIC_START = {"无明显诱因", "逐渐", "劳累后", ""};
  private static final String[] CHRONIC_COURSE = {
    "呈间断性发作，休息后可缓解", "症状时轻时重，未予重视", "近1月来症状较前加重", "曾于当地医院就诊，予对症治疗后症状可缓解，但反复发作", "病程中症状逐渐加重"
  };
  private static final String[] GENERAL = {"精神、食欲可", "精神稍差，食欲欠佳", "精神、睡眠尚可", "精神、饮食、睡眠一般"};
  private static final String[] BOWEL = {"大小便正常", "二便无明显异常", "大小便如常", "大便正常，小便如常"};
  private static final String[] JOBS = {
    "职员", "工人", "农民", "个体经营者", "教师", "工程师", "自由职业", "公务员", "医务人员", "无业"
  };
  private static final String[] PLAN_END = {
    "继续目前治疗，密切观察病情变化。", "继续当前治疗方案，注意复查相关指标。", "病情平稳，继续观察。", "维持目前治疗，观察病情变化。"
  };

  private final Vocabulary v;
  private final Staff staff;

  NoteWriter(Vocabulary v, Staff staff) {
    this.v = v;
    this.staff = staff;
  }

  void write(PatientBuild b, Stay s) {
    if (!s.inpatient()) {
      outpatientNote(b, s);
      return;
    }
    admissionNote(b, s);
    firstProgressNote(b, s);
    attendingRound(b, s);
    if (s.op != null) {
      operationNote(b, s);
      postOperativeNote(b, s);
    }
    if (s.icuIn != null) {
      transferInNote(b, s);
    }
    progressNotes(b, s);
    if (s.discharge != null && s.died) {
      deathRecord(b, s);
      deathDiscussion(b, s);
    } else if (s.discharge != null) {
      dischargeSummary(b, s);
    }
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Creation time: on time between min and max minutes after the event, or late past the deadline.
   */
  private static LocalDateTime created(
      Dice d, LocalDateTime event, int minMinutes, int maxMinutes, int deadlineHours) {
    if (d.chance(LATE)) {
      return event.plusHours(deadlineHours).plusMinutes(d.between(20, 2000));
    }
    return event.plusMinutes(d.between(minMinutes, maxMinutes));
  }

  private static NoteText begin(PatientBuild b) {
    return new NoteText(b.nextDocumentId(), b.truth);
  }

  private static void finish(
      PatientBuild b,
      Stay s,
      NoteText n,
      DocumentType type,
      String author,
      LocalDateTime eventAt,
      LocalDateTime createdAt) {
    LocalDateTime signed =
        b.dice.chance(0.96) ? createdAt.plusMinutes(b.dice.between(1, 120)) : null;
    if (signed != null && signed.isAfter(b.now)) {
      signed = null;
    }
    b.documents.add(
        new ClinicalDocument(
            n.documentId(),
            b.patientId,
            s.id,
            type,
            null,
            author,
            eventAt,
            createdAt,
            signed,
            n.toString(),
            b.prov(n.documentId())));
  }

  private static void disease(NoteText n, Vocabulary.Disease dx, int flags) {
    n.fact(dx.name(), "disease", dx.icd10(), flags);
  }

  private static void drug(NoteText n, Vocabulary.Drug drug, int flags) {
    n.fact(drug.generic(), "drug", "drug:" + drug.concept(), flags);
  }

  private static void operation(NoteText n, Vocabulary.Operation op, int flags) {
    n.fact(op.name(), "operation", op.icd9(), flags);
  }

  private static void symptom(NoteText n, Vocabulary.Symptom sym, String surface, int flags) {
    n.fact(surface, "symptom", sym.concept(), flags);
  }

  /** A dose phrase as doctors write it: 40mg 皮下注射 qd. */
  private static String doseText(MedicationOrder o) {
    StringBuilder sb = new StringBuilder(24);
    if (o.dose() != null) {
      double dose = o.dose();
      sb.append(
          dose == Math.rint(dose)
              ? Long.toString((long) dose)
              : Fmt.num(dose, dose * 10 == Math.rint(dose * 10) ? 1 : 2));
      sb.append(o.doseUnit() == null ? "" : o.doseUnit());
    }
    if (o.route() != null) {
      sb.append(' ').append(o.route());
    }
    sb.append(' ').append(o.frequency());
    return sb.toString();
  }

  private MedicationOrder orderFor(Stay s, Vocabulary.Drug drug) {
    for (MedicationOrder o : s.orders) {
      if (o.item().local().code().equals(drug.his())) {
        return o;
      }
    }
    return null;
  }

  private static void uncertainDisease(NoteText n, Dice d, Vocabulary.Disease dx) {
    switch (d.between(0, 3)) {
      case 0 -> {
        disease(n, dx, UNC);
        n.add('？');
      }
      case 1 -> {
        disease(n, dx, UNC);
        n.add("可能");
      }
      case 2 -> {
        n.add("考虑");
        disease(n, dx, UNC);
      }
      default -> {
        disease(n, dx, UNC);
        n.add("待排");
      }
    }
  }

  private static void diagnosisList(
      NoteText n, Dice d, Stay s, boolean allowUncertain, boolean withComplications) {
    int i = 1;
    n.add(i++).add('.');
    if (allowUncertain && s.mainUncertain) {
      uncertainDisease(n, d, s.main);
    } else {
      disease(n, s.main, 0);
    }
    n.add('\n');
    for (Vocabulary.Disease c : s.secondary) {
      n.add(i++).add('.');
      disease(n, c, 0);
      n.add('\n');
    }
    if (withComplications) {
      for (Vocabulary.Disease c : s.complications) {
        n.add(i++).add('.');
        disease(n, c, 0);
        n.add('\n');
      }
    }
  }

  private static String sexText(PatientBuild b) {
    return b.person.female() ? "女" : "男";
  }

  private static void complaint(NoteText n, Stay s) {
    if (s.main.onset() == 'S') {
      n.add("体检发现");
    }
    if (s.main.onset() == 'P' && s.gestWeeks > 0) {
      n.add("停经").add(s.gestWeeks).add('+').add(s.gestDays).add("周");
      if (!s.complaintSymptoms.isEmpty()) {
        n.add('，');
      }
    }
    for (int i = 0; i < s.complaintSymptoms.size(); i++) {
      if (i > 0) {
        n.add(i == 2 ? "伴" : "、");
      }
      symptom(n, s.complaintSymptoms.get(i), s.complaintSurfaces.get(i), 0);
    }
    n.add(s.durationValue).add(s.durationUnit);
  }

  private void vitalsLine(NoteText n, double t, int p, int r, int sbp, int dbp) {
    n.fact("T " + Fmt.num(t, 1) + "℃", "vital", "8310-5", 0).add("，");
    n.fact("P " + p + "次/分", "vital", "8867-4", 0).add("，");
    n.fact("R " + r + "次/分", "vital", "9279-1", 0).add("，");
    n.fact("BP " + sbp + "/" + dbp + "mmHg", "vital", "85354-9", 0);
  }

  private static String unitText(String unit) {
    if (unit.isEmpty()) {
      return "";
    }
    return unit.startsWith("10^") ? "×" + unit : unit;
  }

  private void labFact(NoteText n, LabResult r) {
    Vocabulary.LabItem item = v.labs.get(labCode(r));
    String abbr = item == null ? r.item().local().display() : item.abbr();
    String concept = item == null ? "lab:" + r.item().local().code() : item.concept();
    n.fact(
        abbr + " " + r.textValue() + unitText(r.unit() == null ? "" : r.unit()), "lab", concept, 0);
    if (r.flag() != AbnormalFlag.NORMAL) {
      n.add(r.flag().symbol());
    }
  }

  private String labCode(LabResult r) {
    String his = r.item().local().code();
    for (Vocabulary.LabItem item : v.labs.values()) {
      if (item.mapped().local().code().equals(his)) {
        return item.code();
      }
    }
    return his;
  }

  /**
   * Lab sets of the panels a note quotes, in the order reported, whose report was out before {@code
   * by}.
   */
  private void labSummary(NoteText n, Stay s, LocalDateTime from, LocalDateTime by, boolean brief) {
    boolean any = false;
    for (Stay.LabSet set : s.labSets) {
      if (set.reportedAt().isAfter(by) || set.collectedAt().isBefore(from)) {
        continue;
      }
      List<LabResult> shown = new ArrayList<>();
      for (LabResult r : set.results()) {
        if (!brief || r.flag() != AbnormalFlag.NORMAL || quoted(labCode(r))) {
          shown.add(r);
        }
      }
      if (shown.isEmpty()) {
        continue;
      }
      if (any) {
        n.add("；");
      }
      any = true;
      n.add(set.panel()).add("：");
      for (int i = 0; i < shown.size(); i++) {
        if (i > 0) {
          n.add("，");
        }
        labFact(n, shown.get(i));
      }
    }
    if (!any) {
      n.add("待回报");
    }
  }

  private static boolean quoted(String code) {
    return switch (code) {
      case "WBC",
          "HGB",
          "PLT",
          "PT",
          "APTT",
          "INR",
          "DDI",
          "ALT",
          "CREA",
          "K",
          "GLU",
          "HBA1C",
          "CTNI",
          "CRP",
          "CEA" ->
          true;
      default -> false;
    };
  }

  private void examSummary(NoteText n, Stay s, LocalDateTime by) {
    for (Stay.Exam e : s.exams) {
      if (e.report().reportedAt() == null || e.report().reportedAt().isAfter(by)) {
        continue;
      }
      n.add("；");
      examFact(n, e);
    }
  }

  private static void examFact(NoteText n, Stay.Exam e) {
    n.fact(e.name(), "exam", e.concept(), 0).add("：").add(e.lead());
    if (e.fact() != null) {
      n.fact(e.fact(), e.factType(), e.factConcept(), e.factFlags());
    }
    n.add(e.trail());
  }

  private List<Vocabulary.Symptom> negatives(Dice d, Stay s, int count) {
    List<Vocabulary.Symptom> out = new ArrayList<>();
    for (int tries = 0; out.size() < count && tries < 12; tries++) {
      Vocabulary.Symptom sym = v.symptoms.get(d.pick(NEGATABLE));
      if (!out.contains(sym) && !s.main.symptoms().contains(sym)) {
        out.add(sym);
      }
    }
    return out;
  }

  private static String plainName(Dice d, Vocabulary.Symptom sym) {
    for (int i = 0; i < 3; i++) {
      String name = d.pick(sym.names());
      if (name.indexOf('*') < 0 && name.length() <= 5) {
        return name;
      }
    }
    return sym.names().get(0).replace("*", "");
  }

  private void negations(NoteText n, Dice d, Stay s, String lead) {
    List<Vocabulary.Symptom> neg = negatives(d, s, d.between(2, 4));
    n.add(lead);
    for (int i = 0; i < neg.size(); i++) {
      if (i > 0) {
        n.add(i == 2 ? "，无" : "、");
      }
      symptom(n, neg.get(i), plainName(d, neg.get(i)), NEG);
    }
    n.add("。");
  }

  private static boolean drugActive(MedicationOrder o, LocalDateTime t) {
    return o != null && !o.startAt().isAfter(t) && (o.stopAt() == null || o.stopAt().isAfter(t));
  }

  // ---------------------------------------------------------------- admission note

  private void admissionNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.admit, 180, 1320, 24);
    if (createdAt.isAfter(b.now)) {
      return;
    }
    NoteText n = begin(b);
    Person p = b.person;
    n.add("入院记录\n");
    n.add("姓名：").add(p.name).add("  性别：").add(sexText(b)).add("  年龄：").add(s.ageAtAdmit).add("岁");
    n.add("  民族：").add(d.chance(0.94) ? "汉族" : d.pick(new String[] {"回族", "满族", "畲族", "土家族"}));
    n.add("  婚姻：").add(p.married ? "已婚" : "未婚").add('\n');
    n.add("职业：").add(job(d, s.ageAtAdmit)).add("  出生地：").add(p.region.province()).add('\n');
    n.add("入院时间：").add(Fmt.time(s.admit)).add("  记录时间：").add(Fmt.time(createdAt)).add('\n');
    n.add("病史陈述者：")
        .add(s.ageAtAdmit < 14 ? "患儿母亲，可靠" : d.chance(0.85) ? "患者本人，可靠" : "患者家属，基本可靠")
        .add("\n\n");
    n.add("主诉：");
    complaint(n, s);
    n.add("。\n");
    n.add("现病史：");
    presentIllness(n, b, s);
    n.add('\n');
    n.add("既往史：");
    pastHistory(n, b, s);
    n.add('\n');
    n.add("个人史：");
    personalHistory(n, b, s);
    n.add('\n');
    if (s.ageAtAdmit >= 16) {
      n.add("婚育史：");
      maritalHistory(n, b, s);
      n.add('\n');
    }
    if (p.female() && s.ageAtAdmit >= 12) {
      n.add("月经史：");
      menstrualHistory(n, b, s);
      n.add('\n');
    }
    n.add("家族史：");
    familyHistory(n, b);
    n.add("\n\n体格检查\n");
    vitalsLine(n, s.temp, s.pulse, s.resp, s.sbp, s.dbp);
    n.add("，");
    n.fact("身高" + (int) s.heightCm + "cm", "vital", "8302-2", 0).add("，");
    n.fact("体重" + Fmt.num(s.weightKg, 1) + "kg", "vital", "29463-7", 0).add("。\n");
    generalExam(n, b, s);
    n.add("\n专科情况：");
    specialtyExam(n, b, s);
    n.add("\n\n辅助检查：");
    labSummary(n, s, s.admit.minusHours(1), createdAt, true);
    examSummary(n, s, createdAt);
    n.add("。\n\n初步诊断：\n");
    diagnosisList(n, d, s, true, false);
    n.add("\n医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.ADMISSION_NOTE, s.doctor.name(), s.admit, createdAt);
  }

  private static String job(Dice d, int age) {
    if (age < 7) {
      return "散居儿童";
    }
    if (age < 23) {
      return "学生";
    }
    if (age >= 62) {
      return "退休";
    }
    return d.pick(JOBS);
  }

  private void presentIllness(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    String dur = s.durationValue + s.durationUnit;
    List<Vocabulary.Symptom> syms = s.complaintSymptoms;
    String who = s.ageAtAdmit < 14 ? "患儿" : "患者";
    switch (s.main.onset()) {
      case 'T' -> {
        n.add(who).add("于").add(dur).add("前").add(d.pick(TRAUMA)).add("，致");
        symptomList(n, s, "、");
        n.add("，").add(d.pick(TRAUMA_AFTER)).add("。");
      }
      case 'S' -> {
        n.add("患者").add(dur).add("前于").add(d.pick(new String[] {"单位体检", "社区体检", "我院体检中心体检"}));
        n.add("时行").add(screeningExam(s)).add("检查发现");
        symptomList(n, s, "、");
        n.add("，").add(d.pick(new String[] {"无明显不适", "无疼痛、发热等不适", "当时未予特殊处理"})).add("。");
        n.add(d.pick(new String[] {"近期复查提示病灶较前增大。", "近期复查病灶无明显变化。", "今为求手术治疗来院。"}));
      }
      case 'P' -> pregnancyHistory(n, b, s, dur);
      case 'A' -> {
        n.add(who).add(dur).add("前").add(d.pick(ACUTE_TRIGGER)).add("出现");
        symptomList(n, s, "，伴");
        n.add("，").add(d.pick(ACUTE_COURSE)).add("。");
      }
      default -> {
        n.add(who).add(dur).add("前").add(d.pick(CHRONIC_START)).add("出现");
        symptomList(n, s, "，伴");
        n.add("，").add(d.pick(CHRONIC_COURSE)).add("。");
        if (d.chance(0.3)) {
          n.add("曾于当地医院就诊，诊断为“");
          disease(n, s.main, HIST);
          n.add("”，予对症治疗。");
        }
      }
    }
    if (s.vte.contains("leg_swelling") && !has(syms, "leg_swelling")) {
      n.add("近").add(d.between(2, 7)).add("天来出现").add(s.side).add("下肢");
      n.fact("肿胀", "symptom", "symptom:leg_swelling", 0)
          .add("，")
          .add(d.pick(new String[] {"活动后加重", "无明显疼痛", "休息后稍缓解"}))
          .add("。");
    }
    if (s.vte.contains("bed_rest") && s.main.vte().contains("bed_rest")) {
      n.add(d.pick(new String[] {"起病以来患者", "病后患者", "患者近期"}));
      n.fact("卧床", "symptom", "vte:bed_rest", 0);
      n.add(d.pick(new String[] {"，活动明显受限。", "为主，生活不能自理。", "休息，未下地活动。"}));
    }
    if (s.vte.contains("plaster_cast")) {
      n.add("伤后于外院行");
      n.fact("石膏", "symptom", "vte:plaster_cast", 0);
      n.add("托外固定。");
    }
    negations(n, d, s, d.chance(0.5) ? "病程中无" : "病程中不伴");
    if (d.chance(0.85)) {
      n.add(d.pick(new String[] {"为求进一步诊治，", "今为进一步治疗，", "现为求系统诊治，"}));
      n.add(s.emergency ? "急诊" : "门诊").add(d.chance(0.5) ? "以“" : "拟“");
      if (s.mainUncertain && d.chance(0.5)) {
        disease(n, s.main, UNC);
        n.add("待查");
      } else {
        disease(n, s.main, 0);
      }
      n.add("”收入我科。");
    }
    n.add(who).add("自发病以来，").add(d.pick(GENERAL)).add("，").add(d.pick(BOWEL)).add("，");
    if (has(syms, "weight_loss")) {
      n.add("近期体重下降约").add(d.between(3, 10)).add("kg。");
    } else {
      n.add(d.pick(new String[] {"体重无明显变化。", "近期体重无明显增减。"}));
    }
  }

  private static boolean has(List<Vocabulary.Symptom> syms, String id) {
    for (Vocabulary.Symptom s : syms) {
      if (s.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static void symptomList(NoteText n, Stay s, String joiner) {
    for (int i = 0; i < s.complaintSymptoms.size(); i++) {
      if (i > 0) {
        n.add(i == 1 ? joiner : "、");
      }
      symptom(n, s.complaintSymptoms.get(i), s.complaintSurfaces.get(i), 0);
    }
  }

  private static String screeningExam(Stay s) {
    String c = s.main.icd10();
    if (c.startsWith("C73") || c.startsWith("E04")) {
      return "甲状腺彩超";
    }
    if (c.startsWith("C50") || c.startsWith("D24")) {
      return "乳腺彩超";
    }
    if (c.startsWith("C34") || c.startsWith("D14") || c.startsWith("D15")) {
      return "胸部CT";
    }
    if (c.startsWith("D3") || c.startsWith("I67")) {
      return "头颅MRI";
    }
    if (c.startsWith("K63")) {
      return "结肠镜";
    }
    if (c.startsWith("N") || c.startsWith("D25") || c.startsWith("C53")) {
      return s.dept.code().equals("URO") ? "泌尿系彩超" : "妇科彩超及宫颈筛查";
    }
    return "彩超";
  }

  private void pregnancyHistory(NoteText n, PatientBuild b, Stay s, String dur) {
    Dice d = b.dice;
    LocalDate lmp = s.admit.toLocalDate().minusDays(s.gestWeeks * 7L + s.gestDays);
    n.add("患者平素月经规律，末次月经").add(Fmt.date(lmp)).add("，预产期").add(Fmt.date(lmp.plusDays(280))).add("。");
    n.add(d.pick(new String[] {"停经早期无明显恶心、呕吐等早孕反应", "停经40余天出现轻度早孕反应", "孕早期无阴道流血"}));
    n.add("，孕期").add(d.pick(new String[] {"定期产检", "于我院定期产检", "规律产检"}));
    String c = s.main.icd10();
    if (c.startsWith("O24")) {
      n.add("，孕24周行OGTT提示");
      disease(n, s.main, 0);
      n.add("，予饮食控制");
    } else if (c.startsWith("O13") || c.startsWith("O14")) {
      n.add("，孕晚期发现血压升高，最高达").add(s.sbp).add('/').add(s.dbp).add("mmHg");
    } else if (c.startsWith("O34")) {
      n.add("，").add(d.between(2, 8)).add("年前行");
      n.fact("剖宫产术", "operation", "74.1", HIST);
    }
    n.add("。").add(dur).add("前出现");
    symptomList(n, s, "，伴");
    n.add("，").add(d.pick(new String[] {"无阴道流血", "胎动如常", "自觉胎动好"})).add("。");
  }

  private void pastHistory(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    Person p = b.person;
    if (p.comorbidities.isEmpty()) {
      n.add("平素身体").add(d.pick(new String[] {"健康状况一般", "体健", "健康状况良好"})).add("。");
    }
    for (int i = 0; i < p.comorbidities.size(); i++) {
      comorbidityHistory(n, b, s, p.comorbidities.get(i), p.comorbidityYears.get(i));
    }
    List<String[]> negs = new ArrayList<>();
    addNeg(negs, p, s, "I10", "高血压");
    addNeg(negs, p, s, "E11.9", "糖尿病");
    addNeg(negs, p, s, "I25.1", "冠心病");
    if (d.chance(0.4)) {
      addNeg(negs, p, s, "I63.9", "脑梗死");
    }
    if (!negs.isEmpty() && s.ageAtAdmit >= 18) {
      n.add("否认");
      for (int i = 0; i < negs.size(); i++) {
        if (i > 0) {
          n.add("、");
        }
        n.fact(negs.get(i)[1], "disease", negs.get(i)[0], NEG | HIST);
      }
      n.add(d.pick(new String[] {"病史。", "等慢性病史。", "等病史。"}));
    }
    if (p.has("B18.1")) {
      n.add("有乙肝病史，");
    } else {
      n.add("否认");
      n.fact("肝炎", "disease", "B19.9", NEG | HIST).add("、");
      n.fact("结核", "disease", "A16.9", NEG | HIST).add("等传染病史，");
    }
    if (!p.has("Z86.7") && d.chance(0.3)) {
      n.add("否认");
      n.fact("深静脉血栓", "disease", "I80.2", NEG | HIST).add("病史，");
    }
    if (p.pastSurgery != null) {
      Person.PastSurgery ps = p.pastSurgery;
      n.add(ps.yearsAgo()).add("年前因");
      n.fact(ps.reason(), "disease", ps.reasonCode(), HIST)
          .add("于")
          .add(d.pick(new String[] {"当地医院", "外院", "我院"}))
          .add("行");
      n.fact(ps.opName(), "operation", ps.opCode(), HIST).add("，术后恢复可，");
      n.add("否认外伤史，");
    } else {
      n.add("否认");
      n.fact("手术", "operation", "procedure:surgery", NEG | HIST).add("、外伤史，");
    }
    n.add("否认输血史，");
    if (p.penicillinAllergy) {
      n.add("有");
      n.fact("青霉素", "drug", "drug:penicillin", HIST).add("过敏史，");
    } else {
      n.add("否认药物、食物过敏史，");
    }
    n.add("预防接种史随当地。");
  }

  private static void addNeg(List<String[]> negs, Person p, Stay s, String code, String name) {
    String cat = code.substring(0, 3);
    if (s.main.icd10().startsWith(cat)) {
      return;
    }
    for (Vocabulary.Disease c : p.comorbidities) {
      if (c.icd10().startsWith(cat)) {
        return;
      }
    }
    negs.add(new String[] {code, name});
  }

  private void comorbidityHistory(
      NoteText n, PatientBuild b, Stay s, Vocabulary.Disease c, int years) {
    Dice d = b.dice;
    switch (c.icd10()) {
      case "Z86.7" -> {
        n.add(years).add("年前曾患").add(s.side).add("下肢");
        n.fact("深静脉血栓形成", "disease", "I80.2", HIST);
        n.add(d.pick(new String[] {"，经抗凝治疗后好转。", "，曾口服华法林治疗半年。", "，规律抗凝治疗3月。"}));
        return;
      }
      case "Z95.5" -> {
        n.add(years).add("年前因冠心病行");
        n.fact("冠状动脉支架植入术", "operation", "36.07", HIST);
        n.add("，术后长期口服");
        drug(n, v.drug("aspirin"), HIST);
        n.add("。");
        return;
      }
      case "I83.9" -> {
        n.add("发现");
        n.fact("双下肢静脉曲张", "disease", "I83.9", HIST);
        n.add(years).add("年，未予治疗。");
        return;
      }
      case "D68.6" -> {
        n.add(years).add("年前于外院诊断为");
        disease(n, c, HIST);
        n.add("。");
        return;
      }
      default -> {}
    }
    n.add(d.chance(0.5) ? "有" : "既往有");
    disease(n, c, HIST);
    n.add("病史").add(years).add(d.chance(0.3) ? "余年" : "年");
    if (!c.drugs().isEmpty()) {
      Vocabulary.Drug drug = c.drugs().get(0).get(0);
      n.add("，")
          .add(d.pick(new String[] {"规律", "长期", "平素"}))
          .add(drug.route() != null && drug.route().equals("皮下注射") ? "使用" : "口服");
      drug(n, drug, HIST);
      n.add("治疗").add(d.pick(new String[] {"，控制可", "，控制欠佳", "", "，未规律监测"}));
    } else {
      n.add(d.pick(new String[] {"，未规律治疗", "，未予特殊处理", ""}));
    }
    n.add("。");
  }

  private void personalHistory(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    Person p = b.person;
    if (s.ageAtAdmit < 14) {
      n.add(d.pick(new String[] {"足月顺产，", "足月剖宫产，"})).add("生长发育同正常同龄儿，按时预防接种。");
      return;
    }
    n.add("生于").add(p.region.province()).add(p.region.city().equals("市辖区") ? "" : p.region.city());
    n.add("，久居本地，").add(d.pick(new String[] {"无疫区、疫水接触史", "否认疫区居留史", "无特殊化学品及放射线接触史"})).add("。");
    if (p.smoker) {
      n.add("吸烟").add(p.smokingYears).add("年，每日约").add(p.cigarettesPerDay).add("支");
      n.add(d.chance(0.6) ? "，未戒烟。" : "，已戒烟" + d.between(1, 10) + "年。");
    } else {
      n.add("否认吸烟史。");
    }
    n.add(
        p.drinker ? "饮酒" + d.between(5, 30) + "年，每日约" + 50 * d.between(1, 6) + "ml白酒。" : "否认饮酒史。");
    if (p.oralContraceptive) {
      n.add(d.pick(new String[] {"长期口服", "近1年口服", "间断口服"}));
      n.fact("避孕药", "drug", "drug:oral_contraceptive", 0).add("。");
    }
    if (p.hormoneReplacement) {
      n.add("绝经后行");
      n.fact("激素替代治疗", "drug", "drug:hormone_replacement", 0).add("。");
    }
  }

  private void maritalHistory(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    Person p = b.person;
    if (!p.married) {
      n.add("未婚未育。");
      return;
    }
    n.add(Math.min(s.ageAtAdmit, d.between(22, 30)))
        .add("岁结婚，配偶")
        .add(d.pick(new String[] {"体健", "健在", "身体健康"}));
    if (s.main.onset() == 'P') {
      int para = p.sons + p.daughters;
      n.add("，G").add(para + 1 + d.between(0, 1)).add('P').add(para).add("。");
      return;
    }
    n.add("，");
    if (p.sons + p.daughters == 0) {
      n.add("未育。");
      return;
    }
    n.add("育有");
    if (p.sons > 0) {
      n.add(p.sons).add('子');
    }
    if (p.daughters > 0) {
      n.add(p.daughters).add('女');
    }
    n.add(d.pick(new String[] {"，均体健。", "，子女体健。", "。"}));
  }

  private void menstrualHistory(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    Person p = b.person;
    n.add(p.menarche).add("岁初潮，经期").add(p.periodDays).add("天，周期").add(p.cycleDays).add("天，");
    if (s.main.onset() == 'P' && s.gestWeeks > 0) {
      n.add("末次月经")
          .add(Fmt.date(s.admit.toLocalDate().minusDays(s.gestWeeks * 7L + s.gestDays)))
          .add("。");
    } else if (p.menopauseAge > 0 && p.menopauseAge <= s.ageAtAdmit) {
      n.add(p.menopauseAge).add("岁绝经。");
    } else {
      n.add("末次月经").add(Fmt.date(s.admit.toLocalDate().minusDays(d.between(3, 27)))).add("，");
      n.add(d.pick(new String[] {"经量中等，无痛经。", "月经规律，无痛经。", "经量中等，偶有痛经。"}));
    }
  }

  private void familyHistory(NoteText n, PatientBuild b) {
    Dice d = b.dice;
    Person p = b.person;
    if (p.relatives.isEmpty()) {
      n.add(d.pick(new String[] {"父母健在，", "父亲已故，死因不详，", "", "父母体健，"}));
      if (d.chance(0.15)) {
        n.add("否认家族中");
        n.fact("静脉血栓", "disease", "I80.2", NEG | FAM).add("病史，");
      }
      n.add(d.pick(new String[] {"否认家族遗传病及传染病史。", "否认家族中类似疾病史。", "家族中无类似病史。"}));
      return;
    }
    for (Person.Relative r : p.relatives) {
      n.add(r.relation()).add(d.pick(new String[] {"有", "患", "既往有"}));
      n.fact(r.disease().name(), "disease", r.disease().icd10(), FAM);
      n.add(d.chance(0.6) ? "病史，" : "，");
    }
    n.add(d.pick(new String[] {"否认其他家族遗传病史。", "余无特殊。", "否认家族遗传病史。"}));
  }

  private void generalExam(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    boolean coma = PatientGenerator.has(s, "consciousness");
    if (coma) {
      n.add("神志");
      n.fact("不清", "symptom", "symptom:consciousness", 0).add("，呼之不应，平车推入病房。");
    } else {
      n.add(
          d.pick(
              new String[] {"发育正常，营养中等，神志清楚，精神可，", "神志清，精神可，发育正常，营养良好，", "神志清楚，精神稍差，发育正常，营养中等，"}));
      n.add(s.vte.contains("fracture_lower") || s.vte.contains("bed_rest") ? "平车推入病房，" : "步入病房，");
      n.add("查体合作。");
    }
    n.add("全身皮肤黏膜");
    if (PatientGenerator.has(s, "jaundice")) {
      n.fact("黄染", "symptom", "symptom:jaundice", 0);
    } else {
      n.add("无");
      n.fact("黄染", "symptom", "symptom:jaundice", NEG);
    }
    n.add("，浅表淋巴结未触及肿大。");
    n.add("双肺呼吸音");
    if (s.main.icd10().startsWith("J1")
        || s.main.icd10().startsWith("J4")
        || s.main.icd10().startsWith("J69")
        || s.main.icd10().startsWith("I50")) {
      n.add(d.chance(0.5) ? "粗，" : "低，").add(s.side == '左' ? "左下肺" : "双下肺").add("可闻及");
      n.fact("湿性啰音", "symptom", "sign:rales", 0).add("。");
    } else {
      n.add("清，未闻及");
      n.fact("干湿性啰音", "symptom", "sign:rales", NEG).add("。");
    }
    n.add("心率").add(s.pulse).add("次/分，");
    if (s.main.icd10().startsWith("I48") || b.person.has("I48")) {
      n.add("心律绝对不齐，第一心音强弱不等，");
    } else {
      n.add("律齐，");
    }
    n.add("各瓣膜听诊区未闻及");
    n.fact("病理性杂音", "symptom", "sign:murmur", NEG).add("。");
    if (s.dept.code().equals("GS") || s.dept.code().equals("GI")) {
      n.add("腹部查体见专科情况。");
    } else {
      n.add("腹平软，全腹无");
      n.fact("压痛", "symptom", "sign:tenderness", NEG).add("、");
      n.fact("反跳痛", "symptom", "sign:rebound_tenderness", NEG).add("，肝脾肋下未触及。");
    }
    if (s.vte.contains("leg_swelling")) {
      n.add(s.side).add("下肢");
      n.fact("肿胀", "symptom", "symptom:leg_swelling", 0).add("，皮温稍高。");
    } else if (PatientGenerator.has(s, "edema")) {
      n.add("双下肢");
      n.fact("凹陷性水肿", "symptom", "symptom:edema", 0).add("。");
    } else {
      n.add("双下肢无");
      n.fact("水肿", "symptom", "symptom:edema", NEG).add("。");
    }
    if (s.vte.contains("varicose")) {
      n.add("双下肢可见");
      n.fact("静脉曲张", "disease", "I83.9", 0).add("。");
    }
    n.add("生理反射存在，病理反射未引出。");
  }

  private void specialtyExam(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    String c = s.main.icd10();
    String side = String.valueOf(s.side);
    switch (s.dept.code()) {
      case "ORTH" -> {
        n.fact(orthoSite(c, side), "anatomy", "anatomy:" + orthoSiteId(c), 0);
        n.add(d.pick(new String[] {"肿胀明显，", "局部肿胀，", "外观无明显畸形，"})).add("压痛（+），");
        if (c.startsWith("S72")) {
          n.add(side).add("下肢短缩、外旋畸形，");
        }
        if (c.startsWith("S")) {
          n.add(d.pick(new String[] {"可触及骨擦感，", "纵向叩击痛（+），", "可及异常活动，"}));
        }
        n.add("活动受限，").add(d.pick(new String[] {"足背动脉搏动可触及，末梢血运良好。", "远端感觉、血运正常。", "末梢血运及感觉良好。"}));
      }
      case "GS", "GI" -> {
        if (c.startsWith("C73") || c.startsWith("E04")) {
          n.fact("颈前区", "anatomy", "anatomy:neck_anterior", 0);
          n.add("可触及一大小约")
              .add(d.between(1, 4))
              .add("cm×")
              .add(d.between(1, 3))
              .add("cm肿物，质")
              .add(c.startsWith("C") ? "硬" : "韧")
              .add("，随吞咽上下活动。");
        } else if (c.startsWith("C50") || c.equals("D24")) {
          n.fact(side + "侧乳房", "anatomy", "anatomy:breast", 0);
          n.add("外上象限可触及一大小约")
              .add(d.between(1, 4))
              .add("cm肿块，质")
              .add(c.startsWith("C") ? "硬，边界不清，活动度差" : "韧，边界清，活动度好")
              .add("。");
        } else if (c.startsWith("K64") || c.startsWith("K60")) {
          n.fact("肛门", "anatomy", "anatomy:anus", 0)
              .add("视诊：截石位")
              .add(d.between(3, 11))
              .add("点可见")
              .add(c.startsWith("K64") ? "痔核脱出" : "外口，挤压有脓性分泌物")
              .add("。");
        } else if (c.startsWith("K40")) {
          n.fact(side + "侧腹股沟区", "anatomy", "anatomy:inguinal", 0)
              .add("可见一约")
              .add(d.between(3, 6))
              .add("cm包块，站立时明显，平卧可回纳。");
        } else if (c.startsWith("I83")) {
          n.fact(side + "下肢", "anatomy", "anatomy:lower_limb", 0).add("大隐静脉走行区可见");
          n.fact("静脉迂曲扩张", "symptom", "symptom:varicose_sign", 0).add("，无色素沉着及溃疡。");
        } else {
          n.add("腹部").add(d.pick(new String[] {"平坦，", "稍膨隆，"})).add("未见胃肠型及蠕动波，");
          String site = abdomenSite(c);
          n.fact(
              site,
              "anatomy",
              "anatomy:" + (site.equals("右上腹") ? "ruq" : site.equals("右下腹") ? "rlq" : "abdomen"),
              0);
          n.fact("压痛", "symptom", "sign:tenderness", 0).add("（+），");
          if (c.startsWith("K35") || c.startsWith("K81")) {
            n.fact("反跳痛", "symptom", "sign:rebound_tenderness", 0).add("（+），");
          }
          n.add(c.startsWith("K80") || c.startsWith("K81") ? "Murphy征（+），" : "")
              .add("肠鸣音")
              .add(d.between(2, 5))
              .add("次/分。");
        }
      }
      case "NEUR", "NSUR" -> {
        n.add("神志")
            .add(PatientGenerator.has(s, "consciousness") ? "模糊" : "清楚")
            .add("，言语")
            .add(PatientGenerator.has(s, "speech") ? "含糊" : "清晰");
        n.add("，双侧瞳孔等大等圆，直径约3mm，对光反射灵敏。");
        if (PatientGenerator.has(s, "limb_weakness")) {
          n.add(side).add("侧");
          n.fact("肢体", "anatomy", "anatomy:limb", 0)
              .add("肌力")
              .add(d.between(1, 4))
              .add("级，肌张力")
              .add(d.chance(0.5) ? "增高" : "正常")
              .add("，")
              .add(side)
              .add("侧巴氏征（+）。");
        } else {
          n.add("四肢肌力5级，肌张力正常，双侧巴氏征（-）。");
        }
      }
      case "OBST" -> {
        if (s.gestWeeks >= 24) {
          n.add("宫高")
              .add(d.between(30, 36))
              .add("cm，腹围")
              .add(d.between(90, 105))
              .add("cm，胎方位")
              .add(s.main.icd10().startsWith("O32") ? "LSA" : d.chance(0.7) ? "LOA" : "ROA");
          n.add("，胎心率")
              .add(d.between(130, 155))
              .add("次/分，")
              .add(d.pick(new String[] {"可及规律宫缩。", "未及明显宫缩。", "宫缩间隔5-6分钟，持续30秒。"}));
        } else {
          n.add("腹软，无压痛，宫底未及。");
        }
      }
      case "GYN" -> {
        n.add("妇科检查：外阴已婚式，阴道通畅，");
        n.fact("宫颈", "anatomy", "anatomy:cervix", 0)
            .add(c.startsWith("C53") || c.startsWith("N87") ? "糜烂样改变，接触性出血（+），" : "光滑，");
        n.fact("子宫", "anatomy", "anatomy:uterus", 0)
            .add(c.startsWith("D25") ? "增大如孕" + d.between(8, 12) + "周大小，质硬，" : "前位，大小正常，")
            .add("双附件区")
            .add(
                c.startsWith("N83") || c.startsWith("N80")
                    ? "可触及一约" + d.between(4, 8) + "cm囊性包块。"
                    : "未及明显异常。");
      }
      case "URO" -> {
        n.add("双肾区无隆起，");
        n.fact(side + "肾区", "anatomy", "anatomy:kidney", 0)
            .add(c.startsWith("N2") ? "叩击痛（+），" : "叩击痛（-），")
            .add("输尿管走行区无压痛，");
        n.add(c.startsWith("N40") || c.startsWith("C61") ? "直肠指检：前列腺II度增大，中央沟变浅。" : "膀胱区无隆起。");
      }
      case "CARD" ->
          n.add("心前区无隆起，心尖搏动位于第5肋间左锁骨中线内0.5cm，心界").add(s.main.has("chf") ? "向左下扩大。" : "不大。");
      case "RESP", "INF", "GER", "ICU" -> {
        n.add(s.main.icd10().startsWith("J44") ? "桶状胸，" : "胸廓对称，")
            .add("呼吸运动")
            .add(PatientGenerator.has(s, "dyspnea") ? "增强" : "正常")
            .add("，双肺叩诊")
            .add(s.main.icd10().startsWith("J44") ? "呈过清音。" : "呈清音。");
      }
      default -> n.add("详见体格检查。");
    }
  }

  private static String orthoSite(String c, String side) {
    if (c.startsWith("S72") || c.startsWith("M16") || c.startsWith("M87")) {
      return side + "髋部";
    }
    if (c.startsWith("S82")) {
      return c.startsWith("S82.6") ? side + "踝部" : side + "小腿";
    }
    if (c.startsWith("S42") || c.startsWith("M75")) {
      return side + "肩部";
    }
    if (c.startsWith("S52")) {
      return side + "腕部";
    }
    if (c.startsWith("M17") || c.startsWith("S83")) {
      return side + "膝关节";
    }
    if (c.startsWith("S32.4") || c.startsWith("S32.8")) {
      return "骨盆";
    }
    if (c.startsWith("S14")) {
      return "颈部";
    }
    return "腰部";
  }

  private static String orthoSiteId(String c) {
    if (c.startsWith("S72") || c.startsWith("M16") || c.startsWith("M87")) {
      return "hip";
    }
    if (c.startsWith("S82")) {
      return c.startsWith("S82.6") ? "ankle" : "lower_leg";
    }
    if (c.startsWith("S42") || c.startsWith("M75")) {
      return "shoulder";
    }
    if (c.startsWith("S52")) {
      return "wrist";
    }
    if (c.startsWith("M17") || c.startsWith("S83")) {
      return "knee";
    }
    if (c.startsWith("S32.4") || c.startsWith("S32.8")) {
      return "pelvis";
    }
    if (c.startsWith("S14")) {
      return "neck";
    }
    return "lumbar";
  }

  private static String abdomenSite(String c) {
    if (c.startsWith("K80") || c.startsWith("K81") || c.startsWith("C22")) {
      return "右上腹";
    }
    if (c.startsWith("K35")) {
      return "右下腹";
    }
    if (c.startsWith("K85") || c.startsWith("K2") || c.startsWith("C16")) {
      return "中上腹";
    }
    return "下腹部";
  }

  // ---------------------------------------------------------------- progress notes

  private void firstProgressNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.admit, 40, 420, 8);
    if (createdAt.isAfter(b.now)) {
      return;
    }
    NoteText n = begin(b);
    Person p = b.person;
    n.add("首次病程记录\n").add(Fmt.time(createdAt)).add('\n');
    n.add("病例特点：\n1.患者")
        .add(p.name)
        .add("，")
        .add(sexText(b))
        .add("，")
        .add(s.ageAtAdmit)
        .add("岁，因“");
    complaint(n, s);
    n.add("”于").add(Fmt.time(s.admit)).add("入院。\n");
    n.add("2.");
    List<Vocabulary.Disease> chronic = new ArrayList<>();
    for (Vocabulary.Disease c : p.comorbidities) {
      if (!c.icd10().startsWith("Z")) {
        chronic.add(c);
      }
    }
    if (!chronic.isEmpty()) {
      n.add("既往有");
      for (int i = 0; i < chronic.size(); i++) {
        if (i > 0) {
          n.add("、");
        }
        disease(n, chronic.get(i), HIST);
      }
      n.add("病史。");
    } else {
      n.add("既往体健。");
    }
    if (p.relatives.isEmpty()) {
      n.add("家族史无特殊。\n");
    } else {
      n.add(p.relatives.get(0).relation()).add("有");
      n.fact(
              p.relatives.get(0).disease().name(),
              "disease",
              p.relatives.get(0).disease().icd10(),
              FAM)
          .add("病史。\n");
    }
    n.add("3.查体：");
    vitalsLine(n, s.temp, s.pulse, s.resp, s.sbp, s.dbp);
    n.add("。\n4.辅助检查：");
    labSummary(n, s, s.admit.minusHours(1), createdAt, true);
    n.add("。\n拟诊讨论：\n");
    n.add(
        d.pick(
            new String[] {"诊断依据：根据患者病史、症状、体征及辅助检查，", "诊断依据：结合患者临床表现及相关检查，", "根据患者病史特点及辅助检查结果，"}));
    if (s.mainUncertain) {
      n.add("考虑");
      disease(n, s.main, UNC);
      n.add("可能性大，待进一步检查明确。\n");
    } else {
      n.add(d.pick(new String[] {"初步诊断为", "诊断明确：", "目前诊断"}));
      disease(n, s.main, 0);
      n.add("。\n");
    }
    List<Vocabulary.Disease> ddx = differentials(d, s);
    if (!ddx.isEmpty()) {
      n.add("鉴别诊断：").add(d.pick(new String[] {"需与", "本病应与", "注意与"}));
      for (int i = 0; i < ddx.size(); i++) {
        if (i > 0) {
          n.add("、");
        }
        disease(n, ddx.get(i), UNC);
      }
      n.add(d.pick(new String[] {"相鉴别，", "等疾病相鉴别，"})).add("必要时完善相关检查以明确。\n");
    }
    n.add("诊疗计划：\n1.")
        .add(d.pick(new String[] {"完善血常规、凝血功能、肝肾功能等相关检查", "完善入院常规检查", "完善三大常规、生化及影像学检查"}))
        .add("；\n2.");
    treatmentPlan(n, b, s);
    n.add("；\n3.");
    vtePlan(n, b, s, false);
    if (s.op != null && s.main.onset() == 'P' && s.op.approach().equals("vaginal")) {
      n.add("；\n4.待产，严密观察产程进展，必要时行");
      operation(n, s.op, 0);
    } else if (s.op != null) {
      n.add("；\n4.拟").add(s.emergency ? "急诊" : d.chance(0.5) ? "择期" : "限期").add("行");
      operation(n, s.op, 0);
      n.add("，完善术前准备，向家属交代病情及手术风险");
    }
    n.add("。\n医师签名：").add(d.pick(staff.doctors(s.dept.code()).subList(5, 8)).name()).add('\n');
    finish(b, s, n, DocumentType.FIRST_PROGRESS_NOTE, s.doctor.name(), s.admit, createdAt);
  }

  private List<Vocabulary.Disease> differentials(Dice d, Stay s) {
    List<Vocabulary.Disease> out = new ArrayList<>();
    List<Vocabulary.Disease> pool = s.dept.cases().items();
    for (int tries = 0; tries < 6 && out.size() < 2 && pool.size() > 1; tries++) {
      Vocabulary.Disease x = d.pick(pool);
      if (x != s.main
          && !out.contains(x)
          && (x.sex() == ' ' || x.sex() == (s.main.sex() == ' ' ? x.sex() : s.main.sex()))) {
        out.add(x);
      }
    }
    return out;
  }

  private void treatmentPlan(NoteText n, PatientBuild b, Stay s) {
    List<Vocabulary.Drug> shown = new ArrayList<>();
    for (MedicationOrder o : s.orders) {
      Vocabulary.Drug drug = v.drugs.get(o.item().standard().code());
      if (drug == null
          || o.category() != OrderCategory.DRUG
          || shown.contains(drug)
          || isProphylaxis(drug)
          || o.startAt().isAfter(s.admit.plusHours(12))) {
        continue;
      }
      shown.add(drug);
      if (shown.size() == 3) {
        break;
      }
    }
    if (shown.isEmpty()) {
      n.add(b.dice.pick(new String[] {"予对症支持治疗", "暂予对症处理，密切观察病情"}));
      return;
    }
    n.add("予");
    for (int i = 0; i < shown.size(); i++) {
      if (i > 0) {
        n.add("、");
      }
      drug(n, shown.get(i), 0);
    }
    n.add(b.dice.pick(new String[] {"等治疗", "等药物治疗", "治疗"}));
  }

  private static boolean isProphylaxis(Vocabulary.Drug drug) {
    return switch (drug.drugClass()) {
      case "lmwh", "ufh", "fondaparinux", "doac_prophylaxis", "mechanical" -> true;
      default -> false;
    };
  }

  /** The VTE assessment sentence; it states exactly the prophylaxis that the orders carry out. */
  private void vtePlan(NoteText n, PatientBuild b, Stay s, boolean postOp) {
    Dice d = b.dice;
    if (s.ageAtAdmit < 14) {
      n.add("注意休息，加强护理");
      return;
    }
    boolean assessed = d.chance(0.9);
    if (assessed && !postOp) {
      n.add("入院后行")
          .add(s.surgicalModel ? "Caprini" : "Padua")
          .add("血栓风险评估，评分")
          .add(s.score)
          .add("分，属")
          .add(s.riskBand);
      n.add("，");
    }
    if (s.therapeuticAnticoagulation) {
      n.add("患者已予抗凝治疗，注意监测出血情况");
      return;
    }
    MedicationOrder pharm = s.pharmDrug == null ? null : orderFor(s, s.pharmDrug);
    MedicationOrder mech = s.mechDrug == null ? null : orderFor(s, s.mechDrug);
    boolean said = false;
    if (pharm != null && (postOp || s.opEnd == null)) {
      n.add(postOp ? "术后" : "").add("予");
      drug(n, s.pharmDrug, 0);
      n.add(doseText(pharm)).add("预防血栓");
      said = true;
    } else if (pharm != null) {
      n.add("拟术后予");
      drug(n, s.pharmDrug, 0);
      n.add("预防血栓");
      said = true;
    }
    if (mech != null) {
      n.add(said ? "，联合" : "予");
      drug(n, s.mechDrug, 0);
      n.add("物理预防");
      said = true;
    }
    if (s.bleedingRisk && pharm == null) {
      n.add(said ? "；" : "").add("患者出血风险高，暂不予药物抗凝");
      said = true;
    }
    if (!said) {
      n.add(d.pick(new String[] {"嘱患者早期下床活动", "嘱多饮水、适当活动双下肢", "注意观察双下肢情况"}));
    }
  }

  private void attendingRound(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.admit, 12 * 60, 40 * 60, 48);
    if (createdAt.isAfter(b.now) || !createdAt.isBefore(s.end)) {
      return;
    }
    Staff.Doctor attending = staff.doctors(s.dept.code()).get(d.between(3, 5));
    NoteText n = begin(b);
    n.add("主治医师首次查房记录\n").add(Fmt.time(createdAt)).add('\n');
    n.add(attending.name()).add("主治医师查房：患者").add(d.pick(new String[] {"今日", "入院后", ""}));
    if (!s.complaintSymptoms.isEmpty()) {
      n.add("诉");
      symptom(n, s.complaintSymptoms.get(0), s.complaintSurfaces.get(0), 0);
      n.add(d.pick(new String[] {"较前稍缓解", "无明显变化", "仍较明显"})).add("，");
    }
    negations(n, d, s, "无");
    n.add("查体：神志清，心肺查体同前。");
    n.add("主治医师分析：结合病史及辅助检查，");
    if (s.mainUncertain) {
      n.add("目前考虑");
      disease(n, s.main, UNC);
      n.add("可能，需进一步完善检查明确诊断。");
    } else {
      n.add("目前诊断");
      disease(n, s.main, 0);
      n.add("明确。");
    }
    n.add("指示：").add(d.pick(new String[] {"继续完善相关检查，", "同意目前治疗方案，", "加强病情观察，"}));
    n.add(d.pick(new String[] {"注意监测生命体征。", "待检查结果回报后调整治疗方案。", "向患者及家属交代病情。"}));
    n.add("\n医师签名：").add(attending.name()).add('\n');
    finish(b, s, n, DocumentType.ATTENDING_ROUND_NOTE, attending.name(), s.admit, createdAt);
  }

  private void progressNotes(PatientBuild b, Stay s) {
    Dice d = b.dice;
    int interval =
        s.dept.code().equals("ICU") || s.main.severity() >= 3 ? 1 : s.main.severity() == 2 ? 2 : 3;
    LocalDate last = s.end.toLocalDate();
    LocalDateTime lastNote = s.admit;
    for (LocalDate day = s.admit.toLocalDate().plusDays(2);
        day.isBefore(last);
        day = day.plusDays(interval)) {
      LocalDateTime event = day.atTime(8, 0);
      LocalDateTime createdAt = event.plusMinutes(d.between(60, 300));
      if (createdAt.isAfter(b.now) || !createdAt.isBefore(s.end)) {
        break;
      }
      // A few routine notes are never written: the frequency rule of 《病历书写基本规范》 then fails.
      if (d.chance(0.04)) {
        continue;
      }
      progressNote(b, s, day, event, createdAt, lastNote);
      lastNote = createdAt;
    }
    if (s.dvtAt != null) {
      dvtNote(b, s);
    }
  }

  private void progressNote(
      PatientBuild b,
      Stay s,
      LocalDate day,
      LocalDateTime event,
      LocalDateTime createdAt,
      LocalDateTime since) {
    Dice d = b.dice;
    NoteText n = begin(b);
    n.add("日常病程记录\n").add(Fmt.time(createdAt)).add('\n');
    boolean postOp = s.opEnd != null && day.isAfter(s.opEnd.toLocalDate());
    boolean icu =
        s.icuIn != null
            && !event.isBefore(s.icuIn)
            && (s.icuOut == null || event.isBefore(s.icuOut));
    n.add("患者");
    if (postOp) {
      n.add("术后第")
          .add(
              (int)
                  Duration.between(s.opEnd.toLocalDate().atStartOfDay(), day.atStartOfDay())
                      .toDays())
          .add("天，");
    }
    if (icu || s.dept.code().equals("ICU")) {
      n.add(d.pick(new String[] {"病情危重，", "病情仍危重，", "目前病情较前稍稳定，"}));
    }
    if (!s.complaintSymptoms.isEmpty() && d.chance(0.7)) {
      n.add("诉");
      symptom(n, s.complaintSymptoms.get(0), s.complaintSurfaces.get(0), 0);
      n.add(d.pick(new String[] {"较前好转", "较前明显缓解", "仍有，程度减轻", "较前无明显变化"})).add("，");
    } else {
      n.add(d.pick(new String[] {"自觉症状较前缓解，", "未诉明显不适，", "一般情况可，"}));
    }
    negations(n, d, s, "无");
    double[] vit = s.dailyVitals.get(day);
    n.add("查体：");
    if (vit != null) {
      vitalsLine(n, vit[0], (int) vit[1], (int) vit[2], (int) vit[3], (int) vit[4]);
      n.add("，");
    }
    n.add(d.pick(new String[] {"神志清，精神可，", "神志清楚，", "精神较前好转，"}));
    if (postOp && s.op.incisional()) {
      n.add(d.pick(new String[] {"切口敷料干燥，无渗出，", "切口对合良好，无红肿，", "切口愈合可，"}));
    }
    if (s.procedure != null
        && s.procedure.icd9().startsWith("38.9")
        && s.procedureAt.isBefore(event)) {
      n.fact("中心静脉导管", "operation", s.procedure.icd9(), 0)
          .add(d.pick(new String[] {"留置中，通畅，", "在位，穿刺点无渗血，"}));
    }
    n.add("双下肢");
    if (s.dvtAt != null && !event.isBefore(s.dvtAt)) {
      n.add(s.side == '左' ? "左侧" : "右侧").add("仍稍");
      n.fact("肿胀", "symptom", "symptom:leg_swelling", 0).add("。");
    } else {
      n.add(d.chance(0.5) ? "无" : "未见");
      n.fact(d.chance(0.5) ? "肿胀" : "水肿", "symptom", "symptom:leg_swelling", NEG)
          .add(d.pick(new String[] {"。", "，腓肠肌无压痛。"}));
    }
    // Admission labs belong to the admission note; progress notes quote what was re-checked since.
    LocalDateTime from = since.isBefore(s.admit.plusHours(6)) ? s.admit.plusHours(6) : since;
    boolean labs = false;
    for (Stay.LabSet set : s.labSets) {
      if (set.collectedAt().isAfter(from)
          && set.reportedAt().isAfter(since)
          && !set.reportedAt().isAfter(createdAt)) {
        labs = true;
        break;
      }
    }
    if (labs) {
      n.add("复查结果：");
      labSummary(n, s, from, createdAt, true);
      n.add("。");
    }
    vteContinuation(n, b, s, event);
    n.add(d.pick(PLAN_END));
    n.add("\n医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.PROGRESS_NOTE, s.doctor.name(), event, createdAt);
  }

  private void vteContinuation(NoteText n, PatientBuild b, Stay s, LocalDateTime t) {
    Dice d = b.dice;
    MedicationOrder pharm = s.pharmDrug == null ? null : orderFor(s, s.pharmDrug);
    MedicationOrder mech = s.mechDrug == null ? null : orderFor(s, s.mechDrug);
    if (drugActive(pharm, t)) {
      n.add(d.pick(new String[] {"继续予", "继续使用", "维持"}));
      drug(n, s.pharmDrug, 0);
      n.add(d.pick(new String[] {"抗凝预防血栓，", "预防深静脉血栓形成，", "预防血栓，"}));
    }
    if (drugActive(mech, t)) {
      n.add("继续");
      drug(n, s.mechDrug, 0);
      n.add("，");
    }
    MedicationOrder treat = orderFor(s, v.drug("enoxaparin_treat"));
    if (drugActive(treat, t)) {
      n.add("继续");
      drug(n, v.drug("enoxaparin_treat"), 0);
      n.add("抗凝治疗，监测凝血功能，");
    }
  }

  private void dvtNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = s.dvtAt.plusMinutes(d.between(150, 300));
    if (createdAt.isAfter(b.now) || !createdAt.isBefore(s.end)) {
      return;
    }
    NoteText n = begin(b);
    String side = s.side == '左' ? "左" : "右";
    n.add("日常病程记录\n").add(Fmt.time(createdAt)).add('\n');
    n.add("患者今日诉").add(side).add("下肢");
    n.fact("肿胀", "symptom", "symptom:leg_swelling", 0)
        .add("，")
        .add(d.pick(new String[] {"伴胀痛", "活动后加重", "无胸闷、气促"}))
        .add("。");
    n.add("查体：").add(side).add("下肢周径较对侧增粗约").add(d.between(2, 4)).add("cm，腓肠肌压痛（+）。");
    n.add("急查");
    for (Stay.Exam e : s.exams) {
      if (e.concept().equals("exam:lower_limb_venous_us")
          && e.fact() != null
          && e.factFlags() == 0) {
        examFact(n, e);
        n.add("，");
        break;
      }
    }
    n.add("诊断");
    n.fact(side + "下肢深静脉血栓形成", "disease", "I80.2", 0).add("明确。");
    MedicationOrder treat = orderFor(s, v.drug("enoxaparin_treat"));
    if (treat != null) {
      n.add("请血管外科会诊后，停用预防剂量抗凝，改予");
      drug(n, v.drug("enoxaparin_treat"), 0);
      n.add(doseText(treat)).add("治疗剂量抗凝，");
    }
    n.add("嘱患肢抬高制动，注意有无");
    n.fact("胸痛", "symptom", "symptom:chest_pain", NEG | UNC).add("、");
    n.fact("呼吸困难", "symptom", "symptom:dyspnea", NEG | UNC).add("等肺栓塞表现。");
    n.add("\n医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.PROGRESS_NOTE, s.doctor.name(), s.dvtAt, createdAt);
  }

  // ---------------------------------------------------------------- operation

  private void operationNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.opEnd, 20, 600, 24);
    if (createdAt.isAfter(b.now)) {
      return;
    }
    NoteText n = begin(b);
    Vocabulary.Operation op = s.op;
    String site = PatientGenerator.sided(op.site(), s.side);
    n.add("手术记录\n手术日期：").add(Fmt.time(s.opStart)).add(" 至 ").add(Fmt.time(s.opEnd)).add('\n');
    n.add("术前诊断：");
    disease(n, s.main, 0);
    n.add("\n术后诊断：");
    disease(n, s.main, 0);
    n.add("\n手术名称：");
    operation(n, op, 0);
    n.add("\n手术者：").add(s.surgeon.name()).add("  助手：").add(s.assistant.name()).add('\n');
    n.add("麻醉方式：").add(op.anaesthesia() == null ? "无" : op.anaesthesia());
    n.add("  麻醉医师：").add(s.anaesthetist == null ? "无" : s.anaesthetist).add('\n');
    n.add("切口等级：")
        .add(op.incision() == null ? "无切口" : op.incision() + "类")
        .add("  手术级别：")
        .add(op.level())
        .add("级\n");
    n.add("手术经过：\n");
    switch (op.approach()) {
      case "lap" -> {
        n.add("患者取仰卧位，麻醉成功后常规消毒铺巾。于脐")
            .add(d.chance(0.5) ? "下缘" : "上缘")
            .add("作一约1cm切口，建立CO2气腹，压力维持在12mmHg，");
        n.add("置入腹腔镜探查：腹腔内无明显腹水，");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0)
            .add(d.pick(new String[] {"病变与术前诊断相符，", "与周围组织轻度粘连，", "充血水肿明显，"}));
        n.add("遂行");
        operation(n, op, 0);
        n.add("。创面彻底止血，冲洗术野，").add(d.chance(0.5) ? "放置引流管一根，" : "").add("解除气腹，缝合各穿刺孔。");
      }
      case "thoraco" -> {
        n.add("患者取健侧卧位，双腔气管插管，单肺通气。于腋中线第7肋间作1.5cm切口置入胸腔镜，探查胸腔内无明显积液，");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0).add("可见病灶，遂行");
        operation(n, op, 0);
        n.add("。检查支气管残端无漏气，放置胸腔引流管一根，逐层关胸。");
      }
      case "arthroplasty" -> {
        boolean hip = site.contains("髋");
        n.add("患者取").add(hip ? "侧卧位" : "仰卧位").add("，常规消毒铺巾，取");
        n.fact(site, "anatomy", hip ? "anatomy:hip" : "anatomy:knee", 0);
        n.add(hip ? d.pick(new String[] {"后外侧入路", "前外侧入路"}) : "髌旁内侧入路").add("，逐层切开，显露关节囊。");
        n.add(
            hip
                ? "截除股骨头，处理髋臼，安装髋臼假体及股骨柄假体，复位后检查关节活动度良好、稳定。"
                : "截骨后安装股骨、胫骨假体及垫片，检查膝关节屈伸活动良好，髌骨轨迹良好。");
        n.add("冲洗切口，放置引流管，逐层缝合。");
      }
      case "arthro" -> {
        n.add("常规建立关节镜前内、前外侧入路，置入关节镜探查");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0)
            .add("，见")
            .add(d.pick(new String[] {"滑膜充血增生，", "软骨面轻度磨损，"}))
            .add("遂行");
        operation(n, op, 0);
        n.add("，冲洗关节腔，缝合切口，加压包扎。");
      }
      case "endo" -> {
        n.add("患者取").add(d.pick(new String[] {"截石位", "左侧卧位", "仰卧位"})).add("，经自然腔道置入内镜，探查见");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0).add("病变，行");
        operation(n, op, 0);
        n.add("，创面无活动性出血，退出内镜。");
      }
      case "perc" -> {
        n.add("常规消毒铺巾，")
            .add(op.anaesthesia() == null ? "" : op.anaesthesia() + "成功后，")
            .add("在影像引导下穿刺，经导管到达");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0).add("，行");
        operation(n, op, 0);
        n.add("，过程顺利，拔出鞘管，局部加压包扎。");
      }
      case "vaginal" -> {
        n.add("患者取膀胱截石位，常规消毒外阴、阴道，铺无菌巾，");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0).add("暴露良好，行");
        operation(n, op, 0);
        n.add("，过程顺利。");
      }
      case "none" -> {
        n.add("行");
        operation(n, op, 0);
        n.add("，过程顺利。");
      }
      default -> {
        n.add("患者取").add(d.pick(new String[] {"仰卧位", "侧卧位", "俯卧位"})).add("，麻醉成功后常规消毒铺巾。取");
        n.fact(site, "anatomy", "anatomy:" + op.icd9(), 0);
        n.add(d.pick(new String[] {"纵行", "横行", "弧形"}))
            .add("切口，长约")
            .add(d.between(4, 20))
            .add("cm，逐层切开皮肤、皮下组织，");
        n.add(d.pick(new String[] {"仔细分离，", "钝性分离，", "电刀止血，"})).add("探查见病变与术前诊断相符，遂行");
        operation(n, op, 0);
        n.add("。彻底止血，冲洗术野，").add(d.chance(0.6) ? "放置引流管一根，" : "").add("逐层关闭切口。");
      }
    }
    n.add("\n术中出血约").add(s.bloodLossMl).add("ml，").add(s.bloodLossMl > 400 ? "输注悬浮红细胞2U，" : "未输血，");
    n.add("术毕清点器械、纱布无误。");
    if (s.main.has("malignancy")
        || s.main.icd10().startsWith("K80")
        || s.main.icd10().startsWith("K35")) {
      n.add("切除标本送病理检查。");
    }
    boolean toIcu = s.icuIn != null && !s.icuIn.isAfter(s.opEnd.plusHours(2));
    n.add(toIcu ? "术后转入重症医学科进一步监护治疗。" : d.pick(new String[] {"术后安返病房。", "患者麻醉复苏后安返病房。"}));
    n.add("\n手术医师：").add(s.surgeon.name()).add('\n');
    finish(b, s, n, DocumentType.OPERATION_NOTE, s.surgeon.name(), s.opEnd, createdAt);
  }

  private void postOperativeNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = s.opEnd.plusMinutes(d.between(15, 90));
    if (createdAt.isAfter(b.now) || !createdAt.isBefore(s.end)) {
      return;
    }
    NoteText n = begin(b);
    n.add("术后首次病程记录\n").add(Fmt.time(createdAt)).add('\n');
    n.add("患者于")
        .add(Fmt.time(s.opStart))
        .add("在")
        .add(s.op.anaesthesia() == null ? "无麻醉" : s.op.anaesthesia())
        .add("下行");
    operation(n, s.op, 0);
    n.add("，手术顺利，术中出血约").add(s.bloodLossMl).add("ml。术后诊断：");
    disease(n, s.main, 0);
    n.add("。术后处理：1.").add(d.pick(new String[] {"心电监护、吸氧，密切观察生命体征", "监测生命体征变化", "一级护理，心电监护"}));
    int i = 2;
    for (MedicationOrder o : s.orders) {
      Vocabulary.Drug drug = v.drugs.get(o.item().standard().code());
      if (drug != null
          && drug.drugClass().equals("antibiotic")
          && !o.startAt().isAfter(s.opStart)) {
        n.add("；").add(i++).add(".围手术期予");
        drug(n, drug, 0);
        n.add("预防感染");
        break;
      }
    }
    n.add("；").add(i++).add('.');
    vtePlan(n, b, s, true);
    n.add("；").add(i).add(".注意观察切口渗血及引流情况。\n医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.POSTOPERATIVE_NOTE, s.doctor.name(), s.opEnd, createdAt);
  }

  private void transferInNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.icuIn, 30, 600, 24);
    if (createdAt.isAfter(b.now)) {
      return;
    }
    Staff.Doctor icuDoctor = d.pick(staff.doctors("ICU"));
    NoteText n = begin(b);
    n.add("转入记录\n").add(Fmt.time(createdAt)).add('\n');
    n.add("患者").add(b.person.name).add("，").add(sexText(b)).add("，").add(s.ageAtAdmit).add("岁，因");
    if (s.op != null && !s.icuIn.isBefore(s.opEnd)) {
      n.add("行");
      operation(n, s.op, 0);
      n.add("术后需加强监护，");
    } else {
      disease(n, s.main, 0);
      n.add("病情加重，");
    }
    n.add("于").add(Fmt.time(s.icuIn)).add("由").add(s.dept.name()).add("转入重症医学科。");
    n.add("转入时").add(d.pick(new String[] {"神志清，精神差，", "神志模糊，", "镇静状态，"})).add("心电监护示窦性心律。");
    n.add("转入诊断：");
    disease(n, s.main, 0);
    n.add("。诊疗计划：").add(d.pick(new String[] {"予特级护理，", "予持续心电监护、吸氧，"}));
    if (s.procedure != null
        && s.procedureAt != null
        && !s.procedureAt.isBefore(s.icuIn.minusHours(6))) {
      n.add("行");
      operation(n, s.procedure, 0);
      n.add("，");
    }
    n.add("维持水电解质平衡，").add(d.pick(new String[] {"密切监测生命体征变化。", "病情稳定后转回原科室。"}));
    n.add("\n医师签名：").add(icuDoctor.name()).add('\n');
    finish(b, s, n, DocumentType.TRANSFER_IN_NOTE, icuDoctor.name(), s.icuIn, createdAt);
  }

  // ---------------------------------------------------------------- discharge and death

  private void dischargeSummary(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.discharge.minusMinutes(180), 0, 900, 27);
    if (createdAt.isAfter(b.now)) {
      return;
    }
    NoteText n = begin(b);
    n.add("出院记录\n入院日期：").add(Fmt.time(s.admit)).add("  出院日期：").add(Fmt.time(s.discharge));
    n.add("  住院天数：")
        .add(
            Math.max(
                1,
                (int)
                    Duration.between(
                            s.admit.toLocalDate().atStartOfDay(),
                            s.discharge.toLocalDate().atStartOfDay())
                        .toDays()))
        .add("天\n");
    n.add("入院情况：患者因“");
    complaint(n, s);
    n.add("”入院。入院查体：");
    vitalsLine(n, s.temp, s.pulse, s.resp, s.sbp, s.dbp);
    n.add("。\n入院诊断：\n");
    diagnosisList(n, d, s, true, false);
    n.add("诊疗经过：入院后完善相关检查，");
    labSummary(n, s, s.admit.minusHours(1), s.admit.plusHours(30), true);
    n.add("。");
    course(n, b, s);
    n.add("\n出院情况：").add(d.pick(new String[] {"患者一般情况可，", "患者症状明显缓解，", "患者病情稳定，"}));
    if (s.op != null && s.op.incisional()) {
      n.add(d.pick(new String[] {"切口愈合良好，", "切口甲级愈合，", "切口无红肿渗出，"}));
    }
    n.add(d.pick(new String[] {"生命体征平稳，准予出院。", "经上级医师同意后出院。", "予以出院。"}));
    n.add("\n出院诊断：\n");
    diagnosisList(n, d, s, false, true);
    n.add("出院医嘱：\n1.");
    dischargeMedication(n, b, s);
    n.add("\n2.").add(d.pick(new String[] {"定期门诊复查。", "出院后2周门诊复查血常规、肝肾功能。", "1月后门诊随访。"}));
    if (s.op != null && s.op.incisional()) {
      n.add("\n3.切口定期换药，术后").add(d.between(10, 14)).add("天拆线。");
    }
    n.add("\n")
        .add(s.op != null && s.op.incisional() ? 4 : 3)
        .add('.')
        .add(d.pick(new String[] {"如有不适，随时就诊。", "不适随诊。"}));
    n.add("\n医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.DISCHARGE_SUMMARY, s.doctor.name(), s.discharge, createdAt);
  }

  private void course(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    if (s.op != null) {
      n.add("于")
          .add(Fmt.chineseDate(s.opStart.toLocalDate()))
          .add("在")
          .add(s.op.anaesthesia() == null ? "无麻醉" : s.op.anaesthesia())
          .add("下行");
      operation(n, s.op, 0);
      n.add("，手术顺利。");
    }
    if (s.icuIn != null) {
      n.add(s.op != null ? "术后" : "住院期间因病情加重").add("转入重症医学科监护治疗，");
      n.add(s.icuOut != null ? "病情稳定后转回我科。" : "");
    }
    List<Vocabulary.Drug> shown = new ArrayList<>();
    for (MedicationOrder o : s.orders) {
      Vocabulary.Drug drug = v.drugs.get(o.item().standard().code());
      if (drug != null
          && o.category() != OrderCategory.NURSING
          && !shown.contains(drug)
          && shown.size() < 4
          && !drug.id().equals("enoxaparin_treat")) {
        shown.add(drug);
      }
    }
    if (!shown.isEmpty()) {
      n.add("住院期间予");
      for (int i = 0; i < shown.size(); i++) {
        if (i > 0) {
          n.add("、");
        }
        drug(n, shown.get(i), 0);
      }
      n.add(d.pick(new String[] {"等治疗。", "等对症支持治疗。"}));
    }
    if (s.dvt) {
      n.add("住院期间并发");
      n.fact("下肢深静脉血栓形成", "disease", "I80.2", 0).add("，予");
      drug(n, v.drug("enoxaparin_treat"), 0);
      n.add("治疗剂量抗凝。");
    }
  }

  private void dischargeMedication(NoteText n, PatientBuild b, Stay s) {
    Dice d = b.dice;
    if (s.dvt) {
      n.add("口服");
      drug(n, v.drug("rivaroxaban_15"), 0);
      n.add("15mg bid，3周后改为20mg qd，疗程至少3个月；");
    } else if (s.pharmDrug != null && s.vte.contains("elective_arthroplasty")) {
      n.add("继续口服");
      drug(n, v.drug("rivaroxaban_10"), 0);
      n.add("10mg qd至术后").add(s.op.name().contains("髋") ? 35 : 14).add("天；");
    }
    List<Vocabulary.Drug> home = new ArrayList<>();
    for (Vocabulary.Disease c : s.secondary) {
      if (!c.drugs().isEmpty()) {
        Vocabulary.Drug drug = c.drugs().get(0).get(0);
        if (!home.contains(drug) && drug.route() != null && drug.route().equals("口服")) {
          home.add(drug);
        }
      }
    }
    if (home.isEmpty()) {
      n.add(d.pick(new String[] {"注意休息，避免劳累。", "清淡饮食，适当活动。"}));
      return;
    }
    n.add("继续口服");
    for (int i = 0; i < home.size(); i++) {
      if (i > 0) {
        n.add("、");
      }
      drug(n, home.get(i), 0);
    }
    n.add("。");
  }

  private void deathRecord(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = created(d, s.discharge, 60, 900, 24);
    if (createdAt.isAfter(b.now)) {
      return;
    }
    NoteText n = begin(b);
    n.add("死亡记录\n入院日期：").add(Fmt.time(s.admit)).add("  死亡时间：").add(Fmt.time(s.discharge)).add('\n');
    n.add("入院情况：患者因“");
    complaint(n, s);
    n.add("”入院。\n入院诊断：\n");
    diagnosisList(n, d, s, true, false);
    n.add("诊疗经过：");
    course(n, b, s);
    int minutes = d.between(30, 60);
    n.add(Fmt.time(s.discharge.minusMinutes(minutes + d.between(5, 30)))).add("患者病情突然加重，");
    n.add(d.pick(new String[] {"出现呼吸、心跳骤停", "血压进行性下降，心率减慢", "意识丧失，大动脉搏动消失"}));
    n.add("，立即予").add(d.pick(new String[] {"胸外心脏按压", "心肺复苏"})).add("、");
    drug(n, v.drug("epinephrine"), 0);
    n.add("静推等抢救措施，经抢救").add(minutes).add("分钟无效，于").add(Fmt.time(s.discharge)).add("宣告临床死亡。\n");
    n.add("死亡原因：");
    disease(n, s.main, 0);
    n.add("\n死亡诊断：\n");
    diagnosisList(n, d, s, false, true);
    n.add("医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.DEATH_RECORD, s.doctor.name(), s.discharge, createdAt);
  }

  private void deathDiscussion(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt =
        d.chance(0.05)
            ? s.discharge.plusDays(d.between(8, 12))
            : s.discharge.plusHours(d.between(20, 160));
    if (createdAt.isAfter(b.now)) {
      return;
    }
    Staff.Doctor chief = staff.doctors(s.dept.code()).get(0);
    NoteText n = begin(b);
    n.add("死亡病例讨论记录\n讨论时间：").add(Fmt.time(createdAt)).add("\n主持人：").add(chief.name()).add("主任医师\n");
    n.add("讨论内容：").add(s.doctor.name()).add("医师汇报病史（略）。\n");
    n.add(chief.name()).add("主任医师：患者");
    disease(n, s.main, 0);
    n.add("诊断明确，").add(d.pick(new String[] {"病情危重，进展迅速，", "合并症多，基础情况差，"}));
    n.add("死亡原因考虑为");
    disease(n, s.main, UNC);
    n.add("所致").add(d.pick(new String[] {"多器官功能衰竭。", "循环衰竭。", "呼吸循环衰竭。"}));
    n.add("\n记录者：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.DEATH_DISCUSSION, chief.name(), s.discharge, createdAt);
  }

  // ---------------------------------------------------------------- outpatient

  private void outpatientNote(PatientBuild b, Stay s) {
    Dice d = b.dice;
    LocalDateTime createdAt = s.admit.plusMinutes(d.between(3, 25));
    if (createdAt.isAfter(b.now)) {
      return;
    }
    NoteText n = begin(b);
    boolean ed = s.type == io.tianshu.core.record.EncounterType.EMERGENCY;
    n.add(ed ? "急诊病历\n" : "门诊病历\n");
    n.add("就诊科室：").add(s.dept.name()).add("  就诊时间：").add(Fmt.time(s.admit)).add('\n');
    n.add("主诉：");
    complaint(n, s);
    n.add("。\n现病史：");
    n.add("患者").add(s.durationValue).add(s.durationUnit).add("前");
    char onset = s.main.onset();
    n.add(
        onset == 'T'
            ? d.pick(TRAUMA) + "后"
            : onset == 'S' ? "体检" : onset == 'C' ? d.pick(CHRONIC_START) : d.pick(ACUTE_TRIGGER));
    n.add(onset == 'S' ? "发现" : "出现");
    if (s.complaintSymptoms.isEmpty()) {
      n.add("不适");
    } else {
      symptomList(n, s, "，伴");
    }
    n.add("。");
    negations(n, d, s, "无");
    n.add("\n既往史：");
    if (b.person.comorbidities.isEmpty()) {
      n.add("否认");
      n.fact("高血压", "disease", "I10", NEG | HIST).add("、");
      n.fact("糖尿病", "disease", "E11.9", NEG | HIST).add("病史。");
    } else {
      n.add("有");
      for (int i = 0; i < b.person.comorbidities.size(); i++) {
        if (i > 0) {
          n.add("、");
        }
        disease(n, b.person.comorbidities.get(i), HIST);
      }
      n.add("病史。");
    }
    n.add(b.person.penicillinAllergy ? "青霉素过敏。" : "否认药物过敏史。");
    n.add("\n体格检查：");
    if (hasFeverVital(s)) {
      n.fact("T " + Fmt.num(s.temp, 1) + "℃", "vital", "8310-5", 0).add("，");
    }
    n.fact("P " + s.pulse + "次/分", "vital", "8867-4", 0).add("，");
    n.fact("BP " + s.sbp + "/" + s.dbp + "mmHg", "vital", "85354-9", 0).add("，");
    n.add(d.pick(new String[] {"神志清，精神可，心肺听诊无明显异常。", "一般情况可，心肺腹查体未见明显异常。", "神清，查体合作。"}));
    n.add("\n诊断：");
    if (s.mainUncertain) {
      uncertainDisease(n, d, s.main);
    } else {
      disease(n, s.main, 0);
    }
    for (Vocabulary.Disease c : s.secondary) {
      n.add("；");
      disease(n, c, 0);
    }
    n.add("\n处理：").add(d.pick(new String[] {"1.完善相关检查；", "1.完善血常规等检查；", "1.门诊随访；"}));
    Vocabulary.Drug oral = null;
    for (List<Vocabulary.Drug> g : s.main.drugs()) {
      if (g.get(0).route() != null && g.get(0).route().equals("口服")) {
        oral = g.get(0);
        break;
      }
    }
    if (oral != null) {
      n.add("2.");
      drug(n, oral, 0);
      n.add(" ").add(oral.route()).add(' ').add(oral.frequency()).add("；3.");
    } else {
      n.add("2.");
    }
    n.add(d.pick(new String[] {"不适随诊。", "1周后复诊。", "必要时住院治疗。"}));
    n.add("\n医师签名：").add(s.doctor.name()).add('\n');
    finish(b, s, n, DocumentType.OUTPATIENT_NOTE, s.doctor.name(), s.admit, createdAt);
  }

  private static boolean hasFeverVital(Stay s) {
    return s.temp >= 37.3;
  }
}
