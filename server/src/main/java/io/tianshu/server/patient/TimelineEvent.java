package io.tianshu.server.patient;

import java.time.LocalDateTime;

/** One event on a patient's timeline. */
public record TimelineEvent(
    LocalDateTime at, Kind kind, String encounterId, String title, String detail, String refId) {

  /** What happened. */
  public enum Kind {
    ENCOUNTER,
    TRANSFER,
    DISCHARGE,
    DIAGNOSIS,
    OPERATION,
    ORDER,
    LAB,
    EXAM,
    DOCUMENT
  }
}
