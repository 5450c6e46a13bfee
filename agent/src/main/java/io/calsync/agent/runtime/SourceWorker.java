package io.calsync.agent.runtime;

import io.calsync.agent.master.Backoff;
import io.calsync.agent.master.MasterException;
import io.calsync.core.storage.StorageException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that reconciles a source on request (a file changed, a poll saw a change, the
 * rescan is due, the master came back). Requests that arrive while it works are merged into one
 * more reconcile. A failure that may pass (master unreachable, storage busy) is retried with
 * backoff up to {@code max_retry_attempts} times, then left for the next request; the rescan
 * and the master's return always bring one.
 */
final class SourceWorker {

  private static final System.Logger LOG = System.getLogger(SourceWorker.class.getName());
  private static final String STOP = "\u0000stop";
  private static final String FULL = "full rescan";

  private final LocalSource source;
  private final SourceSync sync;
  private final LiveSettings live;
  private final Backoff backoff = Backoff.standard();
  private final LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
  private Thread thread;

  SourceWorker(LocalSource source, SourceSync sync, LiveSettings live) {
    this.source = source;
    this.sync = sync;
    this.live = live;
  }

  void start() {
    thread = Thread.ofVirtual().name("calsync-source-" + source.name()).start(this::loop);
  }

  /** Asks for a reconcile; {@code why} shows in the log. */
  void request(String why) {
    requests.add(why);
  }

  /** Asks for a reconcile listing the whole local storage. */
  void requestFullRescan() {
    requests.add(FULL);
  }

  /** Lets the current reconcile finish, then ends the thread. */
  void stop(Duration wait) throws InterruptedException {
    requests.add(STOP);
    if (thread != null && !thread.join(wait)) {
      LOG.log(Level.WARNING, "{0}: still busy after {1} s; leaving it", source.name(), wait.toSeconds());
    }
  }

  private void loop() {
    int attempt = 0;
    try {
      while (true) {
        List<String> why = new ArrayList<>();
        why.add(requests.take());
        requests.drainTo(why);
        if (why.contains(STOP)) {
          return;
        }
        String reason = why.getFirst();
        boolean full = why.contains(FULL);
        try {
          sync.reconcile(source, reason, full);
          backoff.reset();
          attempt = 0;
        } catch (MasterException | StorageException e) {
          boolean retryable = e instanceof MasterException m ? m.isRetryable() : ((StorageException) e).isRetryable();
          if (retryable && attempt < live.maxRetryAttempts()) {
            attempt++;
            Duration delay = backoff.nextDelay();
            LOG.log(Level.WARNING, "{0}: {1}; retry {2} of {3} in {4} ms", source.name(), e.getMessage(), attempt,
                live.maxRetryAttempts(), delay.toMillis());
            String next = requests.poll(delay.toMillis(), TimeUnit.MILLISECONDS);
            if (STOP.equals(next)) {
              return;
            }
            requests.add(full ? FULL : reason);
          } else {
            LOG.log(Level.ERROR, "{0}: reconcile failed{1}: {2}", source.name(),
                retryable ? " after " + attempt + " retries; waiting for the next change, poll or rescan" : "",
                e.getMessage());
            attempt = 0;
          }
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, source.name() + ": reconcile failed", e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
