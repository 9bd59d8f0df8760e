package io.tianshu.nlp.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  private final TextNormalizer normalizer = new TextNormalizer();

  @Test
  void foldsFullWidthCharactersOneToOne() {
    NormalizedText n = normalizer.normalize("ＢＰ：１２０／８０ｍｍＨｇ，ＣＴ（－）");

    assertThat(n.text()).isEqualTo("BP:120/80mmHg,CT(-)");
    assertThat(n.toOriginalStart(3)).isEqualTo(3);
    assertThat(n.toOriginalEnd(6)).isEqualTo(6);
  }

  @Test
  void celsiusSignBecomesDegreeCAndMapsBackToOneCharacter() {
    String original = "T 36.5℃，P 80次/分";
    NormalizedText n = normalizer.normalize(original);

    assertThat(n.text()).isEqualTo("T 36.5°C,P 80次/分");
    int c = n.text().indexOf("°C");
    assertThat(original.substring(n.toOriginalStart(c), n.toOriginalEnd(c + 2))).isEqualTo("℃");
    int p = n.text().indexOf('P');
    assertThat(original.charAt(n.toOriginalStart(p))).isEqualTo('P');
    assertThat(n.toNormalized(original.indexOf('P'))).isEqualTo(p);
  }

  @ParameterizedTest
  @CsvSource({
    "WBC 12.5×10^9/L, WBC 12.5×10^9/L",
    "WBC 12.5*10^9/L, WBC 12.5×10^9/L",
    "WBC 12.5x10^9/L, WBC 12.5×10^9/L",
    "WBC 12.5X10~9/L, WBC 12.5×10^9/L",
    "WBC 12.5×10⁹/L, WBC 12.5×10^9/L",
    "WBC 12.5×109/L, WBC 12.5×10^9/L",
    "PLT 210 10*9/L, PLT 210 ×10^9/L",
    "RBC 4.5×10^12/l, RBC 4.5×10^12/L",
    "ＷＢＣ　１２．５×１０＾９／Ｌ, WBC 12.5×10^9/L"
  })
  void cellCountUnitsHaveOneSpelling(String original, String expected) {
    NormalizedText n = normalizer.normalize(original);

    assertThat(n.text()).isEqualTo(expected);
    int u = n.text().indexOf("×10^");
    String unitOriginal =
        original.substring(n.toOriginalStart(u), n.toOriginalEnd(n.text().length()));
    assertThat(unitOriginal).endsWith(original.substring(original.length() - 1));
  }

  @Test
  void unchangedTextIsIdentity() {
    NormalizedText n = normalizer.normalize("患者无发热。");

    assertThat(n.text()).isEqualTo("患者无发热。");
    for (int i = 0; i <= n.text().length(); i++) {
      assertThat(n.toNormalized(i)).isEqualTo(i);
    }
  }

  @Test
  void everyNormalizedSpanMapsToAnOrderedOriginalSpan() {
    String original = "体温３８．５℃，WBC 15x10^9/L，℃℃";
    NormalizedText n = normalizer.normalize(original);
    for (int s = 0; s <= n.text().length(); s++) {
      for (int e = s; e <= n.text().length(); e++) {
        int os = n.toOriginalStart(s);
        int oe = n.toOriginalEnd(e);
        assertThat(os).isBetween(0, original.length());
        if (e > s) {
          assertThat(oe).isGreaterThan(os).isLessThanOrEqualTo(original.length());
        }
      }
    }
  }
}
