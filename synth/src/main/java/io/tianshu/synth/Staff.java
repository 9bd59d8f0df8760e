package io.tianshu.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The hospital's doctors and nurses per department, drawn once from the hospital seed so that the
 * same doctors appear across all patients.
 */
final class Staff {
  record Doctor(String name, String title) {
    boolean senior() {
      return title.equals("主任医师") || title.equals("副主任医师");
    }
  }

  private static final String[] TITLES = {
    "主任医师", "副主任医师", "副主任医师", "主治医师", "主治医师", "主治医师", "住院医师", "住院医师"
  };

  private final Map<String, List<Doctor>> doctors = new LinkedHashMap<>();
  private final Map<String, List<String>> nurses = new LinkedHashMap<>();
  private final List<String> anaesthetists = new ArrayList<>();

  Staff(Vocabulary v, long seed) {
    SplittableRandom r = new SplittableRandom(Dice.mix(seed, -7));
    for (Vocabulary.Department d : v.departments) {
      List<Doctor> ds = new ArrayList<>();
      for (String title : TITLES) {
        ds.add(new Doctor(Names.person(v, r, r.nextDouble() < 0.45), title));
      }
      doctors.put(d.code(), List.copyOf(ds));
      List<String> ns = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ns.add(Names.person(v, r, r.nextDouble() < 0.95));
      }
      nurses.put(d.code(), List.copyOf(ns));
    }
    for (int i = 0; i < 8; i++) {
      anaesthetists.add(Names.person(v, r, r.nextDouble() < 0.5));
    }
  }

  List<Doctor> doctors(String dept) {
    return doctors.get(dept);
  }

  List<String> nurses(String dept) {
    return nurses.get(dept);
  }

  List<String> anaesthetists() {
    return anaesthetists;
  }
}
