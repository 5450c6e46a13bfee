package io.calsync.core.status;

import io.calsync.core.model.Side;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status of one sync pair. Durable implementations commit every call at once, or, inside
 * {@link #transaction}, all calls of the transaction together: the engine records each action
 * right after it succeeds, so a run killed at any instant loses at most the action in flight,
 * which the next run recognises (same UID, same hash on both sides) instead of duplicating.
 */
public interface StatusStore extends AutoCloseable {

  /** A fresh, empty store that lives in memory only (tests, dry runs). */
  static StatusStore inMemory() {
    return new InMemoryStatusStore();
  }

  /** Every item's status, keyed by UID. */
  Map<String, ItemStatus> items();

  void putItem(ItemStatus status);

  void removeItem(String uid);

  /** The incremental-listing token stored for a side, if any. */
  Optional<String> syncToken(Side side);

  /** Stores (or, with null, forgets) a side's token. */
  void putSyncToken(Side side, String token);

  /** Every conflict not applied yet: pending ones and resolved ones awaiting the next sync. */
  List<Conflict> conflicts();

  Optional<Conflict> conflict(String id);

  /** Inserts or replaces a conflict by id. */
  void putConflict(Conflict conflict);

  /** Forgets a conflict once its resolution was applied (or it no longer applies). */
  void removeConflict(String id);

  /**
   * The calendar metadata (name, colour, description) each side held after the last sync that
   * synced it; empty before the pair's first sync.
   */
  Optional<SyncedMetadata> metadata();

  /** Records (replacing) the pair's synced calendar metadata. */
  void putMetadata(SyncedMetadata metadata);

  /** Runs {@code work} so that all its changes commit together or not at all. */
  <T> T transaction(Supplier<T> work);

  @Override
  default void close() {}
}
