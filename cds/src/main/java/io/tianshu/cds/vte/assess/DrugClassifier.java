package io.tianshu.cds.vte.assess;

import io.tianshu.cds.vte.knowledge.DrugClass;
import io.tianshu.core.code.Code;
import io.tianshu.core.code.MappedCode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Puts order items into the classes of {@code drug-classes.yaml}; thread-safe and memoised. */
final class DrugClassifier {

  private final Map<String, DrugClass> classes;
  private final Map<String, Set<String>> cache = new ConcurrentHashMap<>();

  DrugClassifier(Map<String, DrugClass> classes) {
    this.classes = classes;
  }

  Set<String> classesOf(MappedCode item, Double dose) {
    String key =
        item.local().system().id()
            + '|'
            + item.local().code()
            + '|'
            + (item.standard() == null ? "" : item.standard().code())
            + '|'
            + item.local().display()
            + '|'
            + dose;
    return cache.computeIfAbsent(key, k -> classify(item, dose));
  }

  private Set<String> classify(MappedCode item, Double dose) {
    Set<String> out = new HashSet<>();
    for (DrugClass c : classes.values()) {
      if (codeMatch(c, item.local()) || codeMatch(c, item.standard())) {
        out.add(c.id());
        continue;
      }
      String name = name(item);
      for (String n : c.names()) {
        if (!name.contains(n)) {
          continue;
        }
        DrugClass.DoseRule rule = doseRule(c, name);
        if (rule == null || rule.accepts(dose)) {
          out.add(c.id());
        }
        break;
      }
    }
    return Set.copyOf(out);
  }

  private static boolean codeMatch(DrugClass c, Code code) {
    return code != null && c.codes().matches(code.code());
  }

  private static DrugClass.DoseRule doseRule(DrugClass c, String name) {
    for (Map.Entry<String, DrugClass.DoseRule> e : c.doseRules().entrySet()) {
      if (name.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String name(MappedCode item) {
    String a = item.local().display();
    String b = item.standard() == null ? "" : item.standard().display();
    return a + " " + b;
  }
}
