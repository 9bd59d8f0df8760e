package io.tianshu.query.sql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cohort's members by sex and by age band, each member counted once at the age of its earliest
 * qualifying index time.
 *
 * @param bySex members per sex code ({@code MALE}, {@code FEMALE}, {@code UNKNOWN} as stored)
 * @param byAgeBand members per age band, in {@link #BANDS} order, plus {@code unknown} when some
 *     birth dates are missing
 * @param byAge members per completed year of age, for finer charts
 */
public record CohortDemographics(
    Map<String, Long> bySex, Map<String, Long> byAgeBand, Map<Integer, Long> byAge) {

  /**
   * Lower bounds of the age bands: children, young adults, middle age, the elderly and the very
   * old, the split most Chinese hospital statistics reports use for adults.
   */
  public static final List<Integer> BANDS = List.of(0, 18, 45, 65, 80);

  public CohortDemographics {
    bySex = Map.copyOf(bySex);
    byAgeBand = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAgeBand));
    byAge = java.util.Collections.unmodifiableMap(new TreeMap<>(byAge));
  }

  /** The band label of an age, e.g. {@code 18-44} or {@code 80+}. */
  public static String band(int age) {
    for (int b = BANDS.size() - 1; b >= 0; b--) {
      if (age >= BANDS.get(b)) {
        return b == BANDS.size() - 1
            ? BANDS.get(b) + "+"
            : BANDS.get(b) + "-" + (BANDS.get(b + 1) - 1);
      }
    }
    return "unknown";
  }

  static final class Builder {
    private final Map<String, Long> bySex = new TreeMap<>();
    private final Map<String, Long> byBand = new LinkedHashMap<>();
    private final Map<Integer, Long> byAge = new TreeMap<>();

    Builder() {
      for (int b = 0; b < BANDS.size(); b++) {
        byBand.put(band(BANDS.get(b)), 0L);
      }
    }

    void add(String sex, Integer age, long patients) {
      bySex.merge(sex == null ? "UNKNOWN" : sex, patients, Long::sum);
      byBand.merge(age == null ? "unknown" : band(age), patients, Long::sum);
      if (age != null) {
        byAge.merge(age, patients, Long::sum);
      }
    }

    CohortDemographics build() {
      return new CohortDemographics(bySex, byBand, byAge);
    }
  }
}
