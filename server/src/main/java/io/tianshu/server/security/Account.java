package io.tianshu.server.security;

import java.time.LocalDateTime;
import java.util.Set;

/** A local user account; the password is kept only as an adaptive hash. */
record Account(
    String username,
    String displayName,
    String passwordHash,
    Set<Role> roles,
    boolean enabled,
    LocalDateTime createdAt) {

  Account {
    roles = Set.copyOf(roles);
  }
}
