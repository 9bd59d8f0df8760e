package io.tianshu.cds.vte.fhir;

import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.NoteFact;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.nlp.NoteStructurer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the display text of diagnoses and operations that carry no standard code (a legacy HIS
 * code, a FHIR Condition with only {@code code.text}) with the NLP pipeline, so that "where a code
 * is missing, the display text is recognised". The result is note facts whose section is {@link
 * #SECTION} and whose document id is the diagnosis or operation id.
 */
public final class DisplayRecognizer {

  /** The section name marking note facts read from a coded fact's display. */
  public static final String SECTION = "CODED_FACT_DISPLAY";

  private final NoteStructurer structurer;

  public DisplayRecognizer(NoteStructurer structurer) {
    this.structurer = structurer;
  }

  public PatientRecord recognise(PatientRecord r) {
    List<NoteFact> facts = new ArrayList<>(r.noteFacts());
    for (Diagnosis d : r.diagnoses()) {
      if (uncoded(d.code())) {
        facts.addAll(read(r, d.id(), d.encounterId(), d.code(), d.diagnosedAt()));
      }
    }
    for (Operation o : r.operations()) {
      if (uncoded(o.code())) {
        facts.addAll(read(r, o.id(), o.encounterId(), o.code(), o.startedAt()));
      }
    }
    return facts.size() == r.noteFacts().size() ? r : r.withNoteFacts(facts);
  }

  private static boolean uncoded(MappedCode code) {
    return code.standard() == null && !code.local().display().isBlank();
  }

  private List<NoteFact> read(
      PatientRecord r, String id, String encounterId, MappedCode code, LocalDateTime at) {
    String text = code.local().display();
    ClinicalDocument pseudo =
        new ClinicalDocument(
            id,
            r.patient().id(),
            encounterId,
            DocumentType.values()[0],
            text,
            null,
            at,
            at,
            null,
            text,
            r.patient().provenance());
    List<NoteFact> out = new ArrayList<>();
    for (NoteFact f : structurer.structure(pseudo)) {
      out.add(
          new NoteFact(
              f.id(),
              f.patientId(),
              f.encounterId(),
              f.documentId(),
              f.start(),
              f.end(),
              f.type(),
              f.surface(),
              f.concept(),
              f.negated(),
              f.uncertain(),
              f.historical(),
              f.family(),
              SECTION,
              f.documentedAt(),
              f.pipeline()));
    }
    return out;
  }
}
