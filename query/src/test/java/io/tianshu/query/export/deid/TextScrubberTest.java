package io.tianshu.query.export.deid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.query.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-written Chinese clinical text, scrubbed for one patient of the chest-pain-centre ward. */
class TextScrubberTest {

  private static final JsonNode CASES = Fixtures.json("/export/scrubber-cases.json");

  private static PatientRecord chen() {
    return Fixtures.patients("/export/chest-pain-centre.json").get(0);
  }

  private static TextScrubber scrubber() {
    return new TextScrubber(PatientIdentifiers.of(chen()), CASES.get("shiftDays").asInt());
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : CASES.get("cases")) {
      out.add(
          Arguments.of(c.get("name").asText(), c.get("text").asText(), c.get("expected").asText()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scrubs(String name, String text, String expected) {
    assertThat(scrubber().scrub(text)).isEqualTo(expected);
  }

  @Test
  void theRecordSaysWhoIsWho() {
    PatientIdentifiers ids = PatientIdentifiers.of(chen());
    assertThat(ids.patientNames()).containsExactly("陈建国");
    assertThat(ids.staffNames()).contains("周明华", "李建军", "王志刚", "赵丽");
    assertThat(ids.numbers()).contains("E001", "88000001", "110101195805101234", "L000123456");
    assertThat(ids.phones()).containsExactly("13812345678");
    assertThat(ids.addresses()).hasSize(1);
  }

  @Test
  void namesOutsideTheBasicPlaneAreFoundAndOtherSurrogatePairsKept() {
    TextScrubber s =
        new TextScrubber(
            new PatientIdentifiers(List.of("王𠀀"), List.of(), List.of(), List.of(), List.of()), 0);
    assertThat(s.scrub("患者王𠀀，男，诉😀胸痛，𪚥字无关。")).isEqualTo("患者[姓名已隐去]，男，诉😀胸痛，𪚥字无关。");
  }

  @Test
  void noShiftLeavesDatesAsTheyAre() {
    TextScrubber s = new TextScrubber(PatientIdentifiers.none(), 0);
    assertThat(s.scrub("2025-03-10入院，3月12日出院")).isEqualTo("2025-03-10入院，3月12日出院");
  }

  @Test
  void aShiftAcrossTheYearEndAndALeapDay() {
    TextScrubber back = new TextScrubber(PatientIdentifiers.none(), -10);
    assertThat(back.scrub("2025-01-05；2024年3月5日")).isEqualTo("2024-12-26；2024年2月24日");
    TextScrubber forward = new TextScrubber(PatientIdentifiers.none(), 1);
    assertThat(forward.scrub("2024-02-28，2月29日")).isEqualTo("2024-02-29，3月1日");
  }

  @Test
  void nullAndWhitespaceOnlyPassThrough() {
    assertThat(scrubber().scrub(null)).isNull();
    assertThat(scrubber().scrub("  \n\t　")).isEqualTo("  \n\t　");
  }

  @Test
  @Timeout(5)
  void aVeryLongNoteIsScrubbedThroughout() {
    String paragraph = "患者陈建国，男，66岁，因胸痛入院。查体：BP 150/90mmHg。2025-03-10行PCI术。\n";
    String text = paragraph.repeat(3000) + "联系电话：13812345678";
    String scrubbed = scrubber().scrub(text);
    assertThat(scrubbed).doesNotContain("陈建国", "13812345678", "2025-03-10");
    assertThat(scrubbed.lines().filter(l -> l.contains("2025-04-09行PCI术")).count()).isEqualTo(3000);
  }
}
