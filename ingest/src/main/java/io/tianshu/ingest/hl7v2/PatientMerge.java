package io.tianshu.ingest.hl7v2;

import io.tianshu.core.record.PatientIdentifier;
import java.util.List;
import java.util.Objects;

/**
 * One identity merge of an ADT^A40: the prior patient (MRG) is the same person as the surviving
 * patient (the PID before it), so the prior patient's records move onto the surviving one.
 *
 * @param survivingPatientId the provisional id of the PID's patient
 * @param priorPatientId the provisional id built from MRG-1 the same way as from PID-3
 * @param priorIdentifiers MRG-1 (every repetition), kept on the surviving patient
 */
public record PatientMerge(
    String survivingPatientId, String priorPatientId, List<PatientIdentifier> priorIdentifiers) {

  public PatientMerge {
    Objects.requireNonNull(survivingPatientId, "survivingPatientId");
    Objects.requireNonNull(priorPatientId, "priorPatientId");
    priorIdentifiers = List.copyOf(priorIdentifiers);
  }
}
