package io.tianshu.server.audit;

import java.time.LocalDateTime;

/**
 * One audit entry. {@code hash} chains it to the previous entry, so that altering or deleting an
 * entry breaks verification from that point on.
 */
public record AuditEntry(
    long seq,
    LocalDateTime at,
    String username,
    String action,
    String patientId,
    String endpoint,
    String detail,
    String prevHash,
    String hash) {}
