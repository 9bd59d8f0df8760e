package io.tianshu.ingest.staging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.ingest.TestStores;
import io.tianshu.ingest.hl7v2.Hl7v2Parser;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message that fails half-way leaves the batch as it was before it: the working set's undo log
 * puts back the records, removals and aliases that message changed, and nothing of the messages
 * merged before it.
 */
class WorkingSetTest {

  private static final SyntheticHospital HOSPITAL =
      new SyntheticHospital(new SynthConfig(3, 3, LocalDate.of(2026, 11, 1)));

  private static PatientRecord patient(int i) {
    return HOSPITAL.patient(i).record();
  }

  @Test
  void resetUndoesExactlyTheChangesSinceTheMark() {
    try (TestStores.Opened opened = TestStores.duckdb()) {
      Hl7v2Parser parser = new Hl7v2Parser();
      StagingStore staging =
          new StagingStore(
              opened.store(), parser, new UnitFormats(new Hl7v2Ingestion(), List.of()));
      WorkingSet ws = new WorkingSet(opened.store(), staging);
      PatientRecord a = patient(0);
      PatientRecord b = patient(1);
      PatientRecord c = patient(2);
      String aId = a.patient().id();
      String bId = b.patient().id();
      String cId = c.patient().id();

      // An earlier message of the batch wrote a and b.
      ws.mark();
      ws.put(a);
      ws.put(b);

      // This one rewrites a, adds c, merges b into c — and then fails.
      WorkingSet.Mark mark = ws.mark();
      PatientRecord aWithoutLabs =
          new PatientRecord(
              a.patient(),
              a.encounters(),
              a.diagnoses(),
              a.operations(),
              a.orders(),
              a.administrations(),
              List.of(),
              a.vitals(),
              a.exams(),
              a.documents());
      ws.put(aWithoutLabs);
      ws.put(c);
      ws.mergedInto(bId, cId);
      assertThat(ws.resolve(bId)).isEqualTo(cId);
      assertThat(ws.get(bId)).isEmpty();
      assertThat(ws.touched()).containsExactlyInAnyOrder(aId, cId);

      ws.reset(mark);

      assertThat(ws.touched()).containsExactlyInAnyOrder(aId, bId);
      assertThat(ws.get(aId)).contains(a);
      assertThat(ws.get(bId)).contains(b);
      assertThat(ws.get(cId)).isEmpty(); // not in the CDR, and the batch no longer writes it
      assertThat(ws.resolve(bId)).isEqualTo(bId);
      assertThat(ws.changed()).containsExactlyInAnyOrder(a, b);
      assertThat(ws.removedFromStore()).isEmpty();

      // A reset to a mark with nothing since changes nothing.
      WorkingSet.Mark again = ws.mark();
      ws.reset(again);
      assertThat(ws.changed()).containsExactlyInAnyOrder(a, b);
    }
  }
}
