package io.tianshu.ingest.fhir;

import static io.tianshu.ingest.fhir.FhirCodes.blankToNull;

import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.AbnormalFlag;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.Provenance;
import io.tianshu.core.record.VitalSign;
import io.tianshu.core.record.VitalType;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Type;

/**
 * Observation → {@link LabResult} (category laboratory) or {@link VitalSign}s (category
 * vital-signs, one per value whose LOINC code is a {@link VitalType}'s; a blood-pressure panel
 * gives one per component). Other categories are skipped by {@link Triage}.
 */
final class ObservationMapping {

  static final String LABORATORY = "laboratory";
  static final String VITAL_SIGNS = "vital-signs";

  private static final Map<String, VitalType> VITALS_BY_LOINC = vitalsByLoinc();

  private ObservationMapping() {}

  private static Map<String, VitalType> vitalsByLoinc() {
    Map<String, VitalType> byLoinc = new HashMap<>();
    for (VitalType type : VitalType.values()) {
      byLoinc.put(type.loinc(), type);
    }
    // The FHIR R4 vital-signs profile codes oxygen saturation as 2708-6 alongside 59408-5.
    byLoinc.put("2708-6", VitalType.SPO2);
    return Map.copyOf(byLoinc);
  }

  /** laboratory, vital-signs, another category code, or null without any category. */
  static String category(Observation o) {
    String other = null;
    for (CodeableConcept category : o.getCategory()) {
      for (Coding coding : category.getCoding()) {
        String code = blankToNull(coding.getCode());
        if (LABORATORY.equals(code) || VITAL_SIGNS.equals(code)) {
          return code;
        }
        other = other == null ? code : other;
      }
    }
    return other;
  }

  static VitalType vitalType(CodeableConcept code) {
    String loinc = FhirCodes.code(code, CodeSystem.LOINC.uri());
    return loinc == null ? null : VITALS_BY_LOINC.get(loinc);
  }

  /** True when the observation or any component is coded as a vital sign Tianshu stores. */
  static boolean hasVitalType(Observation o) {
    return vitalType(o.getCode()) != null
        || o.getComponent().stream().anyMatch(c -> vitalType(c.getCode()) != null);
  }

  /** No value anywhere, and the source says why (dataAbsentReason): nothing to store. */
  static boolean dataAbsent(Observation o) {
    boolean anyValue = o.hasValue() || o.getComponent().stream().anyMatch(c -> c.hasValue());
    boolean absentSaid =
        o.hasDataAbsentReason() || o.getComponent().stream().anyMatch(c -> c.hasDataAbsentReason());
    return !anyValue && absentSaid;
  }

  static LabResult lab(SourceResource r, MappingContext c) {
    Observation o = (Observation) r.resource();
    String patientId = c.patientOf(o.getSubject(), "Observation.subject");
    MappedCode item = FhirCodes.mapped(o.getCode(), CodeSystem.LOINC, c.sourceSystem);
    if (item == null) {
      throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, "Observation.code missing");
    }
    LocalDateTime collectedAt = effective(o, c);
    LocalDateTime reportedAt = c.time.of(o.getIssuedElement(), "Observation.issued");
    MappingContext.Visit encounter =
        c.encounterOf(o.getEncounter(), patientId, collectedAt, "Observation.encounter");
    Value value = value(o.getValue(), "Observation.value[x]");
    if (value == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_VALUE_UNUSABLE, "Observation.value[x] missing");
    }
    ObservationReferenceRangeComponent range =
        o.getReferenceRange().isEmpty() ? null : o.getReferenceRangeFirstRep();
    Double low = range == null ? null : number(range.getLow());
    Double high = range == null ? null : number(range.getHigh());
    String rangeText = range == null ? null : blankToNull(range.getText());
    AbnormalFlag flag = flag(o);
    String specimen = FhirCodes.display(o.getSpecimen());
    String panel = c.labPanels.get(r);
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () ->
            new LabResult(
                id,
                patientId,
                encounterId,
                panel,
                item,
                value.number(),
                value.text(),
                value.unit(),
                low,
                high,
                rangeText,
                flag,
                specimen,
                collectedAt,
                reportedAt,
                provenance));
  }

  static List<VitalSign> vitals(SourceResource r, MappingContext c) {
    Observation o = (Observation) r.resource();
    String patientId = c.patientOf(o.getSubject(), "Observation.subject");
    LocalDateTime measuredAt = effective(o, c);
    MappingContext.Visit encounter =
        c.encounterOf(o.getEncounter(), patientId, measuredAt, "Observation.encounter");
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    List<VitalSign> vitals = new ArrayList<>();
    VitalType own = vitalType(o.getCode());
    if (own != null) {
      double value = vitalValue(own, o.getValue(), "Observation.value[x]");
      String id = r.recordId();
      vitals.add(
          MappingContext.record(
              () -> new VitalSign(id, patientId, encounterId, own, value, measuredAt, provenance)));
    }
    int index = 0;
    for (ObservationComponentComponent component : o.getComponent()) {
      VitalType type = vitalType(component.getCode());
      String element = "Observation.component[" + index++ + "].value[x]";
      if (type == null) {
        continue;
      }
      double value = vitalValue(type, component.getValue(), element);
      String id = r.recordId() + "#" + type.loinc();
      vitals.add(
          MappingContext.record(
              () ->
                  new VitalSign(id, patientId, encounterId, type, value, measuredAt, provenance)));
    }
    return vitals;
  }

  private static LocalDateTime effective(Observation o, MappingContext c) {
    LocalDateTime at = c.time.start(o.getEffective(), "Observation.effective[x]");
    if (at == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          "Observation.effective[x] missing (effectiveDateTime or effectivePeriod.start)");
    }
    return at;
  }

  private static double vitalValue(VitalType type, Type value, String element) {
    if (!(value instanceof Quantity quantity) || !quantity.hasValue()) {
      throw new IngestException(
          IngestErrorCode.FHIR_VALUE_UNUSABLE,
          element + (value == null ? " missing" : " is not a quantity") + " for " + type.name());
    }
    return VitalUnits.convert(type, quantity, element);
  }

  /** A lab value: numeric only when exact (a comparator such as {@code <5} keeps text only). */
  private record Value(Double number, String text, String unit) {}

  private static Value value(Type value, String element) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value instanceof Quantity q) {
      if (!q.hasValue()) {
        return null;
      }
      String unit =
          blankToNull(q.getUnit()) != null ? q.getUnit().strip() : blankToNull(q.getCode());
      String comparator = q.hasComparator() ? q.getComparator().toCode() : "";
      String text = comparator + q.getValue().toPlainString();
      return new Value(comparator.isEmpty() ? q.getValue().doubleValue() : null, text, unit);
    }
    if (value instanceof CodeableConcept concept) {
      String text = FhirCodes.text(concept);
      return text == null ? null : new Value(null, text, null);
    }
    if (value instanceof Ratio ratio) {
      return new Value(
          null,
          quantityText(ratio.getNumerator()) + ":" + quantityText(ratio.getDenominator()),
          null);
    }
    if (value instanceof Range range) {
      return new Value(
          null, quantityText(range.getLow()) + "-" + quantityText(range.getHigh()), null);
    }
    if (value instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
      return new Value(null, primitive.getValueAsString(), null);
    }
    throw new IngestException(
        IngestErrorCode.FHIR_VALUE_UNUSABLE,
        element + " of type " + value.fhirType() + " cannot be stored as a lab result");
  }

  private static String quantityText(Quantity q) {
    return q == null || !q.hasValue() ? "" : q.getValue().toPlainString();
  }

  private static Double number(Quantity q) {
    if (q == null || !q.hasValue()) {
      return null;
    }
    BigDecimal value = q.getValue();
    return value.doubleValue();
  }

  /**
   * HL7 v3 ObservationInterpretation; codes without a core equivalent are ABNORMAL, as in HL7 v2.
   */
  private static AbnormalFlag flag(Observation o) {
    for (CodeableConcept interpretation : o.getInterpretation()) {
      for (Coding coding : interpretation.getCoding()) {
        String code = blankToNull(coding.getCode());
        if (code != null) {
          return switch (code) {
            case "N" -> AbnormalFlag.NORMAL;
            case "L" -> AbnormalFlag.LOW;
            case "H" -> AbnormalFlag.HIGH;
            case "LL" -> AbnormalFlag.CRITICAL_LOW;
            case "HH" -> AbnormalFlag.CRITICAL_HIGH;
            default -> AbnormalFlag.ABNORMAL;
          };
        }
      }
    }
    return AbnormalFlag.NORMAL;
  }
}
