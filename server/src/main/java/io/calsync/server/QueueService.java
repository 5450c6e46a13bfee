package io.calsync.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.AckResponse;
import io.calsync.protocol.QueuedUpdate;
import io.calsync.protocol.UpdateType;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.Transactions;
import io.calsync.server.store.UpdateQueue;
import io.calsync.server.store.UpdateQueue.Update;
import io.calsync.server.store.UpdateState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-agent update queues: queue, deliver (with long-poll), ack, retry with backoff, dead
 * letters and retention.
 *
 * <p>Push: {@link #enqueue} wakes waiting long-polls after its transaction commits, so an agent
 * parked in {@code pending-updates?wait=N} gets the update within milliseconds. Nothing is held
 * only in memory: a waiter that misses a wake-up still finds the row on its next look.
 */
final class QueueService {
  private static final Logger log = LoggerFactory.getLogger(QueueService.class);
  static final int BATCH = 100;
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final Transactions tx;
  private final UpdateQueue queue;
  private final ActivityLog activity;
  private final ObjectMapper json;
  private final Clock clock;
  private final ServerConfig config;
  /**
   * One wake-up signal per agent with a parked long-poll: an update for agent A wakes A's waiters
   * only. (A single shared signal woke all 1,000 parked agents, and each ran a queue query, for
   * every update queued.)
   */
  private final ConcurrentHashMap<String, Signal> signals = new ConcurrentHashMap<>();
  private volatile boolean closing;

  QueueService(Transactions tx, UpdateQueue queue, ActivityLog activity, ObjectMapper json, Clock clock, ServerConfig config) {
    this.tx = tx;
    this.queue = queue;
    this.activity = activity;
    this.json = json;
    this.clock = clock;
    this.config = config;
  }

  /** Queues one update in the caller's transaction; waiters wake when it commits. */
  Update enqueue(String agentId, UpdateType type, JsonNode data, String calendarId) {
    return tx.inTransaction(c -> {
      Instant now = clock.instant();
      Update u = queue.enqueue(UUID.randomUUID().toString(), agentId, type.wireName(), write(data), now);
      activity.record(now, "update_queued", agentId, calendarId, u.id(), type.wireName() + " queued");
      tx.afterCommit(() -> wake(agentId));
      return u;
    });
  }

  /**
   * The agent's due updates, marked delivered. With {@code wait} above zero and nothing due, waits
   * until an update is queued or becomes due, or {@code wait} passes.
   */
  List<QueuedUpdate> pending(String agentId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    // registered and counted under the map's per-key lock, so the last waiter's removal below
    // cannot drop a signal another request has just taken
    Signal signal = wait.isZero() ? null : signals.compute(agentId, (k, s) -> {
      Signal sig = s == null ? new Signal() : s;
      sig.waiters.incrementAndGet();
      return sig;
    });
    try {
      while (true) {
        long seen = signal == null ? 0 : signal.generation();
        List<Update> due = queue.deliver(agentId, clock.instant(), BATCH);
        if (!due.isEmpty() || closing) return due.stream().map(this::view).toList();
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) return List.of();
        Instant now = clock.instant();
        long untilDue = queue.nextDue(agentId, now)
            .map(t -> Duration.between(now, t).toNanos() + 1_000_000).orElse(Long.MAX_VALUE);
        signal.await(seen, Math.min(remaining, untilDue), () -> closing);
      }
    } finally {
      // the last waiter removes the signal, unless a new request registered meanwhile
      if (signal != null && signal.waiters.decrementAndGet() == 0) {
        signals.computeIfPresent(agentId, (k, s) -> s.waiters.get() == 0 ? null : s);
      }
    }
  }

  /** Applies the agent's ack. */
  AckResponse ack(String agentId, String updateId, AckRequest ack) {
    return tx.inTransaction(c -> {
      Update u = queue.find(updateId).filter(x -> x.agentId().equals(agentId)).orElseThrow(
          () -> ApiException.notFound("no update '" + updateId + "' in the queue of agent '" + agentId + "'"));
      Instant now = clock.instant();
      String message = ack.message();
      Update next;
      if (u.state() == UpdateState.PROCESSED) {
        next = u; // a repeated ack: idempotent
      } else if (ack.succeeded()) {
        next = u.withOutcome(UpdateState.PROCESSED, u.attempts(), u.nextAttemptAt(), now, message);
        activity.record(now, "update_processed", agentId, null, updateId, u.type() + " processed");
      } else if (!u.state().isOpen()) {
        throw ApiException.conflict("update '" + updateId + "' is " + u.state().wireName()
            + "; only a delivered update can fail (retry a dead one with POST /sync/queues/" + agentId
            + "/dead/" + updateId + "/retry)");
      } else {
        int attempts = u.attempts() + 1;
        if (!ack.mayRetry()) {
          next = u.withOutcome(UpdateState.REJECTED, attempts, u.nextAttemptAt(), now, message);
          activity.record(now, "update_rejected", agentId, null, updateId, u.type() + " rejected: " + message);
        } else if (attempts >= config.maxRetryAttempts()) {
          next = u.withOutcome(UpdateState.DEAD, attempts, u.nextAttemptAt(), null, message);
          activity.record(now, "update_dead", agentId, null, updateId,
              u.type() + " failed " + attempts + " times (MAX_RETRY_ATTEMPTS), moved to dead letters: " + message);
          log.warn("update {} for agent {} failed {} times, now dead", updateId, agentId, attempts);
        } else {
          next = u.withOutcome(UpdateState.PENDING, attempts, now.plus(backoff(attempts)), null, message);
          activity.record(now, "update_failed", agentId, null, updateId,
              u.type() + " failed (attempt " + attempts + "), retry at " + next.nextAttemptAt() + ": " + message);
        }
      }
      if (next != u) queue.saveOutcome(next);
      return new AckResponse(agentId, updateId, next.state().wireName(), next.attempts(),
          next.state() == UpdateState.PENDING ? next.nextAttemptAt() : null);
    });
  }

  /** The dead update {@code updateId} of {@code agentId}; 404 when there is none, 409 when not dead. */
  private Update deadUpdate(String agentId, String updateId) {
    Update u = queue.find(updateId).filter(x -> x.agentId().equals(agentId)).orElseThrow(
        () -> ApiException.notFound("no update '" + updateId + "' in the queue of agent '" + agentId + "'"));
    if (u.state() != UpdateState.DEAD) {
      throw ApiException.conflict("update '" + updateId + "' is " + u.state().wireName() + ", not dead");
    }
    return u;
  }

  /** Moves a dead update back to pending with its attempts reset. */
  Update retryDead(String agentId, String updateId) {
    return tx.inTransaction(c -> {
      Update u = deadUpdate(agentId, updateId);
      Instant now = clock.instant();
      Update next = u.withOutcome(UpdateState.PENDING, 0, now, null, u.result());
      queue.saveOutcome(next);
      activity.record(now, "update_retried", agentId, null, updateId, u.type() + " moved from dead letters to pending");
      tx.afterCommit(() -> wake(agentId));
      return next;
    });
  }

  /**
   * Gives up on a dead update: it becomes {@code rejected} (never delivered again) and the
   * retention cleanup purges it with the other finished updates.
   */
  Update discardDead(String agentId, String updateId) {
    return tx.inTransaction(c -> {
      Update u = deadUpdate(agentId, updateId);
      Instant now = clock.instant();
      String why = "discarded from the dead letters" + (u.result() == null ? "" : "; last error: " + u.result());
      Update next = u.withOutcome(UpdateState.REJECTED, u.attempts(), u.nextAttemptAt(), now, why);
      queue.saveOutcome(next);
      activity.record(now, "update_discarded", agentId, null, updateId, u.type() + " discarded from the dead letters");
      return next;
    });
  }

  /** Purges processed and rejected updates older than {@code UPDATE_QUEUE_RETENTION_DAYS}. */
  int cleanup() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(config.retentionDays()));
    int purged = queue.purgeFinishedBefore(cutoff);
    if (purged > 0) {
      activity.record(clock.instant(), "queue_cleanup", null, null, null,
          "purged " + purged + " finished updates older than " + cutoff);
    }
    return purged;
  }

  Instant cleanupCutoff() {
    return clock.instant().minus(Duration.ofDays(config.retentionDays()));
  }

  QueuedUpdate view(Update u) {
    return new QueuedUpdate(u.id(), u.type(), read(u.payloadJson()), u.createdAt(), u.attempts());
  }

  /** Wakes every long-poll and makes them return; called when the server stops. */
  void shutdown() {
    closing = true;
    signals.values().forEach(Signal::wake);
  }

  Duration backoff(int attempts) {
    long seconds = (long) config.retryBackoffSeconds() << Math.min(attempts - 1, 20);
    Duration d = Duration.ofSeconds(seconds);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private void wake(String agentId) {
    Signal signal = signals.get(agentId);
    if (signal != null) signal.wake();
  }

  /** A generation counter and condition that the long-polls of one agent park on. */
  private static final class Signal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();
    private long generation;

    long generation() {
      lock.lock();
      try {
        return generation;
      } finally {
        lock.unlock();
      }
    }

    void wake() {
      lock.lock();
      try {
        generation++;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Waits until woken after {@code seen}, {@code nanos} pass, or {@code stop} says so. */
    void await(long seen, long nanos, BooleanSupplier stop) {
      lock.lock();
      try {
        long left = nanos;
        while (generation == seen && left > 0 && !stop.getAsBoolean()) {
          left = changed.awaitNanos(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        lock.unlock();
      }
    }
  }

  String write(JsonNode data) {
    try {
      return json.writeValueAsString(data == null ? json.createObjectNode() : data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  JsonNode read(String payload) {
    try {
      return json.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored payload is not JSON", e);
    }
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static long toMillis(Duration d) {
    return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
  }
}
