package io.tianshu.ingest.fhir;

import static io.tianshu.ingest.fhir.FhirCodes.blankToNull;

import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Provenance;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.Type;

/**
 * MedicationRequest → {@link MedicationOrder}, MedicationAdministration → {@link
 * MedicationAdministration}. The drug is medicationCodeableConcept, or the code of the Medication
 * that medicationReference names (contained or in the same read); every coding system, RxNorm
 * included, is kept as a local code, and a text-only drug keeps its (Chinese) text.
 */
final class MedicationMapping {

  private MedicationMapping() {}

  static MedicationOrder order(SourceResource r, MappingContext c) {
    MedicationRequest request = (MedicationRequest) r.resource();
    String patientId = c.patientOf(request.getSubject(), "MedicationRequest.subject");
    MappedCode item = item(request, request.getMedication(), "MedicationRequest.medication[x]", c);
    Dosage dosage =
        request.getDosageInstruction().isEmpty() ? null : request.getDosageInstructionFirstRep();
    Timing timing = dosage == null ? null : dosage.getTiming();
    Period bounds = timing != null && timing.getRepeat().getBounds() instanceof Period p ? p : null;
    LocalDateTime startAt =
        bounds != null && bounds.hasStart()
            ? c.time.of(
                bounds.getStartElement(),
                "MedicationRequest.dosageInstruction.timing.repeat.boundsPeriod.start")
            : c.time.of(request.getAuthoredOnElement(), "MedicationRequest.authoredOn");
    if (startAt == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING,
          "MedicationRequest.authoredOn missing (and no dosage boundsPeriod.start)");
    }
    LocalDateTime stopAt =
        bounds == null
            ? null
            : c.time.of(
                bounds.getEndElement(),
                "MedicationRequest.dosageInstruction.timing.repeat.boundsPeriod.end");
    MappingContext.Visit encounter =
        c.encounterOf(request.getEncounter(), patientId, startAt, "MedicationRequest.encounter");
    Quantity dose = dose(dosage);
    Double doseValue = dose == null ? null : dose.getValue().doubleValue();
    String doseUnit = dose == null ? null : unit(dose);
    String route = dosage == null ? null : FhirCodes.text(dosage.getRoute());
    String frequency = frequency(timing);
    boolean longTerm = longTerm(request, timing);
    String doctor = FhirCodes.display(request.getRequester());
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () ->
            new MedicationOrder(
                id,
                patientId,
                encounterId,
                OrderCategory.DRUG,
                item,
                doseValue,
                doseUnit,
                route,
                frequency,
                longTerm,
                startAt,
                stopAt,
                doctor,
                provenance));
  }

  static MedicationAdministration administration(SourceResource r, MappingContext c) {
    org.hl7.fhir.r4.model.MedicationAdministration given =
        (org.hl7.fhir.r4.model.MedicationAdministration) r.resource();
    String patientId = c.patientOf(given.getSubject(), "MedicationAdministration.subject");
    MappedCode item =
        item(given, given.getMedication(), "MedicationAdministration.medication[x]", c);
    LocalDateTime at = c.time.start(given.getEffective(), "MedicationAdministration.effective[x]");
    if (at == null) {
      throw new IngestException(
          IngestErrorCode.FHIR_ELEMENT_MISSING, "MedicationAdministration.effective[x] missing");
    }
    MappingContext.Visit encounter =
        c.encounterOf(given.getContext(), patientId, at, "MedicationAdministration.context");
    String orderId = orderId(given.getRequest(), c);
    var dosage = given.getDosage();
    Quantity dose = dosage.hasDose() && dosage.getDose().hasValue() ? dosage.getDose() : null;
    Double doseValue = dose == null ? null : dose.getValue().doubleValue();
    String doseUnit = dose == null ? null : unit(dose);
    String route = FhirCodes.text(dosage.getRoute());
    String performer =
        given.getPerformer().isEmpty()
            ? null
            : FhirCodes.display(given.getPerformerFirstRep().getActor());
    String id = r.recordId();
    String encounterId = encounter.id();
    Provenance provenance = c.provenance(r);
    return MappingContext.record(
        () ->
            new MedicationAdministration(
                id,
                orderId,
                patientId,
                encounterId,
                item,
                doseValue,
                doseUnit,
                route,
                at,
                performer,
                provenance));
  }

  private static MappedCode item(
      Resource holder, Type medication, String element, MappingContext c) {
    if (medication instanceof CodeableConcept concept) {
      MappedCode code = FhirCodes.mapped(concept, null, c.sourceSystem);
      if (code == null) {
        throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, element + " is empty");
      }
      return code;
    }
    if (!(medication instanceof Reference reference) || reference.isEmpty()) {
      throw new IngestException(IngestErrorCode.FHIR_ELEMENT_MISSING, element + " missing");
    }
    Medication drug = medication(holder, reference, element, c);
    MappedCode code = drug == null ? null : FhirCodes.mapped(drug.getCode(), null, c.sourceSystem);
    if (code != null) {
      return code;
    }
    String display = FhirCodes.display(reference);
    if (display != null) {
      return FhirCodes.textOnly(display, c.sourceSystem);
    }
    throw new IngestException(
        IngestErrorCode.FHIR_ELEMENT_MISSING, element + " names a Medication without a code");
  }

  /** The Medication a reference names: contained, else in this read; null when only displayed. */
  private static Medication medication(
      Resource holder, Reference reference, String element, MappingContext c) {
    String target = reference.getReference();
    if (target != null && target.startsWith("#")) {
      Resource contained = References.contained(holder, target);
      if (contained instanceof Medication m) {
        return m;
      }
      throw new IngestException(
          IngestErrorCode.FHIR_UNRESOLVED_REFERENCE,
          element + " '" + target + "' names no contained Medication");
    }
    try {
      return (Medication) c.refs.resolve(reference, "Medication", element).resource();
    } catch (IngestException e) {
      // The display alone still names the drug; without it the reference must resolve.
      if (FhirCodes.display(reference) != null
          && e.ingestErrorCode() == IngestErrorCode.FHIR_UNRESOLVED_REFERENCE) {
        return null;
      }
      throw e;
    }
  }

  private static String orderId(Reference request, MappingContext c) {
    if (request == null || request.isEmpty()) {
      return null;
    }
    try {
      return c.refs
          .resolve(request, "MedicationRequest", "MedicationAdministration.request")
          .recordId();
    } catch (IngestException e) {
      // The order may arrive in a later read; keep its id as the reference gives it.
      String external = References.externalId(request, "MedicationRequest");
      if (external != null) {
        return external;
      }
      String target = blankToNull(request.getReference());
      return target == null ? null : target.substring(target.lastIndexOf('/') + 1);
    }
  }

  private static Quantity dose(Dosage dosage) {
    if (dosage == null || dosage.getDoseAndRate().isEmpty()) {
      return null;
    }
    Type dose = dosage.getDoseAndRateFirstRep().getDose();
    return dose instanceof Quantity q && q.hasValue() ? q : null;
  }

  private static String unit(Quantity q) {
    return blankToNull(q.getUnit()) != null ? q.getUnit().strip() : blankToNull(q.getCode());
  }

  /**
   * The frequency as Chinese orders write it (qd, bid, tid, qid, q8h…): the timing code, else the
   * repeat's frequency per period.
   */
  static String frequency(Timing timing) {
    if (timing == null || timing.isEmpty()) {
      return null;
    }
    String code = FhirCodes.text(timing.getCode());
    if (code != null) {
      return code.toLowerCase(Locale.ROOT);
    }
    Timing.TimingRepeatComponent repeat = timing.getRepeat();
    if (!repeat.hasFrequency() || !repeat.hasPeriod() || repeat.getPeriodUnit() == null) {
      return null;
    }
    int times = repeat.getFrequency();
    BigDecimal period = repeat.getPeriod();
    String unit = repeat.getPeriodUnit().toCode();
    boolean onePeriod = period.compareTo(BigDecimal.ONE) == 0;
    if (onePeriod && "d".equals(unit) && times >= 1 && times <= 4) {
      return new String[] {"qd", "bid", "tid", "qid"}[times - 1];
    }
    if (times == 1 && "h".equals(unit)) {
      return "q" + period.stripTrailingZeros().toPlainString() + "h";
    }
    if (times == 1 && "d".equals(unit) && period.compareTo(BigDecimal.valueOf(2)) == 0) {
      return "qod";
    }
    return times + "/" + period.stripTrailingZeros().toPlainString() + unit;
  }

  /**
   * A standing order (长期医嘱) when the course is continuous or the schedule repeats; a one-off (临时医嘱)
   * when it has no schedule or a single occurrence.
   */
  private static boolean longTerm(MedicationRequest request, Timing timing) {
    CodeableConcept course = request.getCourseOfTherapyType();
    if (FhirCodes.hasCode(course, "continuous")) {
      return true;
    }
    if (timing == null || !timing.hasRepeat()) {
      return false;
    }
    Timing.TimingRepeatComponent repeat = timing.getRepeat();
    boolean once = repeat.hasCount() && repeat.getCount() == 1;
    return !once && (repeat.hasFrequency() || repeat.hasPeriod());
  }
}
