package io.tianshu.query.export;

import io.tianshu.core.code.Code;
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
import io.tianshu.query.criteria.DiagnosisCriterion;
import io.tianshu.query.criteria.DocumentCriterion;
import io.tianshu.query.criteria.DrugCriterion;
import io.tianshu.query.criteria.EncounterCriterion;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.LabCriterion;
import io.tianshu.query.criteria.NoteFactCriterion;
import io.tianshu.query.criteria.OperationCriterion;
import io.tianshu.query.criteria.VitalCriterion;
import io.tianshu.query.criteria.Window;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of one record that an event criterion selects around an index time, each with the value
 * a variable reads. The per-domain filters follow the criteria language exactly (the same rules as
 * {@code io.tianshu.query.memory.FactFinder}; {@code DatasetAgreementPropertyTest} holds the two
 * together); the window and {@code sameEncounter} relate facts to the member's index time and index
 * encounter.
 */
final class FactSelector {

  /**
   * One selected fact.
   *
   * @param at the domain's fact time
   * @param id the fact's record id, the tie-breaker between facts at the same time
   * @param encounterId its encounter
   * @param codeKey what {@code distinct: CODE} counts
   * @param value the variable's field of this fact, or null (no field, or no value)
   */
  record Selected(LocalDateTime at, String id, String encounterId, String codeKey, Object value) {}

  private final PatientRecord record;

  FactSelector(PatientRecord record) {
    this.record = record;
  }

  /** Whether variables can read this kind of criterion. */
  static boolean supports(EventCriterion c) {
    return c instanceof DiagnosisCriterion
        || c instanceof OperationCriterion
        || c instanceof DrugCriterion
        || c instanceof LabCriterion
        || c instanceof VitalCriterion
        || c instanceof EncounterCriterion
        || c instanceof DocumentCriterion
        || c instanceof NoteFactCriterion;
  }

  /**
   * The facts of the variable's criterion inside its window around {@code indexAt} and, with {@code
   * sameEncounter}, in {@code indexEncounterId} (none when that is unknown).
   */
  List<Selected> select(FactVariable variable, LocalDateTime indexAt, String indexEncounterId) {
    EventCriterion c = variable.criterion();
    Window window = c.scope().window();
    boolean same = c.scope().sameEncounter();
    List<Selected> out = new ArrayList<>();
    for (Selected f : facts(c, variable.field())) {
      if (inWindow(window, indexAt, f.at())
          && (!same || (indexEncounterId != null && indexEncounterId.equals(f.encounterId())))) {
        out.add(f);
      }
    }
    return out;
  }

  /** Inclusive at both ends; a day is 24 hours of wall-clock time, as in the criteria language. */
  static boolean inWindow(Window window, LocalDateTime index, LocalDateTime at) {
    if (window == null) {
      return true;
    }
    if (window.startHours() != null && at.isBefore(index.plusHours(window.startHours()))) {
      return false;
    }
    return window.endHours() == null || !at.isAfter(index.plusHours(window.endHours()));
  }

  private List<Selected> facts(EventCriterion c, FactField field) {
    if (c instanceof DiagnosisCriterion d) {
      return diagnoses(d, field);
    }
    if (c instanceof OperationCriterion o) {
      return operations(o, field);
    }
    if (c instanceof DrugCriterion d) {
      return drugs(d, field);
    }
    if (c instanceof LabCriterion l) {
      return labs(l, field);
    }
    if (c instanceof VitalCriterion v) {
      return vitals(v, field);
    }
    if (c instanceof EncounterCriterion e) {
      return encounters(e, field);
    }
    if (c instanceof DocumentCriterion d) {
      return documents(d, field);
    }
    if (c instanceof NoteFactCriterion n) {
      return noteFacts(n, field);
    }
    throw new IllegalArgumentException("variables cannot read " + c.domain() + " criteria");
  }

  private List<Selected> diagnoses(DiagnosisCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (Diagnosis d : record.diagnoses()) {
      if ((c.kinds().isEmpty() || c.kinds().contains(d.kind()))
          && (!c.mainOnly() || d.main())
          && c.codes().contains(d.code())) {
        out.add(
            new Selected(
                d.diagnosedAt(),
                d.id(),
                d.encounterId(),
                codeKey(d.code()),
                coded(field, c.codes().system(), d.code())));
      }
    }
    return out;
  }

  private List<Selected> operations(OperationCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (Operation o : record.operations()) {
      if (c.codes().contains(o.code())) {
        out.add(
            new Selected(
                o.startedAt(),
                o.id(),
                o.encounterId(),
                codeKey(o.code()),
                coded(field, c.codes().system(), o.code())));
      }
    }
    return out;
  }

  private List<Selected> drugs(DrugCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    String system = c.codes().system();
    if (c.source().orders()) {
      for (MedicationOrder o : record.orders()) {
        if (c.codes().contains(o.item())) {
          Object value =
              field == FactField.DOSE
                  ? o.dose()
                  : field == FactField.UNIT ? o.doseUnit() : coded(field, system, o.item());
          out.add(new Selected(o.startAt(), o.id(), o.encounterId(), codeKey(o.item()), value));
        }
      }
    }
    if (c.source().administrations()) {
      for (MedicationAdministration a : record.administrations()) {
        if (c.codes().contains(a.item())) {
          Object value =
              field == FactField.DOSE
                  ? a.dose()
                  : field == FactField.UNIT ? a.doseUnit() : coded(field, system, a.item());
          out.add(
              new Selected(a.administeredAt(), a.id(), a.encounterId(), codeKey(a.item()), value));
        }
      }
    }
    return out;
  }

  private List<Selected> labs(LabCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (LabResult l : record.labs()) {
      if (c.codes().contains(l.item())
          && (c.value() == null || c.value().accepts(l.numericValue(), l.unit()))
          && (c.flags().isEmpty() || c.flags().contains(l.flag()))) {
        Object value =
            field == null
                ? null
                : switch (field) {
                  case VALUE -> l.numericValue();
                  case TEXT -> l.textValue();
                  case UNIT -> l.unit();
                  case FLAG -> l.flag().name();
                  default -> coded(field, c.codes().system(), l.item());
                };
        out.add(new Selected(l.collectedAt(), l.id(), l.encounterId(), codeKey(l.item()), value));
      }
    }
    return out;
  }

  private List<Selected> vitals(VitalCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (VitalSign v : record.vitals()) {
      if (c.types().contains(v.type())
          && (c.value() == null || c.value().accepts(v.value(), v.unit()))) {
        Object value =
            field == FactField.VALUE
                ? (Object) v.value()
                : field == FactField.UNIT ? v.unit() : null;
        out.add(new Selected(v.measuredAt(), v.id(), v.encounterId(), v.type().name(), value));
      }
    }
    return out;
  }

  private List<Selected> encounters(EncounterCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (Encounter e : record.encounters()) {
      if ((c.types().isEmpty() || c.types().contains(e.type()))
          && (c.departments().isEmpty() || c.departments().contains(e.department()))
          && stayFits(c, e)) {
        out.add(new Selected(e.admittedAt(), e.id(), e.id(), null, encounterValue(field, e)));
      }
    }
    return out;
  }

  private static Object encounterValue(FactField field, Encounter e) {
    if (field == null) {
      return null;
    }
    return switch (field) {
      case LENGTH_OF_STAY_DAYS -> e.lengthOfStay().map(d -> minutes(d) / (24.0 * 60)).orElse(null);
      case LENGTH_OF_STAY_HOURS -> e.lengthOfStay().map(d -> minutes(d) / 60.0).orElse(null);
      case DEPARTMENT -> e.department();
      case TYPE -> e.type().name();
      case DISPOSITION -> e.disposition() == null ? null : e.disposition().name();
      default -> null;
    };
  }

  /** Whole minutes plus the seconds' fraction: stays are recorded to the minute or second. */
  private static double minutes(Duration d) {
    return d.toSeconds() / 60.0;
  }

  private static boolean stayFits(EncounterCriterion c, Encounter e) {
    if (!c.hasStayBounds()) {
      return true;
    }
    if (e.dischargedAt() == null) {
      return false; // still in hospital: no length of stay, so no bound holds
    }
    if (c.minStayHours() != null
        && e.dischargedAt().isBefore(e.admittedAt().plusHours(c.minStayHours()))) {
      return false;
    }
    return c.maxStayHours() == null
        || !e.dischargedAt().isAfter(e.admittedAt().plusHours(c.maxStayHours()));
  }

  private List<Selected> documents(DocumentCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (ClinicalDocument d : record.documents()) {
      if ((c.types().isEmpty() || c.types().contains(d.type())) && timely(c.timeliness(), d)) {
        Object value =
            field == null
                ? null
                : switch (field) {
                  case TEXT -> d.text();
                  case TYPE -> d.type().name();
                  case TITLE -> d.title();
                  default -> null;
                };
        out.add(new Selected(d.createdAt(), d.id(), d.encounterId(), null, value));
      }
    }
    return out;
  }

  private boolean timely(DocumentCriterion.Timeliness t, ClinicalDocument d) {
    if (t == null) {
      return true;
    }
    LocalDateTime reference =
        switch (t.from()) {
          case EVENT -> d.eventAt();
          case ADMISSION -> admissionOf(d.encounterId());
        };
    if (reference == null) {
      return false;
    }
    boolean late = d.createdAt().isAfter(reference.plus(Duration.ofHours(t.deadlineHours())));
    return late == (t.status() == DocumentCriterion.Timeliness.Status.LATE);
  }

  private LocalDateTime admissionOf(String encounterId) {
    for (Encounter e : record.encounters()) {
      if (e.id().equals(encounterId)) {
        return e.admittedAt();
      }
    }
    return null;
  }

  private List<Selected> noteFacts(NoteFactCriterion c, FactField field) {
    List<Selected> out = new ArrayList<>();
    for (NoteFact n : record.noteFacts()) {
      if (c.matchesMention(n.concept(), n.surface())
          && (c.factTypes().isEmpty() || c.factTypes().contains(n.type()))
          // List.copyOf lists throw on contains(null): a fact without a section has none of them.
          && (c.sections().isEmpty() || (n.section() != null && c.sections().contains(n.section())))
          && c.matchesContext(n.negated(), n.historical(), n.family(), n.uncertain())) {
        Object value =
            field == null
                ? null
                : switch (field) {
                  case CONCEPT -> n.concept();
                  case SURFACE -> n.surface();
                  case TYPE -> n.type();
                  default -> null;
                };
        out.add(new Selected(n.documentedAt(), n.id(), n.encounterId(), n.concept(), value));
      }
    }
    return out;
  }

  /** A coded fact's code or display in the criterion's system (standard first, then local). */
  private static Object coded(FactField field, String system, MappedCode code) {
    if (field != FactField.CODE && field != FactField.DISPLAY) {
      return null;
    }
    Code chosen = code.preferred();
    if (code.standard() != null && code.standard().system().id().equals(system)) {
      chosen = code.standard();
    } else if (code.local().system().id().equals(system)) {
      chosen = code.local();
    }
    if (field == FactField.CODE) {
      return chosen.code();
    }
    return chosen.display().isEmpty() ? null : chosen.display();
  }

  private static String codeKey(MappedCode code) {
    return code.preferred().system().id() + ":" + code.preferred().code();
  }
}
