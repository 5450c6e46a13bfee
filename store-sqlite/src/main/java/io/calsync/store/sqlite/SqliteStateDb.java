package io.calsync.store.sqlite;

import io.calsync.core.status.StatusStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The durable state of calsync on one machine: sync pairs, each pair's {@link StatusStore} (item
 * status, calendar metadata, sync tokens, conflicts) and a per-pair lock, in one SQLite file.
 *
 * <p><b>Durability.</b> The file runs in WAL mode with {@code synchronous=NORMAL}: every committed
 * call survives a killed process (a power cut may lose the last few commits, never consistency).
 * Each {@link StatusStore} call commits at once; {@link StatusStore#transaction} commits all calls
 * made inside it together, or none if it throws. Transactions are per file, not per pair, and may
 * nest (inner ones are savepoints).
 *
 * <p><b>Schema.</b> Flyway migrations from {@code classpath:db/migration/sqlite} run on open. A
 * file already at {@link #SCHEMA_VERSION} skips Flyway entirely (it would only cost start-up
 * time). The file is marked with SQLite's {@code application_id} so that a foreign database is
 * refused instead of being written to.
 *
 * <p><b>Threads.</b> One connection, guarded by a lock: safe to share between threads, calls are
 * serialised. Other processes may use the same file at the same time (busy timeout); {@link #lock}
 * keeps two syncs of the same pair apart.
 *
 * <p>The file holds no secrets: locations are stored as typed, credentials live elsewhere.
 */
public final class SqliteStateDb implements AutoCloseable {

  /** The newest schema version this code knows; equal to the highest {@code V<n>__} migration. */
  static final String SCHEMA_VERSION = "2";

  /** SQLite {@code application_id} of calsync state DBs: the bytes {@code "calS"}. */
  static final int APPLICATION_ID = 0x63616C53;

  static final String MIGRATIONS = "classpath:db/migration/sqlite";
  private static final String HISTORY_TABLE = "flyway_schema_history";
  private static final int BUSY_TIMEOUT_MS = 10_000;

  /** Fixed width, so that text order is time order. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection; // guarded by lock; null once closed
  private int transactionDepth; // guarded by lock

  private SqliteStateDb(Path file, Connection connection, Clock clock) {
    this.file = file;
    this.connection = connection;
    this.clock = clock;
  }

  /**
   * Opens (creating it and its parent directories if needed) the state DB at {@code dbFile} and
   * brings its schema up to date.
   *
   * @throws IllegalStateException naming the file when it is not a calsync state DB, was written by
   *     a newer calsync, or cannot be opened or migrated
   */
  public static SqliteStateDb open(Path dbFile) {
    return open(dbFile, Clock.systemUTC());
  }

  static SqliteStateDb open(Path dbFile, Clock clock) {
    Objects.requireNonNull(dbFile, "dbFile");
    Objects.requireNonNull(clock, "clock");
    Path file = dbFile.toAbsolutePath().normalize();
    if (Files.isDirectory(file)) {
      throw new IllegalStateException(file + " is a directory, not a calsync state DB file");
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the directory of state DB " + file + ": " + e, e);
    }
    useCachedNativeLibrary();
    Connection c = null;
    try {
      c = config(true).createConnection("jdbc:sqlite:" + file);
      checkIdentity(file, c);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
      migrate(file, c);
      return new SqliteStateDb(file, c, clock);
    } catch (SQLException e) {
      closeQuietly(c, e);
      throw openFailure(file, e);
    } catch (RuntimeException | Error e) {
      closeQuietly(c, e);
      throw e;
    }
  }

  /** The state DB file (absolute). */
  public Path file() {
    return file;
  }

  /** Finds the pair of these two locations, creating it on first use. */
  public SyncPair pair(String fromLocation, String toLocation) {
    Objects.requireNonNull(fromLocation, "fromLocation");
    Objects.requireNonNull(toLocation, "toLocation");
    String id = pairId(fromLocation, toLocation);
    return sql(
        "create sync pair " + fromLocation + " → " + toLocation,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO sync_pair (id, from_location, to_location, created_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, fromLocation);
            ps.setString(3, toLocation);
            ps.setString(4, timestamp(clock.instant()));
            ps.executeUpdate();
          }
          SyncPair pair = pairById(c, id).orElseThrow();
          if (!pair.from().equals(fromLocation) || !pair.to().equals(toLocation)) {
            throw new IllegalStateException(
                "state DB %s: pair id %s of %s → %s is already used by %s → %s"
                    .formatted(file, id, fromLocation, toLocation, pair.from(), pair.to()));
          }
          return pair;
        });
  }

  /** Every pair, oldest first. */
  public List<SyncPair> pairs() {
    return sql(
        "list sync pairs",
        c -> {
          List<SyncPair> pairs = new ArrayList<>();
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(PAIR_SELECT + " ORDER BY created_at, id")) {
            while (rs.next()) {
              pairs.add(pair(rs));
            }
          }
          return pairs;
        });
  }

  public Optional<SyncPair> pairById(String id) {
    Objects.requireNonNull(id, "id");
    return sql("read sync pair " + id, c -> pairById(c, id));
  }

  /**
   * The status store of a pair. It shares this DB's connection: closing it does nothing, closing
   * the DB ends it.
   */
  public StatusStore status(SyncPair pair) {
    requireKnown(pair);
    return new SqliteStatusStore(this, pair.id());
  }

  /**
   * Takes the pair's lock, held until the returned lock is closed or the process ends. The lock is
   * an OS file lock on {@code <db file>.<pair id>.lock}, so it also keeps other processes out.
   *
   * @throws IllegalStateException if another sync (in this or another process) holds it
   */
  public PairLock lock(SyncPair pair) {
    requireKnown(pair);
    Path lockFile = file.resolveSibling(file.getFileName() + "." + pair.id() + ".lock");
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open lock file " + lockFile + ": " + e, e);
    }
    FileLock fileLock;
    try {
      fileLock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      fileLock = null; // held through another channel of this process
    } catch (IOException e) {
      closeQuietly(channel);
      throw new IllegalStateException("cannot lock " + lockFile + ": " + e, e);
    }
    if (fileLock == null) {
      closeQuietly(channel);
      throw new IllegalStateException(
          "another calsync sync is running on %s → %s (lock file %s)"
              .formatted(pair.from(), pair.to(), lockFile));
    }
    try {
      // For people looking at the file; nothing reads it.
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
    } catch (IOException ignored) {
      // the lock itself is what counts
    }
    return new FilePairLock(channel, fileLock);
  }

  /** Records that a sync of the pair finished successfully at {@code at}. */
  public void markSynced(SyncPair pair, Instant at) {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(at, "at");
    int updated =
        sql(
            "record the sync time of " + pair.id(),
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE sync_pair SET last_sync_at = ? WHERE id = ?")) {
                ps.setString(1, timestamp(at));
                ps.setString(2, pair.id());
                return ps.executeUpdate();
              }
            });
    if (updated == 0) {
      throw unknownPair(pair);
    }
  }

  /** Closes the connection; more than once is fine. Locks are closed by their holders. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (connection == null) {
        return;
      }
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA optimize");
      } catch (SQLException ignored) {
        // only a hint to SQLite's planner
      }
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException("closing state DB " + file + " failed: " + e.getMessage(), e);
      } finally {
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SqliteStateDb[" + file + "]";
  }

  // ---------------------------------------------------------------- used by SqliteStatusStore

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on the connection, holding the lock; SQL failures become unchecked. */
  <T> T sql(String what, SqlWork<T> work) {
    lock.lock();
    try {
      if (connection == null) {
        throw new IllegalStateException("state DB " + file + " is closed");
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "state DB %s: cannot %s: %s".formatted(file, what, e.getMessage()), e);
    } finally {
      lock.unlock();
    }
  }

  /** All calls inside commit together; nested calls are savepoints of the outer transaction. */
  <T> T transaction(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    lock.lock();
    try {
      Connection c = sql("begin a transaction", conn -> conn);
      return transactionDepth == 0 ? outermost(c, work) : nested(c, work);
    } finally {
      lock.unlock();
    }
  }

  private <T> T outermost(Connection c, Supplier<T> work) {
    sql("begin a transaction", conn -> {
      conn.setAutoCommit(false);
      return null;
    });
    transactionDepth = 1;
    try {
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        rollback(c, e);
        throw new IllegalStateException(
            "state DB %s: cannot commit: %s".formatted(file, e.getMessage()), e);
      }
      return result;
    } finally {
      transactionDepth = 0;
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is broken; the next call reports it
      }
    }
  }

  private <T> T nested(Connection c, Supplier<T> work) {
    Savepoint savepoint = sql("begin a nested transaction", Connection::setSavepoint);
    transactionDepth++;
    try {
      T result = work.get();
      sql("end a nested transaction", conn -> {
        conn.releaseSavepoint(savepoint);
        return null;
      });
      return result;
    } catch (RuntimeException | Error e) {
      try {
        c.rollback(savepoint);
        c.releaseSavepoint(savepoint);
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      transactionDepth--;
    }
  }

  Instant now() {
    return clock.instant();
  }

  static String timestamp(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
  }

  static Instant instant(String timestamp) {
    return timestamp == null ? null : Instant.parse(timestamp);
  }

  /** First 12 hex digits of SHA-256 over both locations: short enough to type, stable forever. */
  static String pairId(String fromLocation, String toLocation) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(fromLocation.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(toLocation.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  // ---------------------------------------------------------------- internals

  private static final String PAIR_SELECT =
      "SELECT id, from_location, to_location, created_at, last_sync_at FROM sync_pair";

  private static Optional<SyncPair> pairById(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PAIR_SELECT + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(pair(rs)) : Optional.empty();
      }
    }
  }

  private static SyncPair pair(ResultSet rs) throws SQLException {
    return new SyncPair(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        instant(rs.getString(4)),
        instant(rs.getString(5)));
  }

  private void requireKnown(SyncPair pair) {
    Objects.requireNonNull(pair, "pair");
    if (pairById(pair.id()).isEmpty()) {
      throw unknownPair(pair);
    }
  }

  private IllegalStateException unknownPair(SyncPair pair) {
    return new IllegalStateException(
        "state DB %s has no pair %s (%s → %s)".formatted(file, pair.id(), pair.from(), pair.to()));
  }

  private static SQLiteConfig config(boolean immediateTransactions) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    if (immediateTransactions) {
      // Take the write lock when a transaction begins, so that a busy DB waits (busy_timeout)
      // instead of failing when a reader upgrades to a writer.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    return config;
  }

  /**
   * Refuses anything but an empty file or a calsync state DB, before anything is written to it
   * (journal mode included).
   */
  private static void checkIdentity(Path file, Connection c) throws SQLException {
    int applicationId;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA application_id")) {
      rs.next();
      applicationId = rs.getInt(1);
    }
    if (applicationId == APPLICATION_ID) {
      return;
    }
    if (applicationId != 0) {
      throw new IllegalStateException(
          "%s is not a calsync state DB: it is an SQLite database of another application"
                  .formatted(file)
              + " (application_id 0x%08x); pass another --state file".formatted(applicationId));
    }
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name LIMIT 5")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    if (!tables.isEmpty()) {
      throw new IllegalStateException(
          "%s is not a calsync state DB: it is an SQLite database holding other tables %s;"
                  .formatted(file, tables)
              + " pass another --state file");
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = " + APPLICATION_ID);
    }
  }

  private static void migrate(Path file, Connection c) throws SQLException {
    MigrationVersion known = MigrationVersion.fromVersion(SCHEMA_VERSION);
    MigrationVersion applied = null;
    boolean failed = false;
    boolean hasHistory;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '"
                    + HISTORY_TABLE
                    + "'")) {
      hasHistory = rs.next() && rs.getInt(1) > 0;
    }
    if (hasHistory) {
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT version, success FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
        while (rs.next()) {
          MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
          failed |= !rs.getBoolean(2);
          if (applied == null || v.compareTo(applied) > 0) {
            applied = v;
          }
        }
      }
    }
    if (applied != null && applied.compareTo(known) > 0) {
      throw new IllegalStateException(
          ("%s was written by a newer calsync (state DB schema %s; this calsync knows up to %s):"
                  + " upgrade calsync or pass another --state file")
              .formatted(file, applied, known));
    }
    if (!failed && known.equals(applied)) {
      return; // up to date: no need to start Flyway
    }
    SQLiteDataSource dataSource = new SQLiteDataSource(config(false));
    dataSource.setUrl("jdbc:sqlite:" + file);
    try {
      SchemaMigrations.migrate(SqliteStateDb.class.getClassLoader(), dataSource, MIGRATIONS, HISTORY_TABLE);
    } catch (FlywayException e) {
      throw new IllegalStateException(
          "cannot bring state DB %s to schema %s: %s".formatted(file, known, e.getMessage()), e);
    }
  }

  private static IllegalStateException openFailure(Path file, SQLException e) {
    if (e instanceof SQLiteException se
        && (se.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
            || se.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT)) {
      return new IllegalStateException(
          "%s is not a calsync state DB: it is not an SQLite database (%s); pass another --state file"
              .formatted(file, se.getResultCode().message),
          e);
    }
    return new IllegalStateException(
        "cannot open state DB %s: %s".formatted(file, e.getMessage()), e);
  }

  private void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection c, Throwable cause) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was locked
    }
  }

  private static final class FilePairLock implements PairLock {
    private final FileChannel channel;
    private final FileLock fileLock;

    FilePairLock(FileChannel channel, FileLock fileLock) {
      this.channel = channel;
      this.fileLock = fileLock;
    }

    @Override
    public synchronized void close() {
      if (!channel.isOpen()) {
        return;
      }
      try {
        fileLock.release();
      } catch (IOException ignored) {
        // closing the channel releases it too
      }
      closeQuietly(channel);
    }
  }

  // ---- sqlite-jdbc's native library, cached between runs

  private static boolean nativeLibraryChosen; // guarded by SqliteStateDb.class

  /**
   * Points sqlite-jdbc at a copy of its native library kept in the user's cache folder ({@code
   * $XDG_CACHE_HOME} or {@code ~/.cache}, then {@code calsync/sqlite-<version>-<os>-<arch>/}),
   * extracted there once, instead of letting every process extract it to a new temp file and
   * compare it byte by byte with the jar's (0.06 to 0.14 s of every CLI run, measured). The copy
   * is trusted when it has the size of the jar's entry (it is written to a temp file, forced and
   * renamed).
   * Does nothing when {@code org.sqlite.lib.path} or {@code org.sqlite.lib.name} is set; on any
   * failure sqlite-jdbc loads the library its own way, as does it when the copy will not load.
   * Public for the agent's own state file, which should start as fast.
   */
  public static synchronized void useCachedNativeLibrary() {
    if (nativeLibraryChosen
        || System.getProperty("org.sqlite.lib.path") != null
        || System.getProperty("org.sqlite.lib.name") != null) {
      return;
    }
    nativeLibraryChosen = true;
    Path temp = null;
    try {
      String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
      String folder = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath();
      java.net.URL url = org.sqlite.SQLiteJDBCLoader.class.getResource(folder + "/" + name);
      String cacheHome = System.getenv("XDG_CACHE_HOME");
      String home = System.getProperty("user.home");
      boolean xdg = cacheHome != null && !cacheHome.isBlank();
      if (url == null || !xdg && (home == null || home.isBlank())) {
        return;
      }
      Path cache = xdg ? Path.of(cacheHome) : Path.of(home, ".cache");
      // e.g. /org/sqlite/native/Linux/x86_64 (finding it costs a scan of /proc/self/map_files)
      String os = folder.substring(folder.lastIndexOf("/native/") + 8).replace('/', '-');
      String version = org.sqlite.SQLiteJDBCLoader.getVersion();
      Path dir = cache.resolve("calsync").resolve("sqlite-" + version + "-" + os);
      Path lib = dir.resolve(name);
      long size = url.openConnection().getContentLengthLong();
      if (size <= 0) {
        return;
      }
      if (!Files.isRegularFile(lib) || Files.size(lib) != size) {
        Files.createDirectories(dir);
        temp = Files.createTempFile(dir, name, ".tmp");
        try (var in = url.openStream()) {
          Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        if (Files.size(temp) != size) {
          return;
        }
        Files.move(
            temp,
            lib,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        temp = null;
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException | LinkageError e) {
      // sqlite-jdbc extracts the library itself, as without this
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray temp file in the cache folder
        }
      }
    }
  }
}
