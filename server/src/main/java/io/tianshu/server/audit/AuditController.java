package io.tianshu.server.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins read and verify the audit log (role enforced by the security configuration). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

  private final AuditLog auditLog;

  AuditController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @GetMapping
  AuditLog.AuditPage page(
      @RequestParam(required = false) String user,
      @RequestParam(required = false) String patientId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > 500) {
      throw new IllegalArgumentException("page must be >= 0 and size 1-500");
    }
    return auditLog.page(blankToNull(user), blankToNull(patientId), page, size);
  }

  @GetMapping("/verify")
  AuditLog.Verification verify() {
    return auditLog.verify();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
