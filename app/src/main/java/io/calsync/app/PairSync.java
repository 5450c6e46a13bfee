package io.calsync.app;

import io.calsync.core.status.StatusStore;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.sync.SyncEngine;
import io.calsync.core.sync.SyncListener;
import io.calsync.core.sync.SyncOptions;
import io.calsync.core.sync.SyncReport;
import io.calsync.store.sqlite.PairLock;
import io.calsync.store.sqlite.SqliteStateDb;
import io.calsync.store.sqlite.SyncPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * One sync run of a pair, wired: the two storages, the state DB with the pair's status, the pair
 * lock, the engine. Shared by {@code sync}, {@code conflicts resolve} and {@code demo}.
 */
final class PairSync {

  /** The state DB's file name inside the state directory. */
  static final String DB_FILE = "state.db";

  private PairSync() {}

  /**
   * What a run did.
   *
   * @param source the source's location as its storage names it
   * @param destination the destination's location
   */
  record Outcome(String source, String destination, SyncReport report) {}

  static Path dbFile(Path stateDir) {
    return stateDir.resolve(DB_FILE);
  }

  /**
   * Syncs {@code from} with {@code to}. The pair is keyed by the storages' own locations
   * (absolute paths, URLs without credentials), so {@code ics:cal} typed in one directory and
   * {@code ics:/abs/cal} are the same pair, and no secret lands in the state DB. A dry run creates
   * no state DB and no pair: without one it plans against an empty status.
   */
  static Outcome run(
      Path stateDir,
      String from,
      String to,
      StorageOpener opener,
      SyncOptions options,
      SyncListener listener,
      Clock clock) {
    // The storages are opened first, so that a bad URI fails before the state DB is touched.
    try (CalendarStorage a = opener.openSource(from);
        CalendarStorage b = opener.openDestination(to)) {
      Path dbFile = dbFile(stateDir);
      if (options.dryRun() && !Files.exists(dbFile)) {
        return runEngine(a, b, StatusStore.inMemory(), options, listener, clock);
      }
      try (SqliteStateDb db = SqliteStateDb.open(dbFile)) {
        Optional<SyncPair> pair =
            options.dryRun()
                ? existingPair(db, a.location(), b.location())
                : Optional.of(db.pair(a.location(), b.location()));
        if (pair.isEmpty()) {
          return runEngine(a, b, StatusStore.inMemory(), options, listener, clock);
        }
        return run(db, pair.get(), a, b, options, listener, clock);
      }
    }
  }

  /** Syncs a pair the state DB knows (to apply a conflict's resolution). */
  static Outcome run(
      SqliteStateDb db,
      SyncPair pair,
      StorageOpener opener,
      SyncOptions options,
      SyncListener listener,
      Clock clock) {
    try (CalendarStorage a = opener.openSource(pair.from());
        CalendarStorage b = opener.openDestination(pair.to())) {
      return run(db, pair, a, b, options, listener, clock);
    }
  }

  private static Outcome run(
      SqliteStateDb db,
      SyncPair pair,
      CalendarStorage a,
      CalendarStorage b,
      SyncOptions options,
      SyncListener listener,
      Clock clock) {
    PairLock lock = db.lock(pair);
    try {
      Outcome outcome = runEngine(a, b, db.status(pair), options, listener, clock);
      if (!options.dryRun() && !outcome.report().hasErrors()) {
        db.markSynced(pair, clock.instant());
      }
      return outcome;
    } finally {
      lock.close();
    }
  }

  private static Outcome runEngine(
      CalendarStorage a,
      CalendarStorage b,
      StatusStore status,
      SyncOptions options,
      SyncListener listener,
      Clock clock) {
    SyncReport report = new SyncEngine(options, clock, listener).run(a, b, status);
    return new Outcome(a.location(), b.location(), report);
  }

  private static Optional<SyncPair> existingPair(SqliteStateDb db, String from, String to) {
    return db.pairs().stream().filter(p -> p.from().equals(from) && p.to().equals(to)).findFirst();
  }
}
