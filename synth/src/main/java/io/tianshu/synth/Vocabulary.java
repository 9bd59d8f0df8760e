package io.tianshu.synth;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic hospital's knowledge: departments, diagnoses, operations, drugs, labs, symptoms,
 * regions and name parts, read once from the versioned CSV files under {@code vocab/}. Immutable
 * after loading.
 */
final class Vocabulary {
  static final CodeSystem HIS = CodeSystem.local("HIS");
  static final CodeSystem LIS = CodeSystem.local("LIS");
  static final CodeSystem PACS = CodeSystem.local("PACS");

  record Department(
      String code,
      String name,
      List<String> wards,
      double weight,
      double inpatientShare,
      boolean surgical,
      int losMin,
      int losMax,
      int ageMin,
      int ageMax,
      double femaleShare,
      WeightedList<Disease> cases) {}

  record Disease(
      String icd10,
      String his,
      String name,
      char onset,
      List<Symptom> symptoms,
      List<String> vte,
      List<Operation> ops,
      double opShare,
      int severity,
      char sex,
      int ageMin,
      int ageMax,
      List<List<Drug>> drugs,
      Map<String, Double> labEffects,
      MappedCode code,
      MappedCode legacyCode) {
    boolean has(String vteToken) {
      return vte.contains(vteToken);
    }
  }

  record Comorbidity(Disease disease, int minAge, double prevalence, double slope, char sex) {
    double probability(int age) {
      if (age < minAge) {
        return 0;
      }
      return Math.max(0, prevalence + slope * (age - 40)) / 100.0;
    }
  }

  record Operation(
      String icd9,
      String his,
      String name,
      int level,
      int minutes,
      String incision,
      String anaesthesia,
      String approach,
      String site,
      MappedCode code) {
    boolean incisional() {
      return incision != null;
    }
  }

  record Drug(
      String id,
      String his,
      String concept,
      String name,
      String generic,
      String drugClass,
      String category,
      Double dose,
      String unit,
      String route,
      String frequency,
      MappedCode code) {}

  record LabItem(
      String code,
      String panel,
      String name,
      String abbr,
      String unit,
      double lowM,
      double highM,
      double lowF,
      double highF,
      String specimen,
      int decimals,
      Double critLow,
      Double critHigh,
      MappedCode mapped,
      String concept) {}

  record Symptom(String id, String concept, List<String> names) {}

  record Region(String code, String province, String city, String district) {}

  final List<Department> departments;
  final WeightedList<Department> departmentMix;
  final Map<String, Department> departmentByCode;
  final Map<String, Disease> diseases;
  final List<Comorbidity> comorbidities;
  final WeightedList<Disease> familyHistory;
  final Map<String, Operation> operations;
  final Map<String, Drug> drugs;
  final Map<String, LabItem> labs;
  final Map<String, Symptom> symptoms;
  final WeightedList<Region> regions;
  final WeightedList<String> surnames;
  final List<String> maleChars;
  final List<String> femaleChars;
  final List<String> neutralChars;
  final List<String> streets;
  final List<String> estates;

  private Vocabulary() {
    symptoms = new LinkedHashMap<>();
    for (String[] r : read("symptoms.csv")) {
      symptoms.put(r[0], new Symptom(r[0], "symptom:" + r[0], List.of(r[1].split("\\|"))));
    }
    operations = new LinkedHashMap<>();
    for (String[] r : read("operations.csv")) {
      Code std = Code.of(CodeSystem.ICD9CM3, r[0], r[2]);
      operations.put(
          r[0],
          new Operation(
              r[0],
              r[1],
              r[2],
              Integer.parseInt(r[3]),
              Integer.parseInt(r[4]),
              blank(r[5]),
              blank(r[6]),
              r[7],
              r[8],
              new MappedCode(Code.of(HIS, r[1], r[2]), std)));
    }
    drugs = new LinkedHashMap<>();
    for (String[] r : read("drugs.csv")) {
      drugs.put(
          r[0],
          new Drug(
              r[0],
              r[1],
              r[2],
              r[3],
              r[4],
              r[5],
              r[6],
              r[7].isEmpty() ? null : Double.valueOf(r[7]),
              blank(r[8]),
              blank(r[9]),
              r[10],
              new MappedCode(
                  Code.of(HIS, r[1], r[3]), Code.of(CodeSystem.TIANSHU_DRUG, r[0], r[3]))));
    }
    labs = new LinkedHashMap<>();
    for (String[] r : read("labs.csv")) {
      Code local = Code.of(LIS, r[1], r[3]);
      Code std = r[5].isEmpty() ? null : Code.of(CodeSystem.LOINC, r[5], r[3]);
      labs.put(
          r[0],
          new LabItem(
              r[0],
              r[2],
              r[3],
              r[4],
              r[6],
              Double.parseDouble(r[7]),
              Double.parseDouble(r[8]),
              Double.parseDouble(r[9]),
              Double.parseDouble(r[10]),
              r[11],
              Integer.parseInt(r[12]),
              r[13].isEmpty() ? null : Double.valueOf(r[13]),
              r[14].isEmpty() ? null : Double.valueOf(r[14]),
              new MappedCode(local, std),
              r[5].isEmpty() ? "lab:" + r[0] : r[5]));
    }
    diseases = new LinkedHashMap<>();
    for (String[] r : read("diagnoses.csv")) {
      diseases.put(r[0], disease(r));
    }
    Map<String, List<String[]>> casesByDept = new LinkedHashMap<>();
    for (String[] r : read("department_cases.csv")) {
      casesByDept.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r);
    }
    List<Department> depts = new ArrayList<>();
    for (String[] r : read("departments.csv")) {
      WeightedList.Builder<Disease> cases = WeightedList.builder();
      for (String[] c : casesByDept.getOrDefault(r[0], List.of())) {
        cases.add(require(diseases, c[1], "department_cases.csv"), Double.parseDouble(c[2]));
      }
      int[] los = range(r[6]);
      int[] age = range(r[7]);
      depts.add(
          new Department(
              r[0],
              r[1],
              List.of(r[2].split("\\|")),
              Double.parseDouble(r[3]),
              Double.parseDouble(r[4]),
              r[5].equals("Y"),
              los[0],
              los[1],
              age[0],
              age[1],
              Double.parseDouble(r[8]),
              cases.build()));
    }
    departments = List.copyOf(depts);
    WeightedList.Builder<Department> mix = WeightedList.builder();
    Map<String, Department> byCode = new LinkedHashMap<>();
    for (Department d : departments) {
      mix.add(d, d.weight());
      byCode.put(d.code(), d);
    }
    departmentMix = mix.build();
    departmentByCode = Collections.unmodifiableMap(byCode);
    List<Comorbidity> com = new ArrayList<>();
    for (String[] r : read("comorbidities.csv")) {
      com.add(
          new Comorbidity(
              require(diseases, r[0], "comorbidities.csv"),
              Integer.parseInt(r[1]),
              Double.parseDouble(r[2]),
              Double.parseDouble(r[3]),
              r[4].isEmpty() ? ' ' : r[4].charAt(0)));
    }
    comorbidities = List.copyOf(com);
    WeightedList.Builder<Disease> fam = WeightedList.builder();
    for (String[] r : read("family_history.csv")) {
      Disease d = require(diseases, r[0], "family_history.csv");
      // The family history uses the lay name a patient gives (e.g. 冠心病), not the coded name.
      fam.add(withName(d, r[1]), Double.parseDouble(r[2]));
    }
    familyHistory = fam.build();
    WeightedList.Builder<Region> reg = WeightedList.builder();
    for (String[] r : read("regions.csv")) {
      reg.add(new Region(r[0], r[1], r[2], r[3]), Double.parseDouble(r[4]));
    }
    regions = reg.build();
    WeightedList.Builder<String> sur = WeightedList.builder();
    List<String> male = new ArrayList<>();
    List<String> female = new ArrayList<>();
    List<String> neutral = new ArrayList<>();
    List<String> street = new ArrayList<>();
    List<String> estate = new ArrayList<>();
    for (String[] r : read("names.csv")) {
      switch (r[0]) {
        case "surname" -> sur.add(r[1], Double.parseDouble(r[2]));
        case "male" -> male.add(r[1]);
        case "female" -> female.add(r[1]);
        case "neutral" -> neutral.add(r[1]);
        case "street" -> street.add(r[1]);
        case "estate" -> estate.add(r[1]);
        default -> throw new IllegalStateException("TS-SYNTH-002 names.csv: unknown kind " + r[0]);
      }
    }
    surnames = sur.build();
    maleChars = List.copyOf(male);
    femaleChars = List.copyOf(female);
    neutralChars = List.copyOf(neutral);
    streets = List.copyOf(street);
    estates = List.copyOf(estate);
  }

  /** Loads the bundled vocabulary. */
  static Vocabulary load() {
    return new Vocabulary();
  }

  Disease disease(String icd10) {
    return require(diseases, icd10, "code");
  }

  Drug drug(String id) {
    return require(drugs, id, "drug");
  }

  LabItem lab(String code) {
    return require(labs, code, "lab");
  }

  Operation operation(String code) {
    return require(operations, code, "operation");
  }

  private Disease disease(String[] r) {
    List<Symptom> sym = new ArrayList<>();
    for (String s : split(r[4], ';')) {
      sym.add(require(symptoms, s, "diagnoses.csv symptom"));
    }
    List<Operation> ops = new ArrayList<>();
    for (String o : split(r[6], '|')) {
      ops.add(require(operations, o, "diagnoses.csv operation"));
    }
    List<List<Drug>> drugGroups = new ArrayList<>();
    for (String g : split(r[11], ';')) {
      List<Drug> alternatives = new ArrayList<>();
      for (String a : split(g, '|')) {
        alternatives.add(require(drugs, a, "diagnoses.csv drug"));
      }
      drugGroups.add(List.copyOf(alternatives));
    }
    Map<String, Double> effects = new LinkedHashMap<>();
    for (String e : split(r[12], ';')) {
      int star = e.indexOf('*');
      require(labs, e.substring(0, star), "diagnoses.csv lab");
      effects.put(e.substring(0, star), Double.valueOf(e.substring(star + 1)));
    }
    int[] age = range(r[10]);
    Code std = Code.of(CodeSystem.ICD10, r[0], r[2]);
    return new Disease(
        r[0],
        r[1],
        r[2],
        r[3].charAt(0),
        List.copyOf(sym),
        List.copyOf(split(r[5], ';')),
        List.copyOf(ops),
        r[7].isEmpty() ? 0 : Double.parseDouble(r[7]),
        Integer.parseInt(r[8]),
        r[9].isEmpty() ? ' ' : r[9].charAt(0),
        age[0],
        age[1],
        List.copyOf(drugGroups),
        Collections.unmodifiableMap(effects),
        new MappedCode(Code.of(HIS, r[1], r[2]), std),
        // Legacy HIS dictionary entries that the HIS-to-ICD map never covered: data governance
        // work.
        new MappedCode(Code.of(HIS, "L" + r[1], r[2]), null));
  }

  private static Disease withName(Disease d, String name) {
    return new Disease(
        d.icd10(),
        d.his(),
        name,
        d.onset(),
        d.symptoms(),
        d.vte(),
        d.ops(),
        d.opShare(),
        d.severity(),
        d.sex(),
        d.ageMin(),
        d.ageMax(),
        d.drugs(),
        d.labEffects(),
        d.code(),
        d.legacyCode());
  }

  private static String blank(String s) {
    return s.isEmpty() ? null : s;
  }

  private static int[] range(String s) {
    int dash = s.indexOf('-');
    return new int[] {
      Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1))
    };
  }

  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from <= s.length()) {
      int at = s.indexOf(sep, from);
      int to = at < 0 ? s.length() : at;
      if (to > from) {
        out.add(s.substring(from, to));
      }
      from = to + 1;
    }
    return out;
  }

  private static <T> T require(Map<String, T> map, String key, String what) {
    T value = map.get(key);
    if (value == null) {
      throw new IllegalStateException("TS-SYNTH-001 unknown " + what + " '" + key + "'");
    }
    return value;
  }

  /**
   * Reads a vocabulary CSV: '#' lines are comments, the first other line is the header, no quoting.
   */
  private static List<String[]> read(String file) {
    String path = "/vocab/" + file;
    try (InputStream in = Vocabulary.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("TS-SYNTH-003 missing resource " + path);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> rows = new ArrayList<>();
      boolean header = true;
      int columns = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (header) {
          columns = cells.length;
          header = false;
          continue;
        }
        if (cells.length != columns) {
          throw new IllegalStateException(
              "TS-SYNTH-004 "
                  + file
                  + ": "
                  + cells.length
                  + " cells, expected "
                  + columns
                  + ": "
                  + line);
        }
        rows.add(cells);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
