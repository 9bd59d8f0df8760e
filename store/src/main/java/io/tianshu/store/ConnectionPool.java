package io.tianshu.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A minimal pool of JDBC connections, each with its prepared statements cached: readPatient runs a
 * dozen small queries, and re-planning them on every call would cost more than running them.
 * Connections are made on demand (a DuckDB {@code duplicate()} or a PostgreSQL login) and at most
 * {@code maxIdle} are kept. The server reads from many threads, so a connection is only ever used
 * by the thread that borrowed it.
 */
final class ConnectionPool implements AutoCloseable {

  /** Opens one connection configured for this pool's use. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  /** A borrowed connection with its statement cache. */
  static final class Lease {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private Lease(Connection connection) {
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      return statement;
    }

    private void closeQuietly() {
      for (PreparedStatement statement : statements.values()) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  private final Opener opener;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Lease> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ConnectionPool(Opener opener, int maxIdle) {
    this.opener = opener;
    this.maxIdle = maxIdle;
  }

  Lease borrow() throws SQLException {
    if (closed) {
      throw new SQLException("the store is closed");
    }
    Lease lease = idle.pollFirst();
    return lease != null ? lease : new Lease(opener.open());
  }

  /** Returns a lease; a connection that failed mid-work is closed rather than reused. */
  void release(Lease lease, boolean healthy) {
    if (healthy && !closed && idle.size() < maxIdle) {
      idle.addFirst(lease);
      if (!closed) {
        return;
      }
      idle.remove(lease);
    }
    lease.closeQuietly();
  }

  @Override
  public void close() {
    closed = true;
    Lease lease;
    while ((lease = idle.pollFirst()) != null) {
      lease.closeQuietly();
    }
  }
}
