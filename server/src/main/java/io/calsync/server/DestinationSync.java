package io.calsync.server;

import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.sync.SafetyStop;
import io.calsync.server.DestinationStatus.CalendarState;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.ItemRepository.OriginKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the destination in two-way sync with the master calendars, on one worker thread so two
 * syncs of a calendar never overlap.
 *
 * <p>Triggers: a full pass at start; a new item version not made by the destination itself and a
 * changed calendar (both debounced by {@value #DEBOUNCE_MS} ms, so a burst of uploads is one run);
 * a poll of every calendar every {@code DESTINATION_POLL_SECONDS} for the destination's own
 * changes (cheap for the engine: sync tokens and etags).
 *
 * <p>A destination that cannot be reached is logged once per outage, shown by {@code GET
 * /health}, and retried with doubling backoff (from the poll interval up to five minutes); the
 * calendars asked for meanwhile stay pending. Nothing is deleted because of a failure: the engine
 * never takes a failed listing for an empty calendar.
 */
final class DestinationSync implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DestinationSync.class);
  static final long DEBOUNCE_MS = 50;
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final DestinationConfig config;
  private final CalendarRepository calendars;
  private final DestinationCalendarSync calendarSync;
  private final DestinationStatus status;
  private final Clock clock;
  private final ScheduledExecutorService worker;
  private final Set<String> pending = new LinkedHashSet<>();
  private ScheduledFuture<?> scheduledDrain;
  private CalendarAccount account;
  private Duration backoff;
  private Instant retryAt = Instant.MIN;
  private volatile boolean closed;

  DestinationSync(DestinationConfig config, CalendarRepository calendars, DestinationCalendarSync calendarSync,
      DestinationStatus status, Clock clock) {
    this.config = config;
    this.calendars = calendars;
    this.calendarSync = calendarSync;
    this.status = status;
    this.clock = clock;
    this.backoff = Duration.ofSeconds(config.pollSeconds());
    var executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "calsync-destination");
      t.setDaemon(true);
      return t;
    });
    // a retry waiting out its backoff must not hold up the shutdown
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.worker = executor;
  }

  /** Hooks the triggers and starts the full pass and the poll. */
  void start(ItemService items, SyncService sync) {
    items.addVersionListener(v -> {
      if (v.originKind() != OriginKind.DESTINATION) request(v.calendarId());
    });
    sync.addCalendarListener(this::request);
    worker.scheduleWithFixedDelay(this::requestAll, 0, config.pollSeconds(), TimeUnit.SECONDS);
  }

  /** Syncs the calendar soon (after the debounce), once however often it is asked. */
  void request(String calendarId) {
    synchronized (pending) {
      if (closed) return;
      pending.add(calendarId);
      if (scheduledDrain == null) {
        scheduledDrain = worker.schedule(this::drain, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void requestAll() {
    try {
      for (Calendar c : calendars.list()) request(c.id());
    } catch (RuntimeException e) {
      log.warn("destination: cannot list the master calendars: {}", e.getMessage());
    }
  }

  /** On the worker: syncs every pending calendar, unless the destination is in backoff. */
  private void drain() {
    List<String> batch;
    synchronized (pending) {
      scheduledDrain = null;
      Instant now = clock.instant();
      if (now.isBefore(retryAt)) {
        scheduledDrain = worker.schedule(this::drain, Duration.between(now, retryAt).toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      batch = List.copyOf(pending);
      pending.clear();
    }
    for (int i = 0; i < batch.size() && !closed; i++) {
      if (!syncOne(batch.get(i))) {
        // the destination is down: keep the rest for the retry after the backoff
        batch.subList(i, batch.size()).forEach(this::request);
        return;
      }
    }
  }

  /** False when the destination as a whole failed (unreachable, refused the login). */
  private boolean syncOne(String calendarId) {
    Instant started = clock.instant();
    CalendarState before = status.calendar(calendarId);
    try {
      DestinationCalendarSync.Outcome o = calendarSync.run(calendarId, account());
      if (o == null) return true;
      status.calendar(new CalendarState(calendarId, o.destinationCalendarId(), o.report().hasErrors() ? "error" : "synced",
          clock.instant(), started, o.report().problems().isEmpty() ? null : String.join("; ", o.report().problems()),
          SideCountsText.describe(o.report())));
      recovered();
      return true;
    } catch (DestinationCalendarSync.DestinationCalendarMissing e) {
      status.calendar(new CalendarState(calendarId, before == null ? null : before.destinationCalendarId(), "missing",
          before == null ? null : before.lastSuccessAt(), started, e.getMessage(), null));
      recovered();
      return true;
    } catch (SafetyStop e) {
      log.warn("destination: calendar {} not synced: {}", calendarId, e.getMessage());
      status.calendar(new CalendarState(calendarId, before == null ? null : before.destinationCalendarId(), "error",
          before == null ? null : before.lastSuccessAt(), started, e.getMessage(), null));
      return true;
    } catch (RuntimeException e) {
      failed(calendarId, before, started, e);
      return false;
    }
  }

  private CalendarAccount account() {
    if (account == null) account = DestinationAccounts.open(config);
    return account;
  }

  private void recovered() {
    if (status.failing()) log.info("destination {} is reachable again", config.url());
    status.succeeded(clock.instant());
    backoff = Duration.ofSeconds(config.pollSeconds());
    retryAt = Instant.MIN;
  }

  private void failed(String calendarId, CalendarState before, Instant at, RuntimeException e) {
    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (!status.failing()) {
      log.warn("destination {} failed (calendar {}): {}; retrying with backoff", config.url(), calendarId, message);
    } else {
      log.debug("destination still failing: {}", message);
    }
    status.failed(at, message);
    status.calendar(new CalendarState(calendarId, before == null ? null : before.destinationCalendarId(), "error",
        before == null ? null : before.lastSuccessAt(), at, message, null));
    closeAccount(); // discovery runs again on the next attempt
    retryAt = at.plus(backoff);
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
  }

  private void closeAccount() {
    if (account == null) return;
    try {
      account.close();
    } catch (RuntimeException e) {
      log.debug("closing the destination account failed: {}", e.getMessage());
    }
    account = null;
  }

  /** Stops after the run in flight; nothing pending is lost (the next start syncs everything). */
  @Override
  public void close() {
    synchronized (pending) {
      closed = true;
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) worker.shutdownNow();
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    closeAccount();
  }
}
