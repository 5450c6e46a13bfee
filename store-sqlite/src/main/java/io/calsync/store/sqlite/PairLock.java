package io.calsync.store.sqlite;

/**
 * An exclusive hold on one sync pair, across processes, from {@link SqliteStateDb#lock}. Closing it
 * (more than once is fine) lets the next sync of that pair run. The operating system releases it
 * when the process dies, so a killed sync never leaves a stale lock behind.
 */
public interface PairLock extends AutoCloseable {
  @Override
  void close();
}
