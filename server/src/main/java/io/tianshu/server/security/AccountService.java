package io.tianshu.server.security;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Local accounts: lookup for authentication, creation with password rules, enabling and disabling.
 */
@Service
public class AccountService implements UserDetailsService {

  static final ErrorCode USERNAME_TAKEN =
      new ErrorCode("TS-AUTH-409", 409, "Username already exists");
  static final ErrorCode WEAK_PASSWORD = new ErrorCode("TS-AUTH-422", 422, "Password too weak");
  static final ErrorCode BAD_USERNAME = new ErrorCode("TS-AUTH-400", 400, "Invalid username");

  private final AccountRepository accounts;
  private final PasswordEncoder passwordEncoder;
  private final Clock clock;

  AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock) {
    this.accounts = accounts;
    this.passwordEncoder = passwordEncoder;
    this.clock = clock;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    Account account =
        accounts.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    return User.withUsername(account.username())
        .password(account.passwordHash())
        .disabled(!account.enabled())
        .authorities(
            account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList())
        .build();
  }

  /** The account's public view, for {@code /api/auth/me}. */
  UserView view(String username) {
    Account account =
        accounts
            .find(username)
            .orElseThrow(
                () -> new TianshuException(ErrorCode.NOT_FOUND, "No user " + username + "."));
    return UserView.of(account);
  }

  List<UserView> list() {
    return accounts.all().stream().map(UserView::of).toList();
  }

  boolean hasAccounts() {
    return accounts.count() > 0;
  }

  /** Creates an account after checking the username and the password's strength. */
  UserView create(String username, String displayName, String password, Set<Role> roles) {
    if (username == null || !username.matches("[A-Za-z0-9_.-]{3,40}")) {
      throw new TianshuException(
          BAD_USERNAME, "Usernames are 3-40 letters, digits, dots, dashes or underscores.");
    }
    checkStrength(password);
    if (roles == null || roles.isEmpty()) {
      throw new TianshuException(ErrorCode.INVALID_ARGUMENT, "An account needs at least one role.");
    }
    Account account =
        new Account(
            username,
            displayName == null || displayName.isBlank() ? username : displayName,
            passwordEncoder.encode(password),
            roles,
            true,
            LocalDateTime.now(clock));
    if (!accounts.insert(account)) {
      throw new TianshuException(USERNAME_TAKEN, "The username " + username + " is already taken.");
    }
    return UserView.of(account);
  }

  void setEnabled(String username, boolean enabled) {
    if (!accounts.setEnabled(username, enabled)) {
      throw new TianshuException(ErrorCode.NOT_FOUND, "No user " + username + ".");
    }
  }

  /**
   * At least 12 characters from at least three of: lower case, upper case, digits, symbols — the
   * usual 等保 2.0 complexity rule made a little longer.
   */
  static void checkStrength(String password) {
    if (password == null || password.length() < 12) {
      throw new TianshuException(WEAK_PASSWORD, "Passwords need at least 12 characters.");
    }
    int classes = 0;
    classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
    classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
    classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
    classes += password.chars().anyMatch(ch -> !Character.isLetterOrDigit(ch)) ? 1 : 0;
    if (classes < 3) {
      throw new TianshuException(
          WEAK_PASSWORD, "Passwords need three of: lower case, upper case, digits, symbols.");
    }
  }
}
