package io.tianshu.synth;

import io.tianshu.core.record.Sex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Who a synthetic patient is beyond the demographic record: history the notes draw on. */
final class Person {
  record Relative(String relation, Vocabulary.Disease disease) {}

  record PastSurgery(
      String opName, String opCode, String reason, String reasonCode, int yearsAgo) {}

  String name;
  Sex sex;
  LocalDate birthDate;
  int age;
  Vocabulary.Region region;
  String address;
  final List<Vocabulary.Disease> comorbidities = new ArrayList<>();
  final List<Integer> comorbidityYears = new ArrayList<>();
  final List<Relative> relatives = new ArrayList<>();
  PastSurgery pastSurgery;
  boolean smoker;
  int smokingYears;
  int cigarettesPerDay;
  boolean drinker;
  boolean penicillinAllergy;
  boolean oralContraceptive;
  boolean hormoneReplacement;
  boolean married;
  int sons;
  int daughters;
  int menarche;
  int cycleDays;
  int periodDays;
  int menopauseAge;
  double heightCm;
  double bmi;

  boolean female() {
    return sex == Sex.FEMALE;
  }

  boolean has(String icd10) {
    for (Vocabulary.Disease d : comorbidities) {
      if (d.icd10().equals(icd10)) {
        return true;
      }
    }
    return false;
  }

  boolean familyThrombosis() {
    for (Relative r : relatives) {
      if (r.disease().icd10().startsWith("I80") || r.disease().icd10().startsWith("I26")) {
        return true;
      }
    }
    return false;
  }
}
