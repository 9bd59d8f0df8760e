package io.tianshu.core.code;

import java.util.Objects;

/**
 * A code system a code belongs to: a standard one (ICD-10, ICD-9-CM-3, LOINC) or a source system's
 * local code list ({@link #local(String)}).
 *
 * @param id short stable identifier used in storage, e.g. {@code icd10} or {@code local:HIS}
 * @param uri canonical URI (FHIR system URL for standards, a {@code urn:tianshu:local:} URN for
 *     local lists)
 * @param name human-readable name
 */
public record CodeSystem(String id, String uri, String name) {

  /** ICD-10 (Chinese clinical editions, e.g. national clinical edition 2.0). */
  public static final CodeSystem ICD10 =
      new CodeSystem("icd10", "http://hl7.org/fhir/sid/icd-10", "ICD-10");

  /** ICD-9-CM volume 3 (operations), Chinese clinical editions. */
  public static final CodeSystem ICD9CM3 =
      new CodeSystem("icd9cm3", "http://hl7.org/fhir/sid/icd-9-cm", "ICD-9-CM-3");

  /** LOINC, where a hospital maps its lab items and vitals. */
  public static final CodeSystem LOINC = new CodeSystem("loinc", "http://loinc.org", "LOINC");

  /** Tianshu's own drug and device item list used by the synthetic hospital. */
  public static final CodeSystem TIANSHU_DRUG =
      new CodeSystem("ts-drug", "urn:tianshu:drug", "Tianshu drug and device items");

  /** Tianshu's own lab item list used by the synthetic hospital. */
  public static final CodeSystem TIANSHU_LAB =
      new CodeSystem("ts-lab", "urn:tianshu:lab", "Tianshu lab items");

  public CodeSystem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("code system id is blank");
    }
  }

  /** The local code list of one source system (HIS, LIS, EMR…). */
  public static CodeSystem local(String sourceSystem) {
    Objects.requireNonNull(sourceSystem, "sourceSystem");
    return new CodeSystem(
        "local:" + sourceSystem,
        "urn:tianshu:local:" + sourceSystem,
        sourceSystem + " local codes");
  }

  /** Resolves a stored id back to a code system; unknown ids become local systems. */
  public static CodeSystem fromId(String id) {
    return switch (id) {
      case "icd10" -> ICD10;
      case "icd9cm3" -> ICD9CM3;
      case "loinc" -> LOINC;
      case "ts-drug" -> TIANSHU_DRUG;
      case "ts-lab" -> TIANSHU_LAB;
      default ->
          id.startsWith("local:")
              ? local(id.substring("local:".length()))
              : new CodeSystem(id, "urn:tianshu:" + id, id);
    };
  }

  /** True for a source system's own code list. */
  public boolean isLocal() {
    return id.startsWith("local:");
  }
}
