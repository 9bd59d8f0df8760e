package io.tianshu.query.memory;

import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.MedicationAdministration;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.VitalSign;
import java.time.LocalDateTime;

/**
 * A piece of evidence as a reader sees it: what the fact says ({@link #label}, e.g. {@code I21.0
 * 急性前壁心肌梗死} or {@code 肌钙蛋白I 2.3 ng/mL}), and for a note fact where in which document, so the user
 * can open the words.
 *
 * @param domain the criterion domain
 * @param id the fact's record id
 * @param encounterId its encounter
 * @param at its time
 * @param label a short human-readable description
 * @param documentId the document a note fact was read from, else null
 * @param start the note fact's start offset in that document, else null
 * @param end the note fact's end offset, else null
 */
public record FactDetail(
    String domain,
    String id,
    String encounterId,
    LocalDateTime at,
    String label,
    String documentId,
    Integer start,
    Integer end) {

  /** Describes {@code fact}, found again in the record it came from. */
  public static FactDetail of(Fact fact, PatientRecord record) {
    String label = fact.codeKey() == null ? fact.domain() : fact.codeKey();
    switch (fact.domain()) {
      case "diagnosis" -> {
        for (Diagnosis d : record.diagnoses()) {
          if (d.id().equals(fact.id())) {
            label = code(d.code());
          }
        }
      }
      case "operation" -> {
        for (Operation o : record.operations()) {
          if (o.id().equals(fact.id())) {
            label = code(o.code());
          }
        }
      }
      case "drug" -> {
        for (MedicationOrder o : record.orders()) {
          if (o.id().equals(fact.id())) {
            label = code(o.item()) + dose(o.dose(), o.doseUnit());
          }
        }
        for (MedicationAdministration a : record.administrations()) {
          if (a.id().equals(fact.id())) {
            label = code(a.item());
          }
        }
      }
      case "lab" -> {
        for (LabResult l : record.labs()) {
          if (l.id().equals(fact.id())) {
            String value =
                l.numericValue() != null
                    ? number(l.numericValue())
                    : l.textValue() == null ? "" : l.textValue();
            label = code(l.item()) + " " + value + (l.unit() == null ? "" : " " + l.unit());
          }
        }
      }
      case "vital" -> {
        for (VitalSign v : record.vitals()) {
          if (v.id().equals(fact.id())) {
            label =
                v.type().name()
                    + " "
                    + number(v.value())
                    + (v.unit() == null ? "" : " " + v.unit());
          }
        }
      }
      case "encounter" -> {
        for (Encounter e : record.encounters()) {
          if (e.id().equals(fact.id())) {
            label = e.type().name() + " " + e.department();
          }
        }
      }
      case "document" -> {
        for (ClinicalDocument d : record.documents()) {
          if (d.id().equals(fact.id())) {
            return new FactDetail(
                fact.domain(),
                fact.id(),
                fact.encounterId(),
                fact.at(),
                d.type().name(),
                d.id(),
                null,
                null);
          }
        }
      }
      case "noteFact" -> {
        for (NoteFact n : record.noteFacts()) {
          if (n.id().equals(fact.id())) {
            return new FactDetail(
                fact.domain(),
                fact.id(),
                fact.encounterId(),
                fact.at(),
                n.surface() + " (" + n.concept() + context(n) + ")",
                n.documentId(),
                n.start(),
                n.end());
          }
        }
      }
      default -> {
        // An unknown domain keeps its code key as the label.
      }
    }
    return new FactDetail(
        fact.domain(), fact.id(), fact.encounterId(), fact.at(), label, null, null, null);
  }

  private static String code(MappedCode code) {
    String display = code.preferred().display();
    return code.preferred().code() + (display.isEmpty() ? "" : " " + display);
  }

  private static String dose(Double dose, String unit) {
    return dose == null ? "" : " " + number(dose) + (unit == null ? "" : " " + unit);
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static String context(NoteFact n) {
    StringBuilder out = new StringBuilder();
    if (n.negated()) {
      out.append(", negated");
    }
    if (n.uncertain()) {
      out.append(", uncertain");
    }
    if (n.historical()) {
      out.append(", history");
    }
    if (n.family()) {
      out.append(", family");
    }
    return out.toString();
  }
}
