package io.tianshu.ingest.fhir;

import io.tianshu.ingest.IngestErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The account of one read: every resource read ends here exactly once, as accepted for mapping,
 * skipped or rejected; an accepted resource may later turn out skipped or rejected instead. Belongs
 * to one read on one thread.
 */
final class Tally {

  private final List<SourceResource> accepted = new ArrayList<>();
  private final List<FhirRejection> rejections = new ArrayList<>();
  private final Map<String, Integer> skipped = new TreeMap<>();
  private int read;

  void accept(SourceResource resource) {
    read++;
    accepted.add(resource);
  }

  void skip(String type, String reason) {
    read++;
    countSkip(type, reason);
  }

  /** Rejects a unit that never became a source resource (a bad entry, line or whole input). */
  void reject(String type, String id, IngestErrorCode code, String reason) {
    read++;
    rejections.add(new FhirRejection(nullToEmpty(type), nullToEmpty(id), code.code(), reason));
  }

  /** An accepted resource that turned out not to be mapped on purpose. */
  void skipAccepted(SourceResource resource, String reason) {
    countSkip(resource.type(), reason);
  }

  /** An accepted resource that could not be mapped. */
  void rejectAccepted(SourceResource resource, IngestErrorCode code, String reason) {
    String where =
        resource.id() == null && resource.fullUrl() == null ? resource.where() + ": " : "";
    rejections.add(
        new FhirRejection(resource.type(), resource.reportedId(), code.code(), where + reason));
  }

  List<SourceResource> accepted() {
    return accepted;
  }

  List<FhirRejection> rejections() {
    return rejections;
  }

  Map<String, Integer> skipped() {
    return skipped;
  }

  int read() {
    return read;
  }

  private void countSkip(String type, String reason) {
    skipped.merge(type + ":" + reason, 1, Integer::sum);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
