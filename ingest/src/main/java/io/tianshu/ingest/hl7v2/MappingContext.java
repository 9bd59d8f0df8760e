package io.tianshu.ingest.hl7v2;

import ca.uhn.hl7v2.model.Segment;
import io.tianshu.core.record.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What every mapping step of one message needs: its header, segments, batch and time reader. */
record MappingContext(
    MshHeader header, List<IndexedSegment> segments, String batchId, Hl7v2Time time) {

  static MappingContext of(
      MshHeader header, List<Segment> segments, String batchId, Hl7v2Time time) {
    return new MappingContext(
        header, index(segments), Objects.requireNonNull(batchId, "batchId"), time);
  }

  private static List<IndexedSegment> index(List<Segment> segments) {
    List<IndexedSegment> indexed = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      indexed.add(new IndexedSegment(i + 1, segments.get(i)));
    }
    return List.copyOf(indexed);
  }

  IndexedSegment first(String name) {
    return segments.stream()
        .filter(s -> s.segment().getName().equals(name))
        .findFirst()
        .orElse(null);
  }

  /** Control id plus the 1-based segment index, so a fact points at its segment. */
  Provenance provenance(IndexedSegment segment) {
    return new Provenance(
        header.sourceSystem(), header.controlId() + "#" + segment.index(), batchId);
  }

  static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  static <T> T firstNonNull(T a, T b) {
    return a != null ? a : b;
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
