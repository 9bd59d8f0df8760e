package io.tianshu.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the CDR.
 *
 * @param dialect the engine
 * @param jdbcUrl JDBC URL, e.g. {@code jdbc:duckdb:/data/tianshu.duckdb}
 * @param user database user (PostgreSQL only), may be null
 * @param password database password (PostgreSQL only), may be null
 * @param identifierKey secret key for the keyed hash of ID numbers (HMAC-SHA256); per installation,
 *     never in the repository
 */
public record StoreConfig(
    Dialect dialect, String jdbcUrl, String user, String password, byte[] identifierKey) {

  public StoreConfig {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(identifierKey, "identifierKey");
    if (identifierKey.length < 16) {
      throw new IllegalArgumentException("identifierKey must be at least 16 bytes");
    }
    identifierKey = identifierKey.clone();
  }

  public static StoreConfig duckdb(Path file, byte[] identifierKey) {
    return new StoreConfig(
        Dialect.DUCKDB, "jdbc:duckdb:" + file.toAbsolutePath(), null, null, identifierKey);
  }

  public static StoreConfig postgres(
      String jdbcUrl, String user, String password, byte[] identifierKey) {
    return new StoreConfig(Dialect.POSTGRESQL, jdbcUrl, user, password, identifierKey);
  }

  @Override
  public byte[] identifierKey() {
    return identifierKey.clone();
  }

  @Override
  public String toString() {
    return "StoreConfig[" + dialect + " " + jdbcUrl + " user=" + user + "]";
  }
}
