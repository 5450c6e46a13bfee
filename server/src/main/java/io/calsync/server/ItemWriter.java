package io.calsync.server;

import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.ItemRepository;
import io.calsync.server.store.ItemRepository.StoredItem;
import io.calsync.server.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the next version of an item: takes the next sequence number, stores it, queues the
 * {@code event_update}s, records the activity and, once committed, tells the change listeners.
 * Every path that creates a version (upload, destination, conflict resolution) goes through here.
 */
final class ItemWriter {
  private static final Logger log = LoggerFactory.getLogger(ItemWriter.class);

  /** The result: the stored version and how many updates it queued. */
  record Written(StoredItem item, int updatesQueued) {}

  private final Transactions tx;
  private final ItemRepository items;
  private final EventUpdateFanOut fanOut;
  private final ActivityLog activity;
  private final Clock clock;
  private final List<Consumer<StoredItem>> listeners = new CopyOnWriteArrayList<>();

  ItemWriter(Transactions tx, ItemRepository items, EventUpdateFanOut fanOut, ActivityLog activity, Clock clock) {
    this.tx = tx;
    this.items = items;
    this.fanOut = fanOut;
    this.activity = activity;
    this.clock = clock;
  }

  /** Tells {@code listener} every committed new version (with its origin). */
  void addListener(Consumer<StoredItem> listener) {
    listeners.add(listener);
  }

  /**
   * Stores {@code ics} (null: a tombstone) as the version after {@code previous} (null: none), in
   * the caller's transaction.
   */
  Written write(String calendarId, String uid, String ics, String contentHash, StoredItem previous, Origin origin) {
    return tx.inTransaction(c -> {
      Instant now = clock.instant();
      long version = previous == null ? 1 : previous.version() + 1;
      boolean deleted = ics == null;
      StoredItem next = new StoredItem(calendarId, uid, version, deleted, ics, deleted ? null : contentHash,
          items.nextSeq(), now, origin.kind(), origin.agentId(), origin.sourceName());
      items.save(next);
      int queued = fanOut.queue(next, previous != null && !previous.deleted(), origin);
      activity.record(now, deleted ? "item_deleted" : "item_applied", origin.agentId(), calendarId, null,
          "item " + SyncService.abbreviate(uid) + (deleted ? " deleted" : " stored") + " as version " + version
              + " from " + origin.describe() + ", " + queued + " updates queued");
      tx.afterCommit(() -> notifyListeners(next));
      return new Written(next, queued);
    });
  }

  private void notifyListeners(StoredItem version) {
    for (Consumer<StoredItem> l : listeners) {
      try {
        l.accept(version);
      } catch (RuntimeException e) {
        log.warn("item change listener failed for calendar {}", version.calendarId(), e);
      }
    }
  }
}
