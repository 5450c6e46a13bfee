package io.calsync.agent.runtime;

import io.calsync.agent.config.AgentConfig;
import io.calsync.agent.config.CalendarSource;
import io.calsync.agent.config.Secret;
import io.calsync.agent.config.SourceType;
import io.calsync.agent.master.Backoff;
import io.calsync.agent.master.MasterApi;
import io.calsync.agent.master.MasterClient;
import io.calsync.agent.master.MasterException;
import io.calsync.agent.reconcile.SourceReconciler;
import io.calsync.agent.state.AgentStateDb;
import io.calsync.core.model.Changes;
import io.calsync.core.storage.StorageException;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.HeartbeatRequest;
import io.calsync.protocol.ProtocolVersion;
import io.calsync.protocol.QueuedUpdate;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The running agent: heartbeats, the master's push channel (a held long-poll), a worker per source
 * reconciling it when something changed (a file watch for ics sources, a cheap sync-token poll
 * for CalDAV ones, the full rescan every {@code sync_interval_minutes}), and backoff while the
 * master is out of reach. Loops run on virtual threads; each source has exactly one worker, so it
 * is never reconciled by two threads at once.
 *
 * <p>{@link #close()} stops the loops, lets the reconcile or update in progress finish (its state
 * is committed as it goes), then closes the storages and the state file.
 */
public final class AgentRuntime implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(AgentRuntime.class.getName());
  /** How long the push channel's long-poll waits at the master. */
  static final int PUSH_WAIT_SECONDS = 25;
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final AgentConfig config;
  private final MasterApi master;
  private final AgentStateDb state;
  private final LiveSettings live;
  private final SourceSync sync;
  private final UpdateApplier applier;
  private final Map<String, LocalSource> sources = new LinkedHashMap<>();
  private final Map<String, SourceWorker> workers = new LinkedHashMap<>();
  private final List<Thread> loops = new ArrayList<>();
  private final ReentrantLock applying = new ReentrantLock();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private FileWatcher watcher;
  private volatile boolean running;
  private boolean closed; // guarded by this

  public AgentRuntime(AgentConfig config, MasterApi master, AgentStateDb state, SourceOpener opener, Clock clock) {
    this.config = config;
    this.master = master;
    this.state = state;
    this.live = new LiveSettings(config);
    this.sync = new SourceSync(new SourceReconciler(master, state, clock), live);
    for (CalendarSource c : config.calendarSources()) {
      if (!c.availableNow()) {
        throw new StorageException.NotSupported(
            "not supported yet: source " + c.name() + " of type " + c.type().configName()
                + " (supported today: ics, caldav, apple)");
      }
      sources.put(c.name(), new LocalSource(c, opener));
    }
    this.applier = new UpdateApplier(List.copyOf(sources.values()), sync, live, opener, state);
  }

  /**
   * The agent {@code config} describes, talking to its master over HTTP (its secret, compression
   * and certificate as configured), with its state in {@code stateFile}.
   */
  public static AgentRuntime connect(AgentConfig config, Path stateFile, Map<String, String> env, Clock clock) {
    MasterClient client = new MasterClient(config.centralApiUrl(), config.agentId(),
        config.agentSecret().map(Secret::reveal).orElse(null), config.enableCompression(),
        config.certificatePath().map(Path::of).orElse(null));
    AgentStateDb state = AgentStateDb.open(stateFile);
    try {
      return new AgentRuntime(config, client, state, new SourceOpener(env), clock);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  public LiveSettings settings() {
    return live;
  }

  // ---- one pass, for scripts and tests

  /**
   * Reports to the master, reconciles every source once (listing each fully) and applies the
   * updates waiting at the master.
   *
   * @return the number of sources or updates that failed (0: all done)
   * @throws MasterException when the master cannot be reached or refuses the heartbeat
   */
  public int runOnce() {
    logStartup();
    heartbeat();
    int failures = 0;
    for (LocalSource s : sources.values()) {
      try {
        sync.reconcile(s, "once", true);
      } catch (MasterException | StorageException e) {
        LOG.log(Level.ERROR, "{0}: reconcile failed: {1}", s.name(), e.getMessage());
        failures++;
      }
    }
    for (QueuedUpdate u : master.pendingUpdates(0).updates()) {
      AckRequest ack = applier.apply(u);
      master.ack(u.id(), ack);
      failures += ack.succeeded() ? 0 : 1;
    }
    return failures;
  }

  // ---- running

  /** Starts every loop and returns; {@link #awaitStop()} waits for {@link #close()}. */
  public synchronized void start() throws IOException {
    logStartup();
    running = true;
    // Register (announce the sources) before the first reconcile and poll, so a new agent's
    // first requests do not meet "unknown agent"; an unreachable master is retried by the loops.
    boolean registered = tryFirstHeartbeat();
    for (LocalSource s : sources.values()) {
      SourceWorker w = new SourceWorker(s, sync, live);
      workers.put(s.name(), w);
      w.start();
      w.request("start");
    }
    watchIcsSources();
    loops.add(Thread.ofVirtual().name("calsync-heartbeat").start(() -> heartbeatLoop(registered)));
    loops.add(Thread.ofVirtual().name("calsync-push").start(this::pushLoop));
    loops.add(Thread.ofVirtual().name("calsync-rescan").start(this::rescanLoop));
    for (LocalSource s : sources.values()) {
      if (s.config().type() == SourceType.CALDAV || s.config().type() == SourceType.APPLE) {
        loops.add(Thread.ofVirtual().name("calsync-poll-" + s.name()).start(() -> pollLoop(s)));
      }
    }
  }

  /** Asks for a reconcile of the source (as a file watch or poll does). */
  public void trigger(String sourceName, String why) {
    SourceWorker w = workers.get(sourceName);
    if (w != null) {
      w.request(why);
    }
  }

  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void logStartup() {
    LOG.log(Level.INFO, "calsync agent {0} for master {1}: {2} source(s), state in {3}", config.agentId(),
        config.centralApiUrl(), sources.size(), state.file());
    if (live.bidirectional()) {
      LOG.log(Level.INFO, "Bidirectional sync enabled: local changes go to the master, the master's are applied here");
    } else {
      LOG.log(Level.INFO, "One-way sync (enable_bidirectional_sync: false): local changes go to the master only");
    }
    for (LocalSource s : sources.values()) {
      CalendarSource c = s.config();
      String how = switch (c.type()) {
        case ICS -> "watching " + SourceOpener.icsPath(c);
        default -> "polling every " + live.pollIntervalSeconds() + " s";
      };
      LOG.log(Level.INFO, "Source {0} ({1}): {2}; master calendar {3}; event updates {4}, metadata updates {5}",
          c.name(), c.type().configName(), how, c.masterCalendar().orElse("(its own)"),
          c.allowEventUpdates() ? "allowed" : "refused", c.allowMetadataUpdates() ? "allowed" : "refused");
    }
    LOG.log(Level.INFO, "Heartbeat every {0} s, full rescan every {1} min", live.heartbeatSeconds(),
        live.syncIntervalMinutes());
  }

  private void watchIcsSources() throws IOException {
    watcher = new FileWatcher(name -> trigger(name, "file change"));
    for (LocalSource s : sources.values()) {
      if (s.config().type() == SourceType.ICS) {
        var path = SourceOpener.icsPath(s.config());
        watcher.watch(s.name(), path, SourceOpener.isFile(path));
      }
    }
    watcher.start();
  }

  // ---- loops

  private boolean tryFirstHeartbeat() {
    try {
      heartbeat();
      return true;
    } catch (MasterException e) {
      LOG.log(Level.WARNING, "The master is not reachable yet ({0}); local changes are kept and sent when it is",
          e.getMessage());
      return false;
    }
  }

  private void heartbeatLoop(boolean registered) {
    Backoff backoff = Backoff.standard();
    boolean wasDown = !registered;
    if (registered && !sleep(Duration.ofSeconds(live.heartbeatSeconds()))) {
      return;
    }
    while (running) {
      Duration next;
      try {
        heartbeat();
        if (wasDown) {
          LOG.log(Level.INFO, "The master is reachable again; catching up");
          workers.values().forEach(w -> w.request("master back"));
        }
        wasDown = false;
        backoff.reset();
        next = Duration.ofSeconds(live.heartbeatSeconds());
      } catch (MasterException e) {
        wasDown = true;
        next = backoff.nextDelay();
        LOG.log(Level.WARNING, "Heartbeat failed: {0}; next try in {1} ms", e.getMessage(), next.toMillis());
      }
      if (!sleep(next)) {
        return;
      }
    }
  }

  private void heartbeat() {
    List<io.calsync.protocol.CalendarSource> announced = new ArrayList<>();
    for (LocalSource s : sources.values()) {
      CalendarSource c = s.config();
      announced.add(new io.calsync.protocol.CalendarSource(c.type().configName(), c.name(),
          c.calendarName().orElse(null), c.calendarId().or(c::path).orElse(null), c.allowMetadataUpdates(),
          c.allowEventUpdates(), c.conflictResolution().map(r -> r.configName()).orElse(null),
          c.masterCalendar().orElse(null)));
    }
    master.heartbeat(new HeartbeatRequest(config.agentName().orElse(null), config.environment().orElse(null),
        announced, live.syncIntervalMinutes(), live.bidirectional(), ProtocolVersion.CURRENT, agentVersion(),
        live.heartbeatSeconds()));
  }

  private void pushLoop() {
    Backoff backoff = Backoff.standard();
    // Held even when the agent runs one-way: a sync_config may turn bidirectional sync back on
    // (event_updates meanwhile are rejected by the applier, with the reason).
    while (running) {
      try {
        List<QueuedUpdate> updates = master.pendingUpdates(PUSH_WAIT_SECONDS).updates();
        applying.lock();
        try {
          for (QueuedUpdate u : updates) {
            if (!running) break; // not acked: the master delivers it again
            master.ack(u.id(), applier.apply(u));
          }
        } finally {
          applying.unlock();
        }
        backoff.reset();
      } catch (MasterException e) {
        if (!running) return;
        Duration next = backoff.nextDelay();
        LOG.log(e.isRetryable() ? Level.WARNING : Level.ERROR, "Push channel: {0}; again in {1} ms", e.getMessage(),
            next.toMillis());
        if (!sleep(next)) return;
      }
    }
  }

  private void rescanLoop() {
    while (sleep(Duration.ofMinutes(live.syncIntervalMinutes()))) {
      workers.values().forEach(SourceWorker::requestFullRescan);
    }
  }

  /**
   * Asks a remote source cheaply whether anything changed (its sync token or ctag) and wakes its
   * worker when so; a storage without either is left to the rescan.
   */
  private void pollLoop(LocalSource s) {
    while (sleep(Duration.ofSeconds(live.pollIntervalSeconds()))) {
      String token = state.source(s.name()).localSyncToken();
      if (token == null) {
        continue; // not synced yet, or the storage has no token: the rescan covers it
      }
      try {
        boolean changed = s.withStorage(storage -> {
          Optional<Changes> c = storage.changesSince(token);
          return c.isEmpty() || !c.get().changed().isEmpty() || !c.get().deletedHrefs().isEmpty();
        });
        if (changed) {
          trigger(s.name(), "remote change");
        }
      } catch (StorageException e) {
        LOG.log(Level.WARNING, "{0}: change poll failed: {1}", s.name(), e.getMessage());
      }
    }
  }

  /** Sleeps unless stopped; false when the agent is stopping. */
  private boolean sleep(Duration d) {
    try {
      return running && !stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static String agentVersion() {
    String v = AgentRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  // ---- stopping

  /** Stops the loops, lets current work finish and commit, closes storages and the state file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    running = false;
    stopped.countDown();
    if (watcher != null) {
      watcher.close();
    }
    applying.lock(); // an update being applied finishes first
    try {
      loops.forEach(Thread::interrupt);
    } finally {
      applying.unlock();
    }
    try {
      for (Thread t : loops) {
        t.join(STOP_WAIT);
      }
      for (SourceWorker w : workers.values()) {
        w.stop(STOP_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sources.values().forEach(LocalSource::close);
    state.close();
    LOG.log(Level.INFO, "calsync agent {0} stopped", config.agentId());
  }
}
