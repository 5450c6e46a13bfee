package io.calsync.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Side;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.SideStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.status.SyncedMetadata;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateDbTest {

  @TempDir Path dir;

  private Path dbFile() {
    return dir.resolve("state.db");
  }

  private static ItemStatus item(String uid) {
    return new ItemStatus(uid, new SideStatus(uid + ".ics", "\"1\"", "h"), new SideStatus("/" + uid, null, "h"));
  }

  // ------------------------------------------------------------------ pairs

  @Test
  void pair_sameLocations_returnsTheSamePairWithAStableShortId() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair first = db.pair("ics:/home/me/cal", "caldav:https://dav.example/cal/");
      SyncPair again = db.pair("ics:/home/me/cal", "caldav:https://dav.example/cal/");

      assertThat(again).isEqualTo(first);
      assertThat(first.id()).matches("[0-9a-f]{12}");
      assertThat(first.id()).isEqualTo(SqliteStateDb.pairId("ics:/home/me/cal", "caldav:https://dav.example/cal/"));
      assertThat(first.lastSyncAt()).isNull();
    }
  }

  @Test
  void pair_reversedDirection_isAnotherPair() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair ab = db.pair("ics:/a", "ics:/b");
      SyncPair ba = db.pair("ics:/b", "ics:/a");

      assertThat(ba.id()).isNotEqualTo(ab.id());
      assertThat(db.pairs()).containsExactlyInAnyOrder(ab, ba);
    }
  }

  @Test
  void pairs_areListedOldestFirst_andFoundById() {
    Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
    try (SqliteStateDb db = SqliteStateDb.open(dbFile(), Clock.fixed(t0, ZoneOffset.UTC))) {
      SyncPair p1 = db.pair("ics:/1", "ics:/x");
      assertThat(p1.createdAt()).isEqualTo(t0);
    }
    try (SqliteStateDb db = SqliteStateDb.open(dbFile(), Clock.fixed(t0.plusSeconds(1), ZoneOffset.UTC))) {
      SyncPair p2 = db.pair("ics:/2", "ics:/x");

      assertThat(db.pairs()).extracting(SyncPair::from).containsExactly("ics:/1", "ics:/2");
      assertThat(db.pairById(p2.id())).contains(p2);
      assertThat(db.pairById("000000000000")).isEmpty();
    }
  }

  @Test
  void markSynced_recordsTheLastSuccessfulSync() {
    Instant at = Instant.parse("2026-11-24T12:34:56.789Z");
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair pair = db.pair("ics:/a", "ics:/b");

      db.markSynced(pair, at);

      assertThat(db.pairById(pair.id()).orElseThrow().lastSyncAt()).isEqualTo(at);
      assertThat(db.pair("ics:/a", "ics:/b").lastSyncAt()).isEqualTo(at);
    }
  }

  @Test
  void status_ofAnUnknownPair_isRefused() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair stranger = new SyncPair("abcdefabcdef", "ics:/x", "ics:/y", Instant.now(), null);

      assertThatThrownBy(() -> db.status(stranger))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no pair abcdefabcdef");
    }
  }

  @Test
  void status_ofTwoPairs_isIsolated() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      StatusStore one = db.status(db.pair("ics:/a", "ics:/b"));
      StatusStore two = db.status(db.pair("ics:/a", "ics:/c"));

      one.putItem(item("shared-uid"));
      one.putSyncToken(Side.A, "one");
      one.putConflict(StatusStoreContract.conflict("c1", "shared-uid"));
      two.putItem(item("other"));

      assertThat(one.items()).containsOnlyKeys("shared-uid");
      assertThat(two.items()).containsOnlyKeys("other");
      assertThat(two.syncToken(Side.A)).isEmpty();
      assertThat(two.conflicts()).isEmpty();
      assertThat(two.conflict("c1")).isEmpty();

      two.removeItem("shared-uid");
      two.removeConflict("c1");
      assertThat(one.items()).containsOnlyKeys("shared-uid");
      assertThat(one.conflict("c1")).isPresent();
    }
  }

  // ------------------------------------------------------------------ durability and schema

  @Test
  void everything_survivesCloseAndReopen() {
    Instant synced = Instant.parse("2026-11-24T08:00:00Z");
    var conflict = StatusStoreContract.conflict("c1", "u1").resolvedBy(Side.B, synced);
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair pair = db.pair("ics:/a", "ics:/b");
      StatusStore store = db.status(pair);
      store.putItem(item("u1"));
      store.putSyncToken(Side.B, "token-b");
      store.putConflict(conflict);
      db.markSynced(pair, synced);
    }

    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      assertThat(db.pairs()).hasSize(1);
      SyncPair pair = db.pairs().getFirst();
      StatusStore store = db.status(pair);

      assertThat(pair.lastSyncAt()).isEqualTo(synced);
      assertThat(store.items()).containsOnlyKeys("u1").containsValue(item("u1"));
      assertThat(store.syncToken(Side.B)).contains("token-b");
      assertThat(store.conflicts()).containsExactly(conflict);
    }
  }

  @Test
  void open_createsParentDirectories_andUsesWal() throws SQLException {
    Path nested = dir.resolve("a/b/c/state.db");
    try (SqliteStateDb db = SqliteStateDb.open(nested)) {
      assertThat(db.file()).isEqualTo(nested.toAbsolutePath());
    }
    assertThat(nested).isRegularFile();
    assertThat(query(nested, "PRAGMA journal_mode")).containsExactly("wal");
    assertThat(query(nested, "PRAGMA application_id"))
        .containsExactly(Integer.toString(SqliteStateDb.APPLICATION_ID));
  }

  @Test
  void open_existingDb_runsNoMigrationTwice() throws SQLException {
    for (int i = 0; i < 3; i++) {
      SqliteStateDb.open(dbFile()).close();
    }

    assertThat(
            query(
                dbFile(),
                "SELECT version || ':' || success FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL ORDER BY installed_rank"))
        .containsExactly("1:1", "2:1")
        .last()
        .isEqualTo(SqliteStateDb.SCHEMA_VERSION + ":1");
  }

  @Test
  void open_dbAtSchema1_migratesToTheCurrentSchema_keepingItsData() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
        Statement s = c.createStatement()) {
      s.execute("PRAGMA application_id = " + SqliteStateDb.APPLICATION_ID);
    }
    org.sqlite.SQLiteDataSource v1 = new org.sqlite.SQLiteDataSource();
    v1.setUrl("jdbc:sqlite:" + dbFile());
    org.flywaydb.core.Flyway.configure(getClass().getClassLoader())
        .loggers(QuietFlywayLogCreator.class.getName())
        .dataSource(v1)
        .locations(SqliteStateDb.MIGRATIONS)
        .target("1")
        .load()
        .migrate();
    String pairId = SqliteStateDb.pairId("ics:/src", "ics:/dst");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO sync_pair (id, from_location, to_location, created_at) VALUES ('"
              + pairId + "', 'ics:/src', 'ics:/dst', '2026-01-01T00:00:00.000000000Z')");
      s.execute(
          "INSERT INTO item_status VALUES ('" + pairId + "', 'u1', 'u1.ics', '\"1\"', 'h',"
              + " '/cal/u1.ics', '\"2\"', 'h', '2026-01-01T00:00:00.000000000Z')");
    }

    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      StatusStore store = db.status(db.pair("ics:/src", "ics:/dst"));
      assertThat(store.items()).containsOnlyKeys("u1");
      assertThat(store.metadata()).isEmpty();
      SyncedMetadata m = SyncedMetadata.agreed(new MetadataValues("Work", "#112233", null));
      store.putMetadata(m);
      assertThat(store.metadata()).contains(m);
    }
    assertThat(query(dbFile(), "SELECT max(version) FROM flyway_schema_history"))
        .containsExactly(SqliteStateDb.SCHEMA_VERSION);
  }

  @Test
  void schemaVersion_isTheHighestMigration() throws Exception {
    Path migrations = Path.of(getClass().getResource("/db/migration/sqlite").toURI());
    Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
    try (Stream<Path> files = Files.list(migrations)) {
      int highest =
          files
              .map(f -> versioned.matcher(f.getFileName().toString()))
              .filter(java.util.regex.Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
      assertThat(Integer.toString(highest)).isEqualTo(SqliteStateDb.SCHEMA_VERSION);
    }
  }

  @Test
  void open_printsNothingOnStdoutOrStderr() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      SqliteStateDb.open(dbFile()).close(); // runs the migrations
      SqliteStateDb.open(dbFile()).close(); // up to date
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void open_nonSqliteFile_failsClearlyNamingTheFile() throws Exception {
    Path notADb = dir.resolve("calendar.ics");
    String content = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n".repeat(100);
    Files.writeString(notADb, content);

    assertThatThrownBy(() -> SqliteStateDb.open(notADb))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(notADb.toAbsolutePath().toString())
        .hasMessageContaining("not a calsync state DB")
        .hasMessageContaining("not an SQLite database");
    assertThat(Files.readString(notADb)).isEqualTo(content);
  }

  @Test
  void open_sqliteDbOfAnotherApplication_failsClearlyAndChangesNothing() throws Exception {
    Path foreign = dir.resolve("places.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)");
    }
    byte[] before = Files.readAllBytes(foreign);

    assertThatThrownBy(() -> SqliteStateDb.open(foreign))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(foreign.toAbsolutePath().toString())
        .hasMessageContaining("not a calsync state DB")
        .hasMessageContaining("moz_places");
    assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
    assertThat(query(foreign, "PRAGMA journal_mode")).containsExactly("delete");
  }

  @Test
  void open_dbOfANewerCalsync_failsClearly() throws Exception {
    SqliteStateDb.open(dbFile()).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, execution_time, success)"
              + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'x', 1, 1)");
    }

    assertThatThrownBy(() -> SqliteStateDb.open(dbFile()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dbFile().toAbsolutePath().toString())
        .hasMessageContaining("newer calsync")
        .hasMessageContaining("schema 99");
  }

  @Test
  void open_aDirectory_failsClearly() {
    assertThatThrownBy(() -> SqliteStateDb.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dir.toAbsolutePath().toString())
        .hasMessageContaining("directory");
  }

  @Test
  void calls_afterClose_failClearly() {
    SqliteStateDb db = SqliteStateDb.open(dbFile());
    StatusStore store = db.status(db.pair("ics:/a", "ics:/b"));
    db.close();
    db.close(); // twice is fine

    assertThatThrownBy(store::items)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  // ------------------------------------------------------------------ locks

  @Test
  void lock_heldByAnotherHolder_isRefusedNamingThePairAndFile() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair pair = db.pair("ics:/a", "caldav:https://dav.example/cal/");
      try (PairLock held = db.lock(pair)) {
        assertThatThrownBy(() -> db.lock(pair))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("another calsync sync is running on ics:/a → caldav:https://dav.example/cal/")
            .hasMessageContaining("lock file " + dbFile().toAbsolutePath() + "." + pair.id() + ".lock");
      }
    }
  }

  @Test
  void lock_heldThroughAnotherDbInstance_isRefused() {
    try (SqliteStateDb db1 = SqliteStateDb.open(dbFile());
        SqliteStateDb db2 = SqliteStateDb.open(dbFile());
        PairLock held = db1.lock(db1.pair("ics:/a", "ics:/b"))) {
      assertThatThrownBy(() -> db2.lock(db2.pair("ics:/a", "ics:/b")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another calsync sync is running");
    }
  }

  @Test
  void lock_closed_canBeTakenAgain_andClosingTwiceIsFine() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair pair = db.pair("ics:/a", "ics:/b");
      PairLock first = db.lock(pair);
      first.close();
      first.close();

      try (PairLock second = db.lock(pair)) {
        assertThat(second).isNotNull();
      }
    }
  }

  @Test
  void lock_ofAnotherPair_isIndependent() {
    try (SqliteStateDb db = SqliteStateDb.open(dbFile());
        PairLock one = db.lock(db.pair("ics:/a", "ics:/b"));
        PairLock two = db.lock(db.pair("ics:/a", "ics:/c"))) {
      assertThat(one).isNotSameAs(two);
    }
  }

  // ------------------------------------------------------------------ crash safety

  /**
   * A process killed (SIGKILL) in the middle of writing leaves a consistent DB: every transaction
   * is there whole or not at all, and the lock it held is free again.
   */
  @Test
  void processKilledMidWrite_leavesConsistentDbAndFreeLock() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWriter.class.getName(),
                dbFile().toString())
            .redirectErrorStream(true)
            .start();
    try {
      var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      assertThat(line).as("child output").startsWith("ready");
      Thread.sleep(300); // let it write mid-batch
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(query(dbFile(), "PRAGMA integrity_check")).containsExactly("ok");
    try (SqliteStateDb db = SqliteStateDb.open(dbFile())) {
      SyncPair pair = db.pair("ics:/src", "ics:/dst");
      StatusStore store = db.status(pair);
      int batches = Integer.parseInt(store.syncToken(Side.A).orElseThrow());
      assertThat(batches).isPositive();
      assertThat(store.items()).hasSize(batches * CrashingWriter.BATCH);
      db.lock(pair).close();
    }
  }

  private static List<String> query(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }
}
