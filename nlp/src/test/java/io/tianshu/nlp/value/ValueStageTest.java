package io.tianshu.nlp.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tianshu.nlp.ClinicalNlp;
import io.tianshu.nlp.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueStageTest {

  private final ClinicalNlp nlp = ClinicalNlp.lexiconOnly();

  private List<Value> values(String text) {
    return nlp.annotate(text).get(Value.LAYER);
  }

  @Test
  void vitalSignsWithNormalisedUnits() {
    assertThat(values("查体：T 36.5℃，P 80次/分，R 18次/分，BP 120/80mmHg，SpO2 98%。"))
        .filteredOn(v -> v.kind() == ValueKind.VITAL_SIGN)
        .extracting(Value::name, Value::magnitude, Value::unit, Value::surface)
        .containsExactly(
            tuple("T", "36.5", "°C", "T 36.5℃"),
            tuple("P", "80", "次/分", "P 80次/分"),
            tuple("R", "18", "次/分", "R 18次/分"),
            tuple("BP", "120/80", "mmHg", "BP 120/80mmHg"),
            tuple("SpO2", "98", "%", "SpO2 98%"));
  }

  @Test
  void chineseVitalNamesAndFullWidthDigits() {
    assertThat(values("体温３８．２℃，血压１５０／９０ｍｍＨｇ"))
        .extracting(Value::name, Value::magnitude, Value::unit)
        .containsExactly(tuple("T", "38.2", "°C"), tuple("BP", "150/90", "mmHg"));
  }

  @Test
  void labValuesKeepTheirUnits() {
    assertThat(values("WBC 12.5*10^9/L，Hb 98g/L，血钾3.2mmol/L，ALT 86U/L"))
        .filteredOn(v -> v.kind() == ValueKind.LAB)
        .extracting(Value::name, Value::magnitude, Value::unit)
        .containsExactly(
            tuple("WBC", "12.5", "×10^9/L"),
            tuple("Hb", "98", "g/L"),
            tuple("血钾", "3.2", "mmol/L"),
            tuple("ALT", "86", "U/L"));
  }

  @Test
  void durations() {
    assertThat(values("患者3天前出现发热，高血压病10余年，咳嗽半月，腹痛1月余。"))
        .filteredOn(v -> v.kind() == ValueKind.DURATION)
        .extracting(Value::surface, Value::magnitude, Value::unit)
        .containsExactly(
            tuple("3天前", "3", "天"),
            tuple("10余年", "10", "年"),
            tuple("半月", "半", "月"),
            tuple("1月余", "1", "月"));
  }

  @Test
  void doseRouteAndFrequency() {
    assertThat(values("低分子肝素0.4ml 皮下注射 qd，头孢呋辛1.5g ivgtt bid"))
        .extracting(Value::kind, Value::unit)
        .containsExactly(
            tuple(ValueKind.DOSE, "ml"),
            tuple(ValueKind.ROUTE, "皮下注射"),
            tuple(ValueKind.FREQUENCY, "qd"),
            tuple(ValueKind.DOSE, "g"),
            tuple(ValueKind.ROUTE, "ivgtt"),
            tuple(ValueKind.FREQUENCY, "bid"));
  }

  @Test
  void valuesOfTheAdmissionNoteMatchTheirSurface() {
    String text = Fixtures.text("/notes/admission-note.txt");
    List<Value> values = values(text);

    assertThat(values)
        .allSatisfy(v -> assertThat(text.substring(v.start(), v.end())).isEqualTo(v.surface()));
    assertThat(values)
        .extracting(Value::surface)
        .contains("BP 150/90mmHg", "PLT 210×10⁹/L", "5mg", "qd", "10余年");
  }

  @Test
  void frequenciesAreNotDurations() {
    assertThat(values("万古霉素1g ivgtt q8h，一日3次"))
        .extracting(Value::kind, Value::unit)
        .containsExactly(
            tuple(ValueKind.DOSE, "g"),
            tuple(ValueKind.ROUTE, "ivgtt"),
            tuple(ValueKind.FREQUENCY, "q8h"),
            tuple(ValueKind.FREQUENCY, "一日3次"));
  }

  @Test
  void ctIsNotATemperature() {
    assertThat(values("CT 36.5℃")).extracting(Value::name).doesNotContain("T");
  }

  // The stage tries a pattern only where a match can begin; these sit at the edges of that.
  @Test
  void longNamesBlanksAndChineseNumeralsAreStillFound() {
    assertThat(values("血红蛋白浓度：  98 g/L，CA125 35.2IU/ml，PLT 210 ×10^9/L"))
        .extracting(Value::kind, Value::name, Value::magnitude, Value::unit)
        .containsExactly(
            tuple(ValueKind.LAB, "血红蛋白浓度", "98", "g/L"),
            tuple(ValueKind.LAB, "CA125", "35.2", "IU/ml"),
            tuple(ValueKind.LAB, "PLT", "210", "×10^9/L"));
    assertThat(values("吸烟三十余年，2个月前腹痛，咳嗽1星期。"))
        .extracting(Value::surface, Value::magnitude, Value::unit)
        .containsExactly(
            tuple("三十余年", "三十", "年"), tuple("2个月前", "2", "月"), tuple("1星期", "1", "星期"));
  }
}
