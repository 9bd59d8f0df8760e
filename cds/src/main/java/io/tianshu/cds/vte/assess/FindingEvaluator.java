package io.tianshu.cds.vte.assess;

import io.tianshu.cds.vte.fhir.DisplayRecognizer;
import io.tianshu.cds.vte.knowledge.CodeSet;
import io.tianshu.cds.vte.knowledge.Comparison;
import io.tianshu.cds.vte.knowledge.Condition;
import io.tianshu.cds.vte.knowledge.VteKnowledge;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers knowledge-file conditions over one patient's facts at one time. One instance per
 * assessment: finding results are memoised, since several models ask for the same findings.
 */
final class FindingEvaluator {

  /** LOINC codes of a reported eGFR (MDRD, CKD-EPI 2009 and 2021 variants). */
  static final CodeSet EGFR_CODES =
      new CodeSet(
          List.of(
              "33914-3", "48642-3", "48643-1", "50044-7", "50210-4", "62238-1", "69405-9",
              "77147-7", "98979-8", "98980-6"));

  /** Serum creatinine in µmol/L (14682-9) and mg/dL (2160-0). */
  static final CodeSet CREATININE_CODES = new CodeSet(List.of("14682-9", "2160-0"));

  private final VteKnowledge knowledge;
  private final DrugClassifier drugs;
  private final PatientFacts f;
  private final List<String> icuNames;
  private final Map<String, Outcome> memo = new HashMap<>();

  FindingEvaluator(VteKnowledge knowledge, DrugClassifier drugs, PatientFacts facts) {
    this.knowledge = knowledge;
    this.drugs = drugs;
    this.f = facts;
    this.icuNames =
        knowledge.policy().icuDepartments().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
  }

  Outcome finding(String id) {
    Outcome cached = memo.get(id);
    if (cached == null) {
      cached = evaluate(knowledge.finding(id).condition());
      memo.put(id, cached);
    }
    return cached;
  }

  Outcome evaluate(Condition c) {
    if (c instanceof Condition.FindingRef r) {
      return finding(r.findingId());
    } else if (c instanceof Condition.AnyOf any) {
      return Outcome.any(any.conditions().stream().map(this::evaluate).toList());
    } else if (c instanceof Condition.AllOf all) {
      return Outcome.all(all.conditions().stream().map(this::evaluate).toList());
    } else if (c instanceof Condition.Not not) {
      Outcome o = evaluate(not.condition());
      return switch (o.status()) {
        case PRESENT -> Outcome.ABSENT;
        case ABSENT -> Outcome.present(List.of());
        case UNKNOWN -> o;
      };
    } else if (c instanceof Condition.Age a) {
      return age(a);
    } else if (c instanceof Condition.SexIs s) {
      return sex(s);
    } else if (c instanceof Condition.Bmi b) {
      return bmi(b.comparison());
    } else if (c instanceof Condition.DiagnosisCodes d) {
      return diagnosis(d);
    } else if (c instanceof Condition.OperationDone o) {
      return operation(o);
    } else if (c instanceof Condition.Lab l) {
      return lab(l);
    } else if (c instanceof Condition.Egfr e) {
      return egfr(e);
    } else if (c instanceof Condition.Vital v) {
      return vital(v);
    } else if (c instanceof Condition.Drug d) {
      return drug(d);
    } else if (c instanceof Condition.Icu) {
      return icu();
    } else if (c instanceof Condition.Note n) {
      return note(n);
    } else if (c instanceof Condition.Planned p) {
      Boolean answer = f.answers.get(p.question());
      if (answer == null) {
        return Outcome.unknown("需临床确认: " + p.question());
      }
      return answer
          ? Outcome.present(Evidence.of("answer", p.question(), null, "临床确认", f.at))
          : Outcome.ABSENT;
    }
    throw new IllegalStateException("unhandled condition " + c);
  }

  // ------------------------------------------------------------------ demographics

  Integer ageYears() {
    return f.patient.birthDate() == null
        ? null
        : Period.between(f.patient.birthDate(), f.at.toLocalDate()).getYears();
  }

  private Outcome age(Condition.Age a) {
    Integer age = ageYears();
    if (age == null) {
      return Outcome.unknown("出生日期缺失 (no birth date)");
    }
    boolean ok = (a.min() == null || age >= a.min()) && (a.max() == null || age <= a.max());
    return ok
        ? Outcome.present(
            new Evidence(
                "patient", f.patient.id(), null, "年龄 " + age + " 岁", age + " 岁", f.at, null, null))
        : Outcome.ABSENT;
  }

  private Outcome sex(Condition.SexIs s) {
    if (f.patient.sex() == null || f.patient.sex() == Sex.UNKNOWN) {
      return Outcome.unknown("性别未知 (sex unknown)");
    }
    return f.patient.sex() == s.sex()
        ? Outcome.present(
            Evidence.of("patient", f.patient.id(), null, "性别 " + f.patient.sex().chinese(), f.at))
        : Outcome.ABSENT;
  }

  private Outcome bmi(Comparison cmp) {
    for (VitalSign v : f.vitals) {
      if (v.type().name().equals("BMI")) {
        return cmp.test(v.value())
            ? Outcome.present(
                new Evidence(
                    "vital",
                    v.id(),
                    "39156-5",
                    "BMI",
                    round1(v.value()) + " kg/m²",
                    v.measuredAt(),
                    null,
                    null))
            : Outcome.ABSENT;
      }
    }
    VitalSign weight = latest(VitalType.WEIGHT);
    VitalSign height = latest(VitalType.HEIGHT);
    if (weight == null || height == null || height.value() <= 0) {
      return Outcome.unknown("缺少身高或体重 (no height/weight for BMI)");
    }
    double m = height.value() / 100.0;
    double bmi = weight.value() / (m * m);
    if (!cmp.test(bmi)) {
      return Outcome.ABSENT;
    }
    return Outcome.present(
        List.of(
            new Evidence(
                "derived",
                weight.id() + "+" + height.id(),
                "39156-5",
                "BMI = 体重/身高²",
                round1(bmi) + " kg/m²",
                weight.measuredAt(),
                null,
                null),
            new Evidence(
                "vital",
                weight.id(),
                "29463-7",
                "体重",
                round1(weight.value()) + " kg",
                weight.measuredAt(),
                null,
                null),
            new Evidence(
                "vital",
                height.id(),
                "8302-2",
                "身高",
                round1(height.value()) + " cm",
                height.measuredAt(),
                null,
                null)));
  }

  private VitalSign latest(VitalType type) {
    for (VitalSign v : f.vitals) {
      if (v.type() == type) {
        return v;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ coded facts

  private boolean inScope(
      Condition.Scope scope, String encounterId, LocalDateTime time, Duration within) {
    if (within != null && time.isBefore(f.at.minus(within))) {
      return false;
    }
    return switch (scope) {
      case ANY -> true;
      case CURRENT -> f.isCurrent(encounterId);
      case PREVIOUS -> f.isPrevious(encounterId, time);
    };
  }

  private Outcome diagnosis(Condition.DiagnosisCodes c) {
    List<Evidence> ev = new ArrayList<>();
    for (Diagnosis d : f.diagnoses) {
      if (inScope(c.scope(), d.encounterId(), d.diagnosedAt(), c.within())
          && matches(c.codes(), d.code())) {
        Code p = d.code().preferred();
        ev.add(Evidence.of("diagnosis", d.id(), p.code(), display(d.code()), d.diagnosedAt()));
      }
    }
    return ev.isEmpty() ? Outcome.ABSENT : Outcome.present(ev);
  }

  private Outcome operation(Condition.OperationDone c) {
    List<Evidence> ev = new ArrayList<>();
    String unknown = null;
    for (Operation o : f.operations) {
      if (!inScope(c.scope(), o.encounterId(), o.startedAt(), c.within())) {
        continue;
      }
      boolean coded = c.codes().isEmpty() && c.names().isEmpty();
      boolean hit =
          coded || matches(c.codes(), o.code()) || containsAny(display(o.code()), c.names());
      if (!hit || matches(c.excludeCodes(), o.code())) {
        continue;
      }
      if (!c.anaesthesia().isEmpty()
          && (o.anaesthesia() == null || !containsAny(o.anaesthesia(), c.anaesthesia()))) {
        continue;
      }
      if (c.minMinutes() != null || c.maxMinutes() != null) {
        if (o.endedAt() == null) {
          unknown = "手术时长未记录 (operation " + o.id() + " has no end time)";
          continue;
        }
        long minutes = Duration.between(o.startedAt(), o.endedAt()).toMinutes();
        if ((c.minMinutes() != null && minutes < c.minMinutes())
            || (c.maxMinutes() != null && minutes > c.maxMinutes())) {
          continue;
        }
        ev.add(
            new Evidence(
                "operation",
                o.id(),
                o.code().preferred().code(),
                display(o.code()),
                minutes + " 分钟",
                o.startedAt(),
                null,
                null));
      } else {
        ev.add(
            Evidence.of(
                "operation",
                o.id(),
                o.code().preferred().code(),
                display(o.code()),
                o.startedAt()));
      }
    }
    if (!ev.isEmpty()) {
      return Outcome.present(ev);
    }
    return unknown == null ? Outcome.ABSENT : Outcome.unknown(unknown);
  }

  private Outcome lab(Condition.Lab c) {
    boolean flagOnly = c.comparison().isAny();
    List<Evidence> ev = new ArrayList<>();
    boolean seen = false;
    for (LabResult l : f.labs) {
      if (c.within() != null && l.collectedAt().isBefore(f.at.minus(c.within()))) {
        continue;
      }
      if (!matches(c.codes(), l.item())) {
        continue;
      }
      if (flagOnly) {
        seen = true;
        if (l.flag() != null && c.flags().contains(l.flag())) {
          ev.add(labEvidence(l));
        }
        continue;
      }
      if (l.numericValue() == null) {
        continue;
      }
      // The latest numeric result decides: an old low platelet count that has recovered no longer
      // counts.
      return c.comparison().test(l.numericValue())
          ? Outcome.present(labEvidence(l))
          : Outcome.ABSENT;
    }
    if (!ev.isEmpty()) {
      return Outcome.present(ev);
    }
    if (seen || c.missing() == Condition.Missing.ABSENT) {
      return Outcome.ABSENT;
    }
    return Outcome.unknown(
        "无检验结果 (no result for "
            + String.join("/", c.codes().prefixes())
            + (c.within() == null ? "" : " within " + human(c.within()))
            + ")");
  }

  private static Evidence labEvidence(LabResult l) {
    String value =
        l.numericValue() != null
            ? trim(l.numericValue()) + (l.unit() == null ? "" : " " + l.unit())
            : l.textValue();
    return new Evidence(
        "lab",
        l.id(),
        l.item().preferred().code(),
        display(l.item()),
        value,
        l.collectedAt(),
        null,
        null);
  }

  private Outcome egfr(Condition.Egfr c) {
    for (LabResult l : f.labs) {
      if (c.within() != null && l.collectedAt().isBefore(f.at.minus(c.within()))) {
        continue;
      }
      if (matches(EGFR_CODES, l.item()) && l.numericValue() != null) {
        return c.comparison().test(l.numericValue())
            ? Outcome.present(labEvidence(l))
            : Outcome.ABSENT;
      }
    }
    Integer age = ageYears();
    for (LabResult l : f.labs) {
      if (c.within() != null && l.collectedAt().isBefore(f.at.minus(c.within()))) {
        continue;
      }
      if (matches(CREATININE_CODES, l.item()) && l.numericValue() != null) {
        if (age == null || f.patient.sex() == null || f.patient.sex() == Sex.UNKNOWN) {
          return Outcome.unknown("无法计算eGFR：缺少年龄或性别 (eGFR needs age and sex)");
        }
        double egfr = ckdEpi2009(l, age, f.patient.sex() == Sex.FEMALE);
        if (!c.comparison().test(egfr)) {
          return Outcome.ABSENT;
        }
        return Outcome.present(
            List.of(
                new Evidence(
                    "derived",
                    l.id(),
                    "62238-1",
                    "eGFR (CKD-EPI 2009, 由肌酐计算)",
                    round1(egfr) + " mL/min/1.73m²",
                    l.collectedAt(),
                    null,
                    null),
                labEvidence(l)));
      }
    }
    return Outcome.unknown(
        "无eGFR或肌酐结果 (no eGFR or creatinine"
            + (c.within() == null ? "" : " within " + human(c.within()))
            + ")");
  }

  /**
   * CKD-EPI 2009 creatinine equation without the race coefficient (Levey AS et al., Ann Intern Med
   * 2009;150:604-12). Creatinine in µmol/L unless the unit says mg/dL.
   */
  static double ckdEpi2009(LabResult creatinine, int age, boolean female) {
    double scr = creatinine.numericValue();
    String unit = creatinine.unit() == null ? "" : creatinine.unit().toLowerCase(Locale.ROOT);
    boolean mgdl = unit.contains("mg") || creatinine.item().preferred().code().equals("2160-0");
    double mg = mgdl ? scr : scr / 88.4;
    double k = female ? 0.7 : 0.9;
    double a = female ? -0.329 : -0.411;
    double ratio = mg / k;
    double egfr =
        141
            * Math.pow(Math.min(ratio, 1), a)
            * Math.pow(Math.max(ratio, 1), -1.209)
            * Math.pow(0.993, age);
    return female ? egfr * 1.018 : egfr;
  }

  private Outcome vital(Condition.Vital c) {
    for (VitalSign v : f.vitals) {
      if (c.within() != null && v.measuredAt().isBefore(f.at.minus(c.within()))) {
        break;
      }
      if (v.type() == c.type()) {
        return c.comparison().test(v.value())
            ? Outcome.present(
                new Evidence(
                    "vital",
                    v.id(),
                    v.type().loinc(),
                    v.type().chinese(),
                    trim(v.value()) + " " + v.type().unit(),
                    v.measuredAt(),
                    null,
                    null))
            : Outcome.ABSENT;
      }
    }
    return Outcome.unknown(
        "无"
            + c.type().chinese()
            + "记录"
            + (c.within() == null ? "" : " (none within " + human(c.within()) + ")"));
  }

  private Outcome drug(Condition.Drug c) {
    List<Evidence> ev = new ArrayList<>();
    for (MedicationOrder o : f.orders) {
      if (!drugs.classesOf(o.item(), o.dose()).stream().anyMatch(c.classes()::contains)) {
        continue;
      }
      boolean active = o.stopAt() == null || o.stopAt().isAfter(f.at);
      if (c.active() && !active) {
        continue;
      }
      if (c.activeForHours() != null && o.startAt().isAfter(f.at.minusHours(c.activeForHours()))) {
        continue;
      }
      if (!c.active()
          && c.within() != null
          && o.startAt().isBefore(f.at.minus(c.within()))
          && (o.stopAt() == null || o.stopAt().isBefore(f.at.minus(c.within())))) {
        continue;
      }
      ev.add(
          new Evidence(
              "order",
              o.id(),
              o.item().preferred().code(),
              display(o.item()),
              o.dose() == null ? null : trim(o.dose()) + (o.doseUnit() == null ? "" : o.doseUnit()),
              o.startAt(),
              null,
              null));
    }
    if (!c.active()) {
      for (MedicationAdministration a : f.administrations) {
        if (c.within() != null && a.administeredAt().isBefore(f.at.minus(c.within()))) {
          continue;
        }
        if (drugs.classesOf(a.item(), a.dose()).stream().anyMatch(c.classes()::contains)) {
          ev.add(
              Evidence.of(
                  "administration",
                  a.id(),
                  a.item().preferred().code(),
                  display(a.item()),
                  a.administeredAt()));
        }
      }
    }
    return ev.isEmpty() ? Outcome.ABSENT : Outcome.present(ev);
  }

  private Outcome icu() {
    Encounter e = f.encounter;
    if (isIcu(e.department()) || isIcu(e.ward())) {
      return Outcome.present(
          Evidence.of("encounter", e.id(), null, "入住 " + e.department(), e.admittedAt()));
    }
    for (Transfer t : e.transfers()) {
      if (!t.at().isAfter(f.at) && (isIcu(t.toDepartment()) || isIcu(t.toWard()))) {
        return Outcome.present(
            Evidence.of("transfer", t.id(), null, "转入 " + t.toDepartment(), t.at()));
      }
    }
    return Outcome.ABSENT;
  }

  private boolean isIcu(String department) {
    if (department == null) {
      return false;
    }
    String d = department.toUpperCase(Locale.ROOT);
    for (String n : icuNames) {
      if (d.contains(n)) {
        return true;
      }
    }
    return false;
  }

  private Outcome note(Condition.Note c) {
    List<Evidence> ev = new ArrayList<>();
    Set<String> concepts = c.concepts();
    for (NoteFact n : f.noteFacts) {
      if (n.negated() || n.uncertain() || n.family() != c.family()) {
        continue;
      }
      if (c.historical() == Condition.Historical.ONLY && !n.historical()
          || c.historical() == Condition.Historical.EXCLUDE && n.historical()) {
        continue;
      }
      if (!concepts.contains(n.concept()) && !concepts.contains(n.surface())) {
        continue;
      }
      boolean coded = DisplayRecognizer.SECTION.equals(n.section());
      if (c.codedOnly() && !coded) {
        continue;
      }
      if (!inScope(c.scope(), n.encounterId(), n.documentedAt(), c.within())) {
        continue;
      }
      ev.add(
          new Evidence(
              coded ? "coded-text" : "note",
              n.documentId(),
              n.concept(),
              n.surface(),
              null,
              n.documentedAt(),
              n.start(),
              n.end()));
    }
    return ev.isEmpty() ? Outcome.ABSENT : Outcome.present(ev);
  }

  // ------------------------------------------------------------------ helpers

  private static boolean matches(CodeSet codes, MappedCode code) {
    if (codes.isEmpty() || code == null) {
      return false;
    }
    return (code.standard() != null && codes.matches(code.standard().code()))
        || codes.matches(code.local().code());
  }

  private static boolean containsAny(String text, List<String> parts) {
    if (text == null) {
      return false;
    }
    for (String p : parts) {
      if (text.contains(p)) {
        return true;
      }
    }
    return false;
  }

  static String display(MappedCode code) {
    Code p = code.preferred();
    if (!code.local().display().isBlank()) {
      return code.local().display();
    }
    return p.display().isBlank() ? p.code() : p.display();
  }

  private static String human(Duration d) {
    return d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
  }

  private static String round1(double v) {
    return String.valueOf(Math.round(v * 10) / 10.0);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
