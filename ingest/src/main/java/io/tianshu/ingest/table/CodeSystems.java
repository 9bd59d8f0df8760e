package io.tianshu.ingest.table;

import io.tianshu.core.code.CodeSystem;
import java.util.Locale;

/**
 * Code system names a mapping may use: {@code ICD-10}, {@code ICD-9-CM-3} (operations), {@code
 * ICD-9-CM} (diagnoses, e.g. MIMIC's icd_version 9), {@code LOINC}, {@code local:<system>}, or any
 * id core knows ({@code icd10}, {@code ts-lab}…).
 */
final class CodeSystems {

  /**
   * ICD-9-CM diagnoses. Core names only volume 3 (operations); built as the store reads the id
   * back, so a record keeps its value through the CDR.
   */
  static final CodeSystem ICD9CM = CodeSystem.fromId("icd9cm");

  private CodeSystems() {}

  static CodeSystem byName(String name) {
    String n = name.strip();
    switch (n.toUpperCase(Locale.ROOT)) {
      case "ICD-10", "ICD10" -> {
        return CodeSystem.ICD10;
      }
      case "ICD-9-CM-3", "ICD9CM3" -> {
        return CodeSystem.ICD9CM3;
      }
      case "ICD-9-CM", "ICD9CM" -> {
        return ICD9CM;
      }
      case "LOINC" -> {
        return CodeSystem.LOINC;
      }
      default -> {
        // below
      }
    }
    if (n.isEmpty() || n.equals("local:") || n.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("'" + name + "' is not a code system name");
    }
    return CodeSystem.fromId(n);
  }
}
