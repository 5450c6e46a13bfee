package io.calsync.core.sync;

import java.util.Objects;

/**
 * How a sync run behaves.
 *
 * @param strategy how an item changed on both sides is settled
 * @param dryRun plan only: nothing is written to either side or to the status
 * @param forceDelete skip the safety stops (a side that lists nothing, too many deletions)
 * @param maxDeleteShare the largest share (0..1) of a side's synced items one run may delete
 *     before it stops and asks for {@code --force-delete}
 * @param fetchBatchSize how many hrefs one {@code get} call asks for
 */
public record SyncOptions(
    ConflictStrategy strategy,
    boolean dryRun,
    boolean forceDelete,
    double maxDeleteShare,
    int fetchBatchSize) {

  public SyncOptions {
    Objects.requireNonNull(strategy, "strategy");
    if (!(maxDeleteShare >= 0.0 && maxDeleteShare <= 1.0)) {
      throw new IllegalArgumentException(
          "maxDeleteShare must be between 0 and 1, was " + maxDeleteShare);
    }
    if (fetchBatchSize < 1) {
      throw new IllegalArgumentException("fetchBatchSize must be at least 1, was " + fetchBatchSize);
    }
  }

  /** {@code latest_wins}, no dry run, safety stops on, at most half of a side deleted, batches of 500. */
  public static SyncOptions defaults() {
    return new SyncOptions(ConflictStrategy.LATEST_WINS, false, false, 0.5, 500);
  }

  public SyncOptions withStrategy(ConflictStrategy s) {
    return new SyncOptions(s, dryRun, forceDelete, maxDeleteShare, fetchBatchSize);
  }

  public SyncOptions withDryRun(boolean dryRun) {
    return new SyncOptions(strategy, dryRun, forceDelete, maxDeleteShare, fetchBatchSize);
  }

  public SyncOptions withForceDelete(boolean forceDelete) {
    return new SyncOptions(strategy, dryRun, forceDelete, maxDeleteShare, fetchBatchSize);
  }

  public SyncOptions withMaxDeleteShare(double share) {
    return new SyncOptions(strategy, dryRun, forceDelete, share, fetchBatchSize);
  }

  public SyncOptions withFetchBatchSize(int size) {
    return new SyncOptions(strategy, dryRun, forceDelete, maxDeleteShare, size);
  }
}
