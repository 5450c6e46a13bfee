package io.calsync.agent.state;

import io.calsync.store.sqlite.SchemaMigrations;
import io.calsync.store.sqlite.SqliteStateDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The agent's state file: one SQLite file (WAL, {@code synchronous=NORMAL}) holding, per source,
 * the master token, the local sync token and every UID's href, etag, hash and base version. Its
 * schema comes from the Flyway migrations in {@code classpath:db/agent-state}.
 *
 * <p>Every {@link #commit} is one transaction, so a crash leaves the state of the last commit:
 * what happened after it is done again, which the protocol makes harmless (the master answers
 * {@code unchanged} to a repeated upload; a repeated download finds the local copy already there).
 *
 * <p>Thread-safe: calls are serialised on the one connection.
 */
public final class AgentStateDb implements AutoCloseable {

  static final String MIGRATIONS = "classpath:db/agent-state";
  private static final String HISTORY_TABLE = "flyway_schema_history";

  private final Path file;
  private final Connection connection;

  private AgentStateDb(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating it and its folder if needed) the state file and brings its schema up to date.
   *
   * @throws IllegalStateException naming the file when it cannot be opened or migrated
   */
  public static AgentStateDb open(Path stateFile) {
    Path file = stateFile.toAbsolutePath().normalize();
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the folder of the agent state file " + file + ": " + e, e);
    }
    SqliteStateDb.useCachedNativeLibrary();
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    try {
      SchemaMigrations.migrate(AgentStateDb.class.getClassLoader(), dataSource, MIGRATIONS, HISTORY_TABLE);
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "cannot use " + file + " as the agent state file: " + e.getMessage() + "; pass another --state file", e);
    }
    try {
      Connection c = dataSource.getConnection();
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
      c.setAutoCommit(false);
      return new AgentStateDb(file, c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the agent state file " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The source's state; {@link SourceState#NEW} for a source never synced. */
  public synchronized SourceState source(String sourceName) {
    return sql("read source " + sourceName, () -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT master_token, local_sync_token, master_calendar_id FROM source_state WHERE source_name = ?")) {
        ps.setString(1, sourceName);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new SourceState(rs.getLong(1), rs.getString(2), rs.getString(3)) : SourceState.NEW;
        }
      }
    });
  }

  /** Every UID the agent knows in the source, by UID. */
  public synchronized Map<String, ItemState> items(String sourceName) {
    return sql("read the items of source " + sourceName, () -> {
      Map<String, ItemState> items = new LinkedHashMap<>();
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT uid, href, etag, content_hash, base_version, sharing, conflict_hash, rejected_hash"
              + " FROM item_state WHERE source_name = ? ORDER BY uid")) {
        ps.setString(1, sourceName);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long base = rs.getLong(5);
            Long baseVersion = rs.wasNull() ? null : base;
            items.put(rs.getString(1), new ItemState(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), baseVersion, Sharing.fromDb(rs.getString(6)), rs.getString(7), rs.getString(8)));
          }
        }
      }
      return items;
    });
  }

  /** Records the source's state with these items written and these UIDs forgotten, all or nothing. */
  public synchronized void commit(
      String sourceName, SourceState source, Collection<ItemState> written, Collection<String> forgotten) {
    Objects.requireNonNull(source, "source");
    sql("record source " + sourceName, () -> {
      try {
        writeSource(sourceName, source);
        writeItems(sourceName, written);
        forget(sourceName, forgotten);
        connection.commit();
        return null;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    });
  }

  private void writeSource(String sourceName, SourceState s) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT INTO source_state (source_name, master_token, local_sync_token, master_calendar_id)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (source_name) DO UPDATE SET master_token = excluded.master_token,"
            + " local_sync_token = excluded.local_sync_token, master_calendar_id = excluded.master_calendar_id")) {
      ps.setString(1, sourceName);
      ps.setLong(2, s.masterToken());
      ps.setString(3, s.localSyncToken());
      ps.setString(4, s.masterCalendarId());
      ps.executeUpdate();
    }
  }

  private void writeItems(String sourceName, Collection<ItemState> items) throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(
        "INSERT OR REPLACE INTO item_state (source_name, uid, href, etag, content_hash, base_version, sharing,"
            + " conflict_hash, rejected_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (ItemState i : items) {
        ps.setString(1, sourceName);
        ps.setString(2, i.uid());
        ps.setString(3, i.href());
        ps.setString(4, i.etag());
        ps.setString(5, i.hash());
        if (i.baseVersion() == null) {
          ps.setNull(6, Types.INTEGER);
        } else {
          ps.setLong(6, i.baseVersion());
        }
        ps.setString(7, i.sharing().dbName());
        ps.setString(8, i.conflictHash());
        ps.setString(9, i.rejectedHash());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void forget(String sourceName, Collection<String> uids) throws SQLException {
    if (uids.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        connection.prepareStatement("DELETE FROM item_state WHERE source_name = ? AND uid = ?")) {
      for (String uid : uids) {
        ps.setString(1, sourceName);
        ps.setString(2, uid);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the agent state file " + file + ": " + e.getMessage(), e);
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T sql(String what, Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new IllegalStateException("agent state file " + file + ": cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
