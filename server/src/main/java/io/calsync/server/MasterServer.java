package io.calsync.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.protocol.ProtocolJson;
import io.calsync.server.store.Database;
import io.calsync.server.store.SqliteActivityLog;
import io.calsync.server.store.SqliteAgentRepository;
import io.calsync.server.store.SqliteCalendarRepository;
import io.calsync.server.store.SqliteConflictRepository;
import io.calsync.server.store.SqliteItemRepository;
import io.calsync.server.store.SqliteUpdateQueue;
import io.calsync.server.web.WebRoutes;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calsync master: the seed's REST API over durable per-agent update queues on an embedded
 * SQLite store ({@code DATA_DIR/master.db}).
 *
 * <pre>{@code
 * try (MasterServer master = MasterServer.start(ServerConfig.fromEnvironment())) {
 *   System.out.println("listening on " + master.port());
 *   master.awaitStop();
 * }
 * }</pre>
 */
public final class MasterServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterServer.class);

  /** The calsync version, from the jar manifest when packaged. */
  public static final String VERSION = version();

  private final Database db;
  private final Javalin app;
  private final QueueService queues;
  private final ItemService items;
  private final ScheduledExecutorService scheduler;
  private final CheckInBatcher checkIns;
  private final Destination destination;
  private final Object stopped = new Object();
  private java.util.function.Function<String, ConsolidatedStorage> consolidated;
  private volatile boolean closed;

  private MasterServer(Database db, Javalin app, QueueService queues, ItemService items,
      ScheduledExecutorService scheduler, CheckInBatcher checkIns, Destination destination) {
    this.destination = destination;
    this.db = db;
    this.app = app;
    this.queues = queues;
    this.items = items;
    this.scheduler = scheduler;
    this.checkIns = checkIns;
  }

  /**
   * Opens the store in {@code DATA_DIR}, creates the admin key on first start (when {@code
   * AUTH_ENABLED}), and listens on {@code BIND_ADDRESS:API_PORT} (port 0 picks a free one).
   */
  public static MasterServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  static MasterServer start(ServerConfig config, Clock clock) {
    Database db = Database.open(config.dataDir());
    CheckInBatcher checkIns = null;
    Destination destination = null;
    try {
      ObjectMapper json = ProtocolJson.mapper();
      var agents = new SqliteAgentRepository(db);
      var calendars = new SqliteCalendarRepository(db);
      var queue = new SqliteUpdateQueue(db);
      var activity = new SqliteActivityLog(db);
      var queues = new QueueService(db, queue, activity, json, clock, config);
      checkIns = new CheckInBatcher(agents);
      var sync = new SyncService(db, agents, calendars, queue, activity, queues, checkIns, json, clock, config);
      var credentials = Credentials.on(db, clock);
      var auth = new Auth(config, credentials, clock);
      var admin = new AdminRoutes(auth, credentials, json);
      var items = new SqliteItemRepository(db);
      var writer = new ItemWriter(db, items, new EventUpdateFanOut(calendars, queues, json, config), activity, clock);
      var conflictRecords = new SqliteConflictRepository(db);
      var itemService = new ItemService(db, calendars, items, conflictRecords, writer, activity, clock, config);
      var conflicts = new ConflictService(db, conflictRecords, items, writer, activity, clock);
      DestinationStatus destinationStatus = null;
      if (config.destination() != null) {
        destinationStatus = new DestinationStatus(config.destination().url());
        destination = Destination.start(config, db, itemService, calendars, sync, activity, destinationStatus, clock);
      }
      // the master as a CalDAV server and ICS feeds of its calendars (issue #6)
      var dav = new io.calsync.server.dav.DavRoutes(config, auth, itemService, calendars, db,
          (id, name, color, description) -> sync.updateCalendar(id, new io.calsync.protocol.CalendarRequest(
              null, name, color, description, null, null)));
      var feeds = new io.calsync.server.feeds.FeedRoutes(config, auth, itemService, calendars, db, json, clock);
      var routes = new ApiRoutes(config, sync, itemService, conflicts, queues, queue, activity, auth, json, clock,
          destinationStatus);
      var web = new WebRoutes(new MasterConsole(config, sync, queues, queue, conflicts, activity, auth), clock);

      Javalin app = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true; // long-polls park a virtual thread each
        cfg.http.maxRequestSize = config.maxRequestBytes();
        cfg.jsonMapper(new JavalinJackson(json, true));
        cfg.jetty.host = config.bindAddress();
        cfg.jetty.port = config.apiPort();
        routes.register(cfg);
        admin.register(cfg);
        dav.register(cfg);
        feeds.register(cfg);
        web.register(cfg); // the dashboard at /, on the API's port
      });
      app.start();

      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "calsync-queue-cleanup");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleAtFixedRate(() -> {
        try {
          int purged = queues.cleanup();
          if (purged > 0) log.info("queue cleanup purged {} finished updates", purged);
        } catch (RuntimeException e) {
          log.warn("queue cleanup failed: {}", e.getMessage());
        }
      }, 1, 60, TimeUnit.MINUTES);

      log.info("calsync master {} listening on {}:{} (data in {}, auth {})", VERSION, config.bindAddress(), app.port(),
          config.dataDir().toAbsolutePath(), config.authEnabled() ? "enabled" : "DISABLED");
      log.info("CalDAV: http://{}:{}/dav/ ; ICS feeds: http://{}:{}/feeds/{calendar_id}.ics and /feeds/all.ics",
          config.bindAddress(), app.port(), config.bindAddress(), app.port());
      var server = new MasterServer(db, app, queues, itemService, scheduler, checkIns, destination);
      server.consolidated = id -> new ConsolidatedStorage(id, itemService, calendars, sync, null);
      return server;
    } catch (RuntimeException e) {
      if (destination != null) destination.close();
      if (checkIns != null) checkIns.close();
      db.close();
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The master's items: for the destination sync (apply its changes, read changes, listen). */
  public ItemService items() {
    return items;
  }

  /** One master calendar as the destination sync sees it (a storage whose writes are destination changes). */
  ConsolidatedStorage consolidatedStorage(String calendarId) {
    return consolidated.apply(calendarId);
  }

  /** Blocks until {@link #close()} is called. */
  public void awaitStop() throws InterruptedException {
    synchronized (stopped) {
      while (!closed) stopped.wait();
    }
  }

  /**
   * Stops gracefully: parked long-polls return (empty), Jetty stops accepting and finishes the
   * requests in flight, then the store closes after the last transaction.
   */
  @Override
  public void close() {
    if (closed) return;
    queues.shutdown();
    scheduler.shutdownNow();
    try {
      app.stop();
    } finally {
      // after the API (no new triggers), before the store (the run in flight still writes)
      if (destination != null) destination.close();
      checkIns.close();
      db.close();
      synchronized (stopped) {
        closed = true;
        stopped.notifyAll();
      }
      log.info("calsync master stopped");
    }
  }

  private static String version() {
    String v = MasterServer.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
