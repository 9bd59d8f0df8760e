package io.tianshu.server.security;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Decides whether a user sees identified or de-identified patient data. */
public final class DataAccess {

  private static final Set<String> IDENTIFIED =
      Set.of(
          Role.ADMIN.authority(),
          Role.DATA_STEWARD.authority(),
          Role.CLINICIAN.authority(),
          Role.QUALITY_OFFICER.authority());

  private DataAccess() {}

  /**
   * Researchers see de-identified data unless they also hold a role that grants identified access.
   */
  public static boolean deidentified(Authentication user) {
    return user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .noneMatch(IDENTIFIED::contains);
  }
}
