package io.tianshu.ingest.fhir;

import io.tianshu.core.record.VitalType;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Converts a vital sign's quantity to the unit of its {@link VitalType}. Units are matched by UCUM
 * code, then by the unit text (including the Chinese units HIS systems write); a unit not listed is
 * rejected rather than guessed.
 */
final class VitalUnits {

  private static final Map<VitalType, Map<String, DoubleUnaryOperator>> UNITS = units();

  private VitalUnits() {}

  private static Map<VitalType, Map<String, DoubleUnaryOperator>> units() {
    Map<VitalType, Map<String, DoubleUnaryOperator>> units = new EnumMap<>(VitalType.class);
    DoubleUnaryOperator same = v -> v;
    for (VitalType type : VitalType.values()) {
      units.put(type, new HashMap<>(Map.of(type.unit(), same)));
    }
    add(units, VitalType.TEMPERATURE, same, "Cel", "°C", "℃", "degC");
    add(units, VitalType.TEMPERATURE, f -> (f - 32) * 5 / 9, "[degF]", "°F", "℉", "degF");
    for (VitalType rate : List.of(VitalType.PULSE, VitalType.RESPIRATORY_RATE)) {
      add(units, rate, same, "/min", "1/min", "{beats}/min", "{breaths}/min", "bpm", "次/分");
    }
    for (VitalType bp : List.of(VitalType.SYSTOLIC_BP, VitalType.DIASTOLIC_BP)) {
      add(units, bp, same, "mm[Hg]", "mmHg");
      // 1 kPa = 7.50062 mmHg
      add(units, bp, kpa -> kpa * 7.50062, "kPa");
    }
    add(units, VitalType.SPO2, same, "%");
    add(units, VitalType.HEIGHT, same, "cm");
    add(units, VitalType.HEIGHT, m -> m * 100, "m");
    add(units, VitalType.HEIGHT, mm -> mm / 10, "mm");
    add(units, VitalType.HEIGHT, in -> in * 2.54, "[in_i]", "[in_us]", "in");
    add(units, VitalType.WEIGHT, same, "kg");
    add(units, VitalType.WEIGHT, g -> g / 1000, "g");
    add(units, VitalType.WEIGHT, lb -> lb * 0.45359237, "[lb_av]", "lb", "lbs");
    add(units, VitalType.BMI, same, "kg/m2", "kg/m^2", "kg/m²");
    units.replaceAll((type, byUnit) -> Map.copyOf(byUnit));
    return Collections.unmodifiableMap(units);
  }

  private static void add(
      Map<VitalType, Map<String, DoubleUnaryOperator>> units,
      VitalType type,
      DoubleUnaryOperator conversion,
      String... names) {
    for (String name : names) {
      units.get(type).put(name, conversion);
    }
  }

  /** The quantity's value in the vital type's unit. */
  static double convert(VitalType type, Quantity quantity, String element) {
    double value = quantity.getValue().doubleValue();
    Map<String, DoubleUnaryOperator> known = UNITS.get(type);
    for (String unit : new String[] {quantity.getCode(), quantity.getUnit()}) {
      if (unit != null && known.containsKey(unit.strip())) {
        return known.get(unit.strip()).applyAsDouble(value);
      }
    }
    String given = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
    throw new IngestException(
        IngestErrorCode.FHIR_VALUE_UNUSABLE,
        given == null
            ? element + " has no unit (" + type.unit() + " expected)"
            : element + " unit '" + given + "' cannot be converted to " + type.unit());
  }
}
