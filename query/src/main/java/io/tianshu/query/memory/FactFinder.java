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
import io.tianshu.query.criteria.CohortReference;
import io.tianshu.query.criteria.CriterionVisitor;
import io.tianshu.query.criteria.Demographics;
import io.tianshu.query.criteria.DiagnosisCriterion;
import io.tianshu.query.criteria.DocumentCriterion;
import io.tianshu.query.criteria.DrugCriterion;
import io.tianshu.query.criteria.EncounterCriterion;
import io.tianshu.query.criteria.EventCriterion;
import io.tianshu.query.criteria.Group;
import io.tianshu.query.criteria.LabCriterion;
import io.tianshu.query.criteria.NoteFactCriterion;
import io.tianshu.query.criteria.OperationCriterion;
import io.tianshu.query.criteria.VitalCriterion;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory counterpart of the SQL compiler's per-domain fact sources: the facts of one record
 * that satisfy an event criterion's own fields, before any relation to the index event. Keep each
 * method in step with the matching builder in {@code io.tianshu.query.sql.FactSources}.
 */
final class FactFinder {

  private final PatientRecord record;

  FactFinder(PatientRecord record) {
    this.record = record;
  }

  List<Fact> find(EventCriterion criterion) {
    return criterion.accept(
        new CriterionVisitor<List<Fact>>() {
          @Override
          public List<Fact> demographics(Demographics c) {
            throw new IllegalArgumentException("demographics are not dated facts");
          }

          @Override
          public List<Fact> group(Group c) {
            throw new IllegalArgumentException("a group is not a dated fact");
          }

          @Override
          public List<Fact> diagnosis(DiagnosisCriterion c) {
            return diagnoses(c);
          }

          @Override
          public List<Fact> operation(OperationCriterion c) {
            return operations(c);
          }

          @Override
          public List<Fact> drug(DrugCriterion c) {
            return drugs(c);
          }

          @Override
          public List<Fact> lab(LabCriterion c) {
            return labs(c);
          }

          @Override
          public List<Fact> vital(VitalCriterion c) {
            return vitals(c);
          }

          @Override
          public List<Fact> encounter(EncounterCriterion c) {
            return encounters(c);
          }

          @Override
          public List<Fact> document(DocumentCriterion c) {
            return documents(c);
          }

          @Override
          public List<Fact> noteFact(NoteFactCriterion c) {
            return noteFacts(c);
          }

          @Override
          public List<Fact> cohort(CohortReference c) {
            throw new IllegalArgumentException("a saved-cohort reference is not a dated fact");
          }
        });
  }

  private List<Fact> diagnoses(DiagnosisCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (Diagnosis d : record.diagnoses()) {
      if ((c.kinds().isEmpty() || c.kinds().contains(d.kind()))
          && (!c.mainOnly() || d.main())
          && c.codes().contains(d.code())) {
        out.add(fact(c, d.id(), d.encounterId(), d.diagnosedAt(), codeKey(d.code())));
      }
    }
    return out;
  }

  private List<Fact> operations(OperationCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (Operation o : record.operations()) {
      if (c.codes().contains(o.code())) {
        out.add(fact(c, o.id(), o.encounterId(), o.startedAt(), codeKey(o.code())));
      }
    }
    return out;
  }

  private List<Fact> drugs(DrugCriterion c) {
    List<Fact> out = new ArrayList<>();
    if (c.source().orders()) {
      for (MedicationOrder o : record.orders()) {
        if (c.codes().contains(o.item())) {
          out.add(fact(c, o.id(), o.encounterId(), o.startAt(), codeKey(o.item())));
        }
      }
    }
    if (c.source().administrations()) {
      for (MedicationAdministration a : record.administrations()) {
        if (c.codes().contains(a.item())) {
          out.add(fact(c, a.id(), a.encounterId(), a.administeredAt(), codeKey(a.item())));
        }
      }
    }
    return out;
  }

  private List<Fact> labs(LabCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (LabResult l : record.labs()) {
      if (c.codes().contains(l.item())
          && (c.value() == null || c.value().accepts(l.numericValue(), l.unit()))
          && (c.flags().isEmpty() || c.flags().contains(l.flag()))) {
        out.add(fact(c, l.id(), l.encounterId(), l.collectedAt(), codeKey(l.item())));
      }
    }
    return out;
  }

  private List<Fact> vitals(VitalCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (VitalSign v : record.vitals()) {
      if (c.types().contains(v.type())
          && (c.value() == null || c.value().accepts(v.value(), v.unit()))) {
        out.add(fact(c, v.id(), v.encounterId(), v.measuredAt(), v.type().name()));
      }
    }
    return out;
  }

  private List<Fact> encounters(EncounterCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (Encounter e : record.encounters()) {
      if ((c.types().isEmpty() || c.types().contains(e.type()))
          && (c.departments().isEmpty() || c.departments().contains(e.department()))
          && stayFits(c, e)) {
        out.add(fact(c, e.id(), e.id(), e.admittedAt(), null));
      }
    }
    return out;
  }

  private static boolean stayFits(EncounterCriterion c, Encounter e) {
    if (!c.hasStayBounds()) {
      return true;
    }
    if (e.dischargedAt() == null) {
      // Still in hospital (or never closed): the length of stay is unknown, so no bound holds.
      return false;
    }
    if (c.minStayHours() != null
        && e.dischargedAt().isBefore(e.admittedAt().plusHours(c.minStayHours()))) {
      return false;
    }
    return c.maxStayHours() == null
        || !e.dischargedAt().isAfter(e.admittedAt().plusHours(c.maxStayHours()));
  }

  private List<Fact> documents(DocumentCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (ClinicalDocument d : record.documents()) {
      if ((c.types().isEmpty() || c.types().contains(d.type())) && timely(c.timeliness(), d)) {
        out.add(fact(c, d.id(), d.encounterId(), d.createdAt(), null));
      }
    }
    return out;
  }

  private List<Fact> noteFacts(NoteFactCriterion c) {
    List<Fact> out = new ArrayList<>();
    for (NoteFact n : record.noteFacts()) {
      if (c.matchesMention(n.concept(), n.surface())
          && (c.factTypes().isEmpty() || c.factTypes().contains(n.type()))
          && (c.sections().isEmpty() || (n.section() != null && c.sections().contains(n.section())))
          && c.matchesContext(n.negated(), n.historical(), n.family(), n.uncertain())) {
        out.add(new Fact(c.domain(), n.id(), n.encounterId(), n.documentedAt(), n.concept()));
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
    // Every encounter row with that id counts, as the SQL join does; ids are unique in practice.
    for (Encounter e : record.encounters()) {
      if (e.id().equals(encounterId)) {
        return e.admittedAt();
      }
    }
    return null;
  }

  private static Fact fact(
      EventCriterion c, String id, String encounterId, LocalDateTime at, String codeKey) {
    return new Fact(c.domain(), id, encounterId, at, codeKey);
  }

  /** The standard code where mapped, else the local one, as {@code system:code}. */
  static String codeKey(MappedCode code) {
    return code.preferred().system().id() + ":" + code.preferred().code();
  }
}
