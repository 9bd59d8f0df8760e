package io.tianshu.ingest.staging;

import io.tianshu.ingest.cda.CdaUnitFormat;
import io.tianshu.ingest.fhir.FhirUnitFormat;
import io.tianshu.ingest.table.TableMappings;
import io.tianshu.ingest.table.TableUnitFormat;
import java.util.ArrayList;
import java.util.List;

/** The record-shaped formats every feed reads without configuration. */
public final class IngestFormats {

  private IngestFormats() {}

  /**
   * FHIR R4, CDA, and table rows of the mappings Tianshu ships; a feed for a site's own table
   * mapping passes a table format with it ({@link IngestFeed#IngestFeed(io.tianshu.store.CdrStore,
   * IngestSettings, java.time.Clock, List)}).
   */
  public static List<UnitFormat> standard(IngestSettings settings) {
    List<UnitFormat> formats = new ArrayList<>();
    formats.add(new FhirUnitFormat(settings.hospitalZone()));
    formats.add(new CdaUnitFormat(settings.hospitalZone()));
    formats.add(new TableUnitFormat(TableMappings.builtIn()));
    return List.copyOf(formats);
  }
}
