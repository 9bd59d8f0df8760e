package io.tianshu.server.security;

import java.util.List;

/** What the API shows of an account: never the password hash. */
public record UserView(String username, String displayName, List<Role> roles, boolean enabled) {

  static UserView of(Account account) {
    return new UserView(
        account.username(),
        account.displayName(),
        account.roles().stream().sorted().toList(),
        account.enabled());
  }
}
