package io.tianshu.ingest.fhir;

import io.tianshu.ingest.staging.RecordFragment;
import java.util.List;
import java.util.Map;

/**
 * What a detached read of one staged unit produced: one fragment per patient its resources are
 * about, and the same account of every resource as {@link FhirReadResult}.
 *
 * @param resourceType the unit's top-level type ({@code Bundle}, {@code Observation}…), null when
 *     it could not be read
 */
record UnitRead(
    String resourceType,
    List<RecordFragment> fragments,
    List<FhirRejection> rejections,
    int resourcesRead,
    Map<String, Integer> skipped) {

  UnitRead {
    fragments = List.copyOf(fragments);
    rejections = List.copyOf(rejections);
    skipped = Map.copyOf(skipped);
  }
}
