package io.tianshu.query.criteria;

import io.tianshu.core.record.DocumentType;
import java.util.List;
import java.util.Objects;

/**
 * Clinical documents by type and timeliness; the fact time is {@code createdAt} (when it was
 * written).
 *
 * @param types accepted document types; empty for any
 * @param timeliness whether it must have been written on time or late, or null for either
 * @param scope relation to the index event
 */
public record DocumentCriterion(List<DocumentType> types, Timeliness timeliness, EventScope scope)
    implements EventCriterion {

  public DocumentCriterion {
    types = List.copyOf(types);
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public <R> R accept(CriterionVisitor<R> visitor) {
    return visitor.document(this);
  }

  @Override
  public String domain() {
    return "document";
  }

  /**
   * A writing deadline: the document is on time when {@code createdAt <= reference + deadlineHours}
   * and late otherwise. Without a reference time (no {@code eventAt}, or its encounter not in the
   * record) it is neither.
   *
   * @param status which side of the deadline qualifies
   * @param deadlineHours hours allowed after the reference time
   * @param from the reference time
   */
  public record Timeliness(Status status, int deadlineHours, Reference from) {

    public Timeliness {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(from, "from");
    }

    /** On time or late. */
    public enum Status {
      ON_TIME,
      LATE
    }

    /** What the deadline runs from. */
    public enum Reference {
      /** The admission time of the document's encounter (e.g. 入院记录 within 24 h). */
      ADMISSION,
      /** The document's own event time (e.g. 手术记录 within 24 h of the operation). */
      EVENT
    }
  }
}
