package io.calsync.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs units of work in one transaction. A call made inside another unit of work joins it, so
 * services can combine repository calls ("rename the calendar and queue an update per agent")
 * atomically. A PostgreSQL implementation would bind a pooled connection to the thread instead.
 */
public interface Transactions {
  /** A unit of work on the current transaction's connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in a transaction (or the caller's, if there is one) and returns its result. */
  <T> T inTransaction(SqlWork<T> work);

  /** Runs {@code hook} after the current transaction commits (at once if there is none). */
  void afterCommit(Runnable hook);
}
