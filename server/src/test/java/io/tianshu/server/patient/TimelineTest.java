package io.tianshu.server.patient;

import static org.assertj.core.api.Assertions.assertThat;

import io.tianshu.core.record.PatientRecord;
import io.tianshu.synth.SynthConfig;
import io.tianshu.synth.SyntheticHospital;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline is in time order and has one event per encounter, document and lab panel. */
class TimelineTest {

  @Test
  void eventsAreOrderedAndCoverTheRecord() {
    SyntheticHospital hospital =
        new SyntheticHospital(new SynthConfig(11, 30, LocalDate.of(2026, 6, 30)));
    for (int i = 0; i < 30; i++) {
      PatientRecord record = hospital.patient(i).record();
      List<TimelineEvent> events = Timeline.of(record);
      assertThat(events).extracting(TimelineEvent::at).isSorted();
      assertThat(events.stream().filter(e -> e.kind() == TimelineEvent.Kind.ENCOUNTER))
          .hasSize(record.encounters().size());
      assertThat(events.stream().filter(e -> e.kind() == TimelineEvent.Kind.DOCUMENT))
          .hasSize(record.documents().size());
      long panels =
          record.labs().stream()
              .map(l -> l.encounterId() + l.panel() + l.collectedAt())
              .distinct()
              .count();
      assertThat(events.stream().filter(e -> e.kind() == TimelineEvent.Kind.LAB))
          .hasSize((int) panels);
    }
  }

  @Test
  void deidentifiedNamesKeepOnlyTheSurname() {
    assertThat(Deidentifier.maskName("王芳")).isEqualTo("王*");
    assertThat(Deidentifier.maskName("欧阳明月")).isEqualTo("欧***");
    assertThat(Deidentifier.maskName("𠀋云")).isEqualTo("𠀋*");
  }
}
