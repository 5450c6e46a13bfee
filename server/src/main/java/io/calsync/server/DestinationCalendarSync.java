package io.calsync.server;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Side;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.core.sync.ConflictStrategy;
import io.calsync.core.sync.SyncAction;
import io.calsync.core.sync.SyncEngine;
import io.calsync.core.sync.SyncListener;
import io.calsync.core.sync.SyncOptions;
import io.calsync.core.sync.SyncReport;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.DestinationCalendarRepository;
import io.calsync.server.store.DestinationCalendarRepository.DestinationCalendar;
import io.calsync.store.sqlite.SqliteStateDb;
import io.calsync.store.sqlite.SyncPair;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one master calendar with its destination calendar: finds or creates the
 * destination calendar, then runs the engine between the master ({@link ConsolidatedStorage},
 * side A) and the destination calendar (side B) on the pair's status in {@code
 * DATA_DIR/destination-state.db}.
 *
 * <p>{@code CONFLICT_RESOLUTION} maps onto the engine: {@code source_wins} → A wins, {@code
 * destination_wins} → B wins, {@code latest_wins} → the later version. {@code manual} runs the
 * engine with B winning, but the master decides: the destination's change is based on the
 * version the destination last agreed with, so a concurrent agent edit becomes one conflict
 * record at the master ({@code GET /sync/conflicts/recent}), not one in the engine's status. Both
 * versions are then recorded as synced in the pair's status (as an agent records an uploaded
 * hash), so neither overwrites the other on the next poll, and the resolution reaches the
 * destination as an ordinary master change.
 */
final class DestinationCalendarSync {
  private static final Logger log = LoggerFactory.getLogger(DestinationCalendarSync.class);

  /** The calendar was deleted at the destination and is left alone. */
  static final class DestinationCalendarMissing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DestinationCalendarMissing(String message) {
      super(message, null, false, false);
    }
  }

  /** What a run did, for the status. */
  record Outcome(String destinationCalendarId, SyncReport report) {}

  private final DestinationConfig config;
  private final ItemService items;
  private final CalendarRepository calendars;
  private final SyncService sync;
  private final DestinationCalendarRepository mappings;
  private final SqliteStateDb state;
  private final ActivityLog activity;
  private final Clock clock;
  private final ConflictStrategy strategy;

  DestinationCalendarSync(DestinationConfig config, ItemService items, CalendarRepository calendars, SyncService sync,
      DestinationCalendarRepository mappings, SqliteStateDb state, ActivityLog activity, Clock clock,
      ConflictStrategy strategy) {
    this.config = config;
    this.items = items;
    this.calendars = calendars;
    this.sync = sync;
    this.mappings = mappings;
    this.state = state;
    this.activity = activity;
    this.clock = clock;
    this.strategy = strategy;
  }

  /**
   * Syncs the calendar; null when the master calendar no longer exists.
   *
   * @throws DestinationCalendarMissing when its destination calendar was deleted there
   * @throws StorageException when the destination cannot be reached or read
   */
  Outcome run(String calendarId, CalendarAccount account) {
    Calendar calendar = calendars.find(calendarId).orElse(null);
    if (calendar == null) return null;
    DestinationCalendar mapping = mapping(calendar, account);
    if (mapping.missing()) throw missing(calendarId, mapping, false);
    CalendarStorage destination;
    try {
      destination = account.open(mapping.destinationCalendarId());
    } catch (StorageException.ItemNotFound e) {
      throw missing(calendarId, mapping, true);
    }
    try (destination) {
      return new Outcome(mapping.destinationCalendarId(), runEngine(calendarId, destination, account, mapping));
    }
  }

  private SyncReport runEngine(String calendarId, CalendarStorage destination, CalendarAccount account,
      DestinationCalendar mapping) {
    boolean manual = strategy == ConflictStrategy.MANUAL;
    SyncPair pair = state.pair("calsync-master:" + calendarId, destination.location());
    StatusStore status = state.status(pair);
    Map<String, ItemStatus> agreed = manual ? status.items() : Map.of();
    Function<String, Long> agreedVersion = manual
        ? uid -> agreed.containsKey(uid) ? ConsolidatedStorage.version(agreed.get(uid).a().etag()) : null
        : null;
    ConsolidatedStorage master = new ConsolidatedStorage(calendarId, items, calendars, sync, agreedVersion);
    Map<String, SyncAction.Update> failedMasterUpdates = new HashMap<>();
    SyncListener listener = new SyncListener() {
      @Override
      public void applied(SyncAction action, String outcome) {
        if (action instanceof SyncAction.Update u && u.target() == Side.A && outcome.startsWith("failed")) {
          failedMasterUpdates.put(u.uid(), u);
        }
      }
    };
    SyncReport report;
    try {
      report = new SyncEngine(SyncOptions.defaults().withStrategy(engineStrategy()), clock, listener)
          .run(master, destination, status);
    } catch (StorageException.ItemNotFound e) {
      // a listing of a calendar that is gone; an account that still lists it means something else
      if (account.listCalendars().stream().noneMatch(c -> c.id().equals(mapping.destinationCalendarId()))) {
        throw missing(calendarId, mapping, true);
      }
      throw e;
    }
    // Both versions now wait in the master's conflict record: record both sides as synced, so
    // neither is written over the other on the next poll; the resolution is a new master version.
    master.keptAsConflict().forEach((uid, masterSide) -> {
      SyncAction.Update u = failedMasterUpdates.get(uid);
      if (u != null) status.putItem(new ItemStatus(uid, masterSide, u.from()));
    });
    state.markSynced(pair, clock.instant());
    SideCountsText.recordWrites(activity, clock.instant(), calendarId, report);
    return report;
  }

  /** The engine's strategy for {@code CONFLICT_RESOLUTION}: side A is the master, B the destination. */
  ConflictStrategy engineStrategy() {
    return strategy == ConflictStrategy.MANUAL ? ConflictStrategy.DESTINATION_WINS : strategy;
  }

  /** The calendar's destination calendar: known, adopted (same id, e.g. after a crash) or created. */
  private DestinationCalendar mapping(Calendar calendar, CalendarAccount account) {
    DestinationCalendar known = mappings.find(config.url(), calendar.id()).orElse(null);
    if (known != null) return known;
    CalendarMeta meta = account.listCalendars().stream().filter(c -> c.id().equals(calendar.id())).findFirst()
        .orElse(null);
    if (meta == null) {
      meta = account.createCalendar(new CalendarMeta(calendar.id(), calendar.name(), calendar.color(),
          calendar.description(), null, false));
      activity.record(clock.instant(), "destination_calendar_created", null, calendar.id(), null,
          "destination calendar '" + meta.id() + "' created for '" + calendar.name() + "'");
      log.info("destination: created calendar {} for master calendar {}", meta.id(), calendar.id());
    }
    DestinationCalendar created = new DestinationCalendar(config.url(), calendar.id(), meta.id(), false, clock.instant());
    mappings.insert(created);
    return created;
  }

  private DestinationCalendarMissing missing(String calendarId, DestinationCalendar mapping, boolean justFound) {
    String message = "destination calendar '" + mapping.destinationCalendarId() + "' was deleted at the destination;"
        + " not recreated (remove its row from destination_calendars to create it again)";
    if (justFound) {
      mappings.markMissing(config.url(), calendarId);
      activity.record(clock.instant(), "destination_calendar_missing", null, calendarId, null, message);
      log.warn("destination: master calendar {}: {}", calendarId, message);
    }
    return new DestinationCalendarMissing(message);
  }
}
