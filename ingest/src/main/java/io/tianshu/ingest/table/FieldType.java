package io.tianshu.ingest.table;

import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DischargeDisposition;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.ExamKind;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.VitalType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a mapped field holds. Enumerations accept the core constant's name (any case) and its
 * Chinese name, and a few their standard codes (sex GB/T 2261.1 0/1/2, flags HL7 N/L/H/LL/HH/A);
 * anything else must be translated by the field's value map.
 */
enum FieldType {
  TEXT(null),
  DATE(null),
  DATE_TIME(null),
  NUMBER(null),
  INTEGER(null),
  BOOLEAN(null),
  CODE_SYSTEM(null),
  IDENTIFIERS(null),
  SEX(Sex.class),
  ENCOUNTER_TYPE(EncounterType.class),
  DISPOSITION(DischargeDisposition.class),
  DIAGNOSIS_KIND(DiagnosisKind.class),
  ORDER_CATEGORY(OrderCategory.class),
  ABNORMAL_FLAG(AbnormalFlag.class),
  VITAL_TYPE(VitalType.class),
  EXAM_KIND(ExamKind.class),
  DOCUMENT_TYPE(DocumentType.class);

  private final Class<? extends Enum<?>> enumType;
  private final Map<String, Enum<?>> names;

  FieldType(Class<? extends Enum<?>> enumType) {
    this.enumType = enumType;
    this.names = enumType == null ? Map.of() : names(enumType);
  }

  boolean isEnum() {
    return enumType != null;
  }

  /** The constant a value names, or null. */
  Enum<?> constant(String value) {
    Enum<?> e = names.get(value);
    return e != null ? e : names.get(value.toUpperCase(Locale.ROOT));
  }

  private static java.util.List<String> aliases(Enum<?> e) {
    if (e instanceof Sex s) {
      return java.util.List.of(s.chinese(), s.gbCode());
    }
    if (e instanceof AbnormalFlag f) {
      return java.util.List.of(f.hl7());
    }
    if (e instanceof EncounterType t) {
      return java.util.List.of(t.chinese());
    }
    if (e instanceof DischargeDisposition d) {
      return java.util.List.of(d.chinese());
    }
    if (e instanceof DiagnosisKind k) {
      return java.util.List.of(k.chinese());
    }
    if (e instanceof OrderCategory c) {
      return java.util.List.of(c.chinese());
    }
    if (e instanceof VitalType v) {
      return java.util.List.of(v.chinese());
    }
    if (e instanceof ExamKind k) {
      return java.util.List.of(k.chinese());
    }
    if (e instanceof DocumentType d) {
      return java.util.List.of(d.chinese());
    }
    return java.util.List.of();
  }

  private static Map<String, Enum<?>> names(Class<? extends Enum<?>> type) {
    Map<String, Enum<?>> out = new HashMap<>();
    for (Enum<?> e : type.getEnumConstants()) {
      out.put(e.name(), e);
      for (String alias : aliases(e)) {
        out.putIfAbsent(alias, e);
      }
    }
    return Map.copyOf(out);
  }
}
