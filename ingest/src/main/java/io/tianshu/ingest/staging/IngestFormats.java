package io.tianshu.ingest.staging;

import java.util.ArrayList;
import java.util.List;

/** The record-shaped formats every feed reads without configuration. */
public final class IngestFormats {

  private IngestFormats() {}

  /**
   * FHIR R4 and CDA; table rows need a mapping and are added by the caller ({@link
   * IngestFeed#IngestFeed(io.tianshu.store.CdrStore, IngestSettings, java.time.Clock, List)}).
   */
  public static List<UnitFormat> standard(IngestSettings settings) {
    List<UnitFormat> formats = new ArrayList<>();
    formats.add(new io.tianshu.ingest.cda.CdaUnitFormat(settings.hospitalZone()));
    return List.copyOf(formats);
  }
}
