package io.calsync.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's embedded SQLite database, {@code DATA_DIR/master.db}, in WAL mode and migrated by
 * Flyway from {@code classpath:db/migration/server} at open.
 *
 * <p>Concurrency: SQLite allows one writer at a time, so the master holds exactly one connection
 * and serialises every unit of work on a lock. {@link #inTransaction} runs a unit of work in one
 * transaction; a call made inside another joins it, so a state change and the queue entries it
 * causes commit together. {@link #afterCommit} schedules a side effect (waking long-polls) that
 * must only happen once the data is durable.
 */
public final class Database implements Transactions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
  private boolean closed;

  private Database(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) {@code dataDir/master.db} and migrates it. */
  public static Database open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path file = dataDir.resolve("master.db").toAbsolutePath();
      String url = "jdbc:sqlite:" + file;
      Flyway.configure()
          .dataSource(url, null, null)
          .locations("classpath:db/migration/server")
          .load()
          .migrate();
      Connection c = DriverManager.getConnection(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      log.info("master store: {}", file);
      return new Database(c);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the master store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T inTransaction(SqlWork<T> work) {
    lock.lock();
    try {
      if (closed) throw new StoreException("the master store is closed", null);
      if (afterCommit.get() != null) {
        return work.run(connection); // joins the caller's transaction
      }
      List<Runnable> hooks = new ArrayList<>();
      afterCommit.set(hooks);
      boolean ok = false;
      try {
        connection.setAutoCommit(false);
        T result = work.run(connection);
        connection.commit();
        ok = true;
        return result;
      } finally {
        afterCommit.remove();
        if (!ok) rollbackQuietly();
        connection.setAutoCommit(true);
        if (ok) hooks.forEach(Database::runQuietly);
      }
    } catch (SQLException e) {
      throw new StoreException("master store: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void afterCommit(Runnable hook) {
    List<Runnable> hooks = afterCommit.get();
    if (hooks == null) {
      hook.run();
    } else {
      hooks.add(hook);
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("rollback failed: {}", e.getMessage());
    }
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("after-commit hook failed", e);
    }
  }

  /** Waits for the running unit of work, then closes the connection (checkpointing the WAL). */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) return;
      closed = true;
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (SQLException e) {
        log.debug("checkpoint at close failed: {}", e.getMessage());
      }
      connection.close();
    } catch (SQLException e) {
      log.warn("closing the master store: {}", e.getMessage());
    } finally {
      lock.unlock();
    }
  }
}
