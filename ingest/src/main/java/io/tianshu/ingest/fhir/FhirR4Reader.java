package io.tianshu.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.tianshu.ingest.IngestErrorCode;
import java.io.Reader;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Resource;

/**
 * Entry point of the FHIR R4 connector: reads bundles, Bulk Data NDJSON or parsed resources into
 * Tianshu {@link io.tianshu.core.record.PatientRecord}s. Thread-safe; share one instance, since the
 * HAPI {@link FhirContext} behind it is expensive to create. A read never throws on bad input:
 * whatever cannot be parsed or mapped becomes a {@link FhirRejection}.
 *
 * <p>References resolve only within one read, so a read must hold each patient together with the
 * resources that refer to it; facts whose patient or encounter is elsewhere are rejected as {@code
 * TS-INGEST-207}. Staged units ({@link FhirUnitFormat}) are read detached instead: such references
 * name the patient or encounter by logical id, and the feed holds what waits for its patient.
 */
public final class FhirR4Reader {

  /** China Standard Time, the default hospital zone. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private static final class Shared {
    static final FhirR4Reader INSTANCE = new FhirR4Reader(FhirContext.forR4(), DEFAULT_ZONE);
  }

  private final FhirContext context;
  private final Set<String> resourceTypes;
  private final ZoneId zone;

  private FhirR4Reader(FhirContext context, ZoneId zone) {
    this.context = context;
    this.resourceTypes = Set.copyOf(context.getResourceTypes());
    this.zone = zone;
  }

  /** The shared reader, hospital zone Asia/Shanghai; its FHIR context is created on first use. */
  public static FhirR4Reader shared() {
    return Shared.INSTANCE;
  }

  /**
   * A reader that converts times with offsets to {@code hospitalZone} (times without an offset are
   * taken as already local), sharing this reader's FHIR context.
   */
  public FhirR4Reader withHospitalZone(ZoneId hospitalZone) {
    return new FhirR4Reader(context, Objects.requireNonNull(hospitalZone, "hospitalZone"));
  }

  /**
   * Reads a Bundle of type transaction, batch, collection or searchset.
   *
   * @param json the bundle as JSON text
   * @param sourceSystem the sending system, named in every record's provenance (not blank)
   */
  public FhirReadResult readBundle(String json, String sourceSystem) {
    return read(sourceSystem, intake -> intake.bundle(json));
  }

  /**
   * Reads Bulk Data NDJSON: one resource per line, resources of many patients in any order. The
   * reader is consumed but not closed.
   */
  public FhirReadResult readNdjson(Reader ndjson, String sourceSystem) {
    return read(sourceSystem, intake -> intake.ndjson(ndjson));
  }

  /** Reads resources parsed elsewhere (bundles among them are opened); they are not modified. */
  public FhirReadResult readResources(List<Resource> resources, String sourceSystem) {
    return read(sourceSystem, intake -> intake.resources(resources));
  }

  /**
   * Reads one staged unit (a Bundle or a single resource as JSON bytes) detached: references to a
   * Patient or Encounter outside it name them by logical id, so each patient's records form a
   * fragment, with demographics only when the Patient resource is in the unit.
   */
  UnitRead readUnit(byte[] json, String sourceSystem) {
    Objects.requireNonNull(sourceSystem, "sourceSystem");
    Tally tally = new Tally();
    try {
      String type = new ResourceIntake(context, resourceTypes, tally).unit(json);
      return ReadSession.runDetached(type, tally, sourceSystem, new FhirTime(zone));
    } catch (RuntimeException | StackOverflowError e) {
      FhirRejection rejection =
          new FhirRejection(
              "",
              "",
              IngestErrorCode.FHIR_INTERNAL.code(),
              e.getClass().getSimpleName() + ": " + e.getMessage());
      return new UnitRead(null, List.of(), List.of(rejection), 1, Map.of());
    }
  }

  private FhirReadResult read(String sourceSystem, Consumer<ResourceIntake> input) {
    Objects.requireNonNull(sourceSystem, "sourceSystem");
    if (sourceSystem.isBlank()) {
      throw new IllegalArgumentException("sourceSystem is blank");
    }
    Tally tally = new Tally();
    try {
      input.accept(new ResourceIntake(context, resourceTypes, tally));
      return ReadSession.run(tally, sourceSystem, new FhirTime(zone));
    } catch (RuntimeException | StackOverflowError e) {
      // A failure of our own code outside one resource's mapping: the whole read waits for a fix.
      FhirRejection rejection =
          new FhirRejection(
              "",
              "",
              IngestErrorCode.FHIR_INTERNAL.code(),
              e.getClass().getSimpleName() + ": " + e.getMessage());
      return new FhirReadResult(List.of(), List.of(rejection), 1, Map.of());
    }
  }
}
