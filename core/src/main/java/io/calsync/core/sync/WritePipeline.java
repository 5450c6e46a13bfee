package io.calsync.core.sync;

import io.calsync.core.model.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs the item writes of a plan, several at a time on a storage whose {@link
 * io.calsync.core.storage.CalendarStorage#writeConcurrency()} allows it, and hands their outcomes
 * back strictly in plan order.
 *
 * <p>Why in order: the executor counts, reports and records status in plan order, and stops the
 * run after a number of consecutive "unavailable" answers. Taking outcomes in order keeps all of
 * that exactly as with one write at a time; only the waiting overlaps. A write to a storage that
 * allows one write at a time, and every status-only action, runs on the caller's thread, so such a
 * storage still sees one call at a time.
 *
 * <p>At most {@code limit} writes per side are outstanding (submitted and not yet handed back),
 * and at most {@value #MAX_OUTSTANDING} actions in all, so a slow write at the head never lets
 * the rest pile up. {@link #close()} waits for every write still running: nothing writes to a
 * storage after the run has returned or failed.
 */
final class WritePipeline implements AutoCloseable {

  static final int MAX_OUTSTANDING = 256;

  /** An action whose work has finished: {@code result} runs its completion or throws its failure. */
  record Done(SyncAction action, Runnable result) {}

  private record Outstanding(SyncAction action, Side target, CompletableFuture<Runnable> work) {}

  private final int[] limit;
  private final int[] outstanding = new int[2];
  private final ArrayDeque<Outstanding> queue = new ArrayDeque<>();
  private ExecutorService writers;

  /** @param limitA writes at once on side A (1 = on the caller's thread); likewise B */
  WritePipeline(int limitA, int limitB) {
    this.limit = new int[] {Math.max(1, limitA), Math.max(1, limitB)};
  }

  /**
   * Starts {@code work} for {@code action} (which writes to {@code target}, or to nothing when
   * null) and returns the actions that finished meanwhile, in plan order, to be retired by the
   * caller before anything else.
   */
  List<Done> submit(SyncAction action, Side target, Supplier<Runnable> work) {
    List<Done> finished = new ArrayList<>();
    if (target != null && limit[target.ordinal()] > 1) {
      while (outstanding[target.ordinal()] >= limit[target.ordinal()] || queue.size() >= MAX_OUTSTANDING) {
        finished.add(takeHead());
      }
      outstanding[target.ordinal()]++;
      queue.add(new Outstanding(action, target, CompletableFuture.supplyAsync(work, writers())));
    } else {
      if (queue.size() >= MAX_OUTSTANDING) {
        finished.add(takeHead());
      }
      queue.add(new Outstanding(action, target, runHere(work)));
    }
    while (!queue.isEmpty() && queue.peek().work().isDone()) {
      finished.add(takeHead());
    }
    return finished;
  }

  /** Waits for every outstanding action and returns them all, in plan order. */
  List<Done> drain() {
    List<Done> finished = new ArrayList<>();
    while (!queue.isEmpty()) {
      finished.add(takeHead());
    }
    return finished;
  }

  private Done takeHead() {
    Outstanding head = queue.remove();
    if (head.target() != null && limit[head.target().ordinal()] > 1) {
      outstanding[head.target().ordinal()]--;
    }
    Runnable result;
    try {
      result = head.work().join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      result = () -> rethrow(cause);
    }
    return new Done(head.action(), result);
  }

  private static CompletableFuture<Runnable> runHere(Supplier<Runnable> work) {
    try {
      return CompletableFuture.completedFuture(work.get());
    } catch (RuntimeException | Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }

  private ExecutorService writers() {
    if (writers == null) {
      // virtual threads: a write spends its time waiting for a server, not computing
      writers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("calsync-write-", 0).factory());
    }
    return writers;
  }

  /** Waits for the writes still running (their outcomes are dropped: the next run sees them). */
  @Override
  public void close() {
    if (writers != null) {
      writers.close();
    }
  }
}
