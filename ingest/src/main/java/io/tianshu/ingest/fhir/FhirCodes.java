package io.tianshu.ingest.fhir;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * CodeableConcepts as {@link MappedCode}s. A coding in the expected standard (ICD-10, ICD-9-CM-3,
 * LOINC) becomes the standard code; the first coding in any other system is kept as the local code
 * in {@code CodeSystem.local(<system URI>)}, so that SNOMED, RxNorm or a hospital's own list stay
 * distinguishable for later terminology mapping. A concept with only text becomes a local code of
 * the source system whose code and display are that text, so a Chinese name is never lost.
 */
final class FhirCodes {

  private FhirCodes() {}

  /** Null when the concept carries neither a usable coding nor text. */
  static MappedCode mapped(CodeableConcept concept, CodeSystem standard, String sourceSystem) {
    if (concept == null) {
      return null;
    }
    String text = blankToNull(concept.getText());
    Code standardCode = null;
    Code localCode = null;
    for (Coding coding : concept.getCoding()) {
      String code = blankToNull(coding.getCode());
      if (code == null) {
        continue;
      }
      String display = coding.hasDisplay() ? coding.getDisplay() : text;
      String system = blankToNull(coding.getSystem());
      if (standard != null && standard.uri().equals(system)) {
        standardCode = standardCode != null ? standardCode : Code.of(standard, code, display);
      } else if (localCode == null) {
        CodeSystem local = CodeSystem.local(system != null ? system : sourceSystem);
        localCode = Code.of(local, code, display);
      }
    }
    if (standardCode != null) {
      return localCode == null
          ? MappedCode.standard(standardCode)
          : new MappedCode(localCode, standardCode);
    }
    if (localCode != null) {
      return new MappedCode(localCode, null);
    }
    return text == null ? null : textOnly(text, sourceSystem);
  }

  /** A local code whose code and display are the source's text. */
  static MappedCode textOnly(String text, String sourceSystem) {
    String trimmed = text.strip();
    return new MappedCode(Code.of(CodeSystem.local(sourceSystem), trimmed, trimmed), null);
  }

  /** Text to show for a concept: its text, else the first coding's display, else its code. */
  static String text(CodeableConcept concept) {
    if (concept == null) {
      return null;
    }
    if (concept.hasText() && !concept.getText().isBlank()) {
      return concept.getText().strip();
    }
    for (Coding coding : concept.getCoding()) {
      if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
        return coding.getDisplay().strip();
      }
    }
    for (Coding coding : concept.getCoding()) {
      if (coding.hasCode() && !coding.getCode().isBlank()) {
        return coding.getCode().strip();
      }
    }
    return null;
  }

  /** The code of the first coding in {@code system}, or null. */
  static String code(CodeableConcept concept, String system) {
    if (concept == null) {
      return null;
    }
    for (Coding coding : concept.getCoding()) {
      if (system.equals(coding.getSystem()) && coding.hasCode()) {
        return coding.getCode().strip();
      }
    }
    return null;
  }

  /** True when any coding of the concept has this code, whatever its system. */
  static boolean hasCode(CodeableConcept concept, String code) {
    return concept != null && concept.getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
  }

  /** A reference's display text, or null. */
  static String display(Reference reference) {
    return reference == null ? null : blankToNull(reference.getDisplay());
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
