package io.tianshu.ingest.fhir;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * One parsed resource with the identity it had in its input.
 *
 * @param type the resource type, e.g. {@code Observation}
 * @param id the logical id, or null when the input gave none
 * @param fullUrl the bundle entry's fullUrl, or null
 * @param resource the parsed resource
 * @param where its position in the input ({@code entry[3]}, {@code line 12}), for messages
 */
record SourceResource(String type, String id, String fullUrl, Resource resource, String where) {

  /** The id a record built from this resource gets: the logical id, else the fullUrl's tail. */
  String recordId() {
    if (id != null) {
      return id;
    }
    if (fullUrl == null) {
      return null;
    }
    String tail =
        fullUrl.startsWith("urn:")
            ? fullUrl.substring(fullUrl.lastIndexOf(':') + 1)
            : new IdType(fullUrl).getIdPart();
    return tail == null || tail.isBlank() ? null : tail;
  }

  /** How provenance and rejections name it: {@code Type/id}, else the fullUrl. */
  String sourceRecordId() {
    return id != null ? type + "/" + id : fullUrl;
  }

  /** The id to report in a rejection: the logical id, else the fullUrl, else empty. */
  String reportedId() {
    return id != null ? id : fullUrl != null ? fullUrl : "";
  }
}
