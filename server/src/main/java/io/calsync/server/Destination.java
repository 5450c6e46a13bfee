package io.calsync.server;

import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.Database;
import io.calsync.server.store.SqliteDestinationCalendarRepository;
import io.calsync.store.sqlite.SqliteStateDb;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination sync's parts and their lifetime: the engine's status store {@code
 * DATA_DIR/destination-state.db} and the worker. Starting never touches the destination, so a
 * destination that is down does not keep the master from starting.
 */
final class Destination implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Destination.class);

  private final SqliteStateDb state;
  private final DestinationSync worker;

  private Destination(SqliteStateDb state, DestinationSync worker) {
    this.state = state;
    this.worker = worker;
  }

  static Destination start(ServerConfig config, Database db, ItemService items, CalendarRepository calendars,
      SyncService sync, ActivityLog activity, DestinationStatus status, Clock clock) {
    DestinationConfig dc = config.destination();
    SqliteStateDb state = SqliteStateDb.open(config.dataDir().resolve("destination-state.db"));
    try {
      var calendarSync = new DestinationCalendarSync(dc, items, calendars, sync,
          new SqliteDestinationCalendarRepository(db), state, activity, clock, config.conflictResolution());
      var worker = new DestinationSync(dc, calendars, calendarSync, status, clock);
      worker.start(items, sync);
      log.info("destination sync with {} ({}; strategy {})", dc.url(), dc.credentials(),
          config.conflictResolution().configName());
      return new Destination(state, worker);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      state.close();
    }
  }
}
