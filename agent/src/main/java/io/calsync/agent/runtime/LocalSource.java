package io.calsync.agent.runtime;

import io.calsync.agent.config.CalendarSource;
import io.calsync.core.storage.CalendarStorage;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One configured calendar source and its open storage. Every use of the storage goes through
 * {@link #withStorage}, which lets one thread at a time in: a source is never reconciled (or
 * renamed) by two threads at once, whatever triggered it.
 */
public final class LocalSource implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalSource.class.getName());

  private final CalendarSource config;
  private final SourceOpener opener;
  private final ReentrantLock lock = new ReentrantLock();
  private CalendarStorage storage; // guarded by lock; opened on first use, again after a failure

  public LocalSource(CalendarSource config, SourceOpener opener) {
    this.config = config;
    this.opener = opener;
  }

  public CalendarSource config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  /**
   * Runs {@code work} on the storage, alone. After a failure the storage is closed, so the next
   * use opens it afresh (a remote calendar may have moved, a folder been remounted).
   */
  public <T> T withStorage(Function<CalendarStorage, T> work) {
    lock.lock();
    try {
      if (storage == null) {
        storage = opener.open(config);
      }
      try {
        return work.apply(storage);
      } catch (RuntimeException e) {
        closeStorage();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the current work on the storage to finish, then closes it (flushing its writes). */
  @Override
  public void close() {
    lock.lock();
    try {
      closeStorage();
    } finally {
      lock.unlock();
    }
  }

  private void closeStorage() {
    if (storage != null) {
      try {
        storage.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "{0}: closing {1} failed: {2}", name(), storage.location(), e.getMessage());
      }
      storage = null;
    }
  }
}
