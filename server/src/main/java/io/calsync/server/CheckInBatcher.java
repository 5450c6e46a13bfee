package io.calsync.server;

import io.calsync.server.store.AgentRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the common heartbeat: a known agent whose reported settings did not change only
 * moves its {@code last_check_in}. Each caller waits until its check-in is committed (nothing is
 * held only in memory), but one transaction records every check-in that arrived while the previous
 * one was being written, so a thousand agents cost a handful of commits instead of a thousand.
 * When idle a check-in is written at once: there is no timer and no added latency.
 */
final class CheckInBatcher implements AutoCloseable {
  private final AgentRepository agents;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private Map<String, Instant> waiting = new HashMap<>();
  private List<CompletableFuture<Void>> waiters = new ArrayList<>();
  private boolean closed;
  private final Thread writer;

  CheckInBatcher(AgentRepository agents) {
    this.agents = agents;
    this.writer = Thread.ofVirtual().name("calsync-check-ins").start(this::writeLoop);
  }

  /** Records that {@code agentId} checked in at {@code at}; returns once that is committed. */
  void record(String agentId, Instant at) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) throw new IllegalStateException("the server is stopping");
      waiting.merge(agentId, at, (a, b) -> a.isAfter(b) ? a : b);
      waiters.add(done);
      arrived.signal();
    } finally {
      lock.unlock();
    }
    done.join();
  }

  private void writeLoop() {
    while (true) {
      Map<String, Instant> batch;
      List<CompletableFuture<Void>> batchWaiters;
      lock.lock();
      try {
        while (waiting.isEmpty() && !closed) arrived.awaitUninterruptibly();
        if (waiting.isEmpty()) return;
        batch = waiting;
        batchWaiters = waiters;
        waiting = new HashMap<>();
        waiters = new ArrayList<>();
      } finally {
        lock.unlock();
      }
      try {
        agents.touch(batch);
        batchWaiters.forEach(w -> w.complete(null));
      } catch (RuntimeException e) {
        batchWaiters.forEach(w -> w.completeExceptionally(e));
      }
    }
  }

  /** Writes what is waiting, then stops. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      arrived.signal();
    } finally {
      lock.unlock();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
