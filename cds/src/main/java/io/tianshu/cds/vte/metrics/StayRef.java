package io.tianshu.cds.vte.metrics;

import java.time.LocalDateTime;

/** A stay behind a metric figure: where the drill-down leads. */
public record StayRef(
    String encounterId,
    String patientId,
    String department,
    LocalDateTime admittedAt,
    LocalDateTime dischargedAt,
    String maxBand,
    String recommendation,
    boolean pharmacological,
    boolean mechanical,
    boolean haVte) {}
