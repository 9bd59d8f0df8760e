package io.tianshu.server.security;

import io.tianshu.store.CdrStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Repository;

/** Accounts in the {@code app_user} table of the CDR database. */
@Repository
class AccountRepository {

  private static final String COLUMNS =
      "username, display_name, password_hash, roles, enabled, created_at";

  private final CdrStore store;

  AccountRepository(CdrStore store) {
    this.store = store;
  }

  Optional<Account> find(String username) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.<Account>empty();
            }
          }
        });
  }

  List<Account> all() {
    return store.inTransaction(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM app_user ORDER BY username");
              ResultSet rs = ps.executeQuery()) {
            List<Account> accounts = new ArrayList<>();
            while (rs.next()) {
              accounts.add(read(rs));
            }
            return accounts;
          }
        });
  }

  long count() {
    return store.inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM app_user");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Inserts a new account; returns false when the username is taken. */
  boolean insert(Account account) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement check =
              c.prepareStatement("SELECT 1 FROM app_user WHERE username = ?")) {
            check.setString(1, account.username());
            try (ResultSet rs = check.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO app_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, account.username());
            ps.setString(2, account.displayName());
            ps.setString(3, account.passwordHash());
            ps.setString(4, encodeRoles(account.roles()));
            ps.setBoolean(5, account.enabled());
            ps.setTimestamp(6, Timestamp.valueOf(account.createdAt()));
            ps.executeUpdate();
            return true;
          }
        });
  }

  /** Enables or disables an account; returns false when there is no such account. */
  boolean setEnabled(String username, boolean enabled) {
    return store.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE app_user SET enabled = ? WHERE username = ?")) {
            ps.setBoolean(1, enabled);
            ps.setString(2, username);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private static Account read(ResultSet rs) throws SQLException {
    return new Account(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        decodeRoles(rs.getString(4)),
        rs.getBoolean(5),
        rs.getTimestamp(6).toLocalDateTime());
  }

  private static String encodeRoles(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
  }

  private static Set<Role> decodeRoles(String roles) {
    Set<Role> result = EnumSet.noneOf(Role.class);
    Arrays.stream(roles.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(s -> result.add(Role.valueOf(s)));
    return result;
  }
}
