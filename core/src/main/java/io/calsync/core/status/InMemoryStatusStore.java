package io.calsync.core.status;

import io.calsync.core.model.Side;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link StatusStore} in memory. Transactions are honoured: a transaction that throws leaves the
 * store as it was, so engine tests see the same rollback behaviour as with SQLite.
 */
final class InMemoryStatusStore implements StatusStore {

  private Map<String, ItemStatus> items = new HashMap<>();
  private Map<Side, String> tokens = new EnumMap<>(Side.class);
  private Map<String, Conflict> conflicts = new LinkedHashMap<>();
  private SyncedMetadata metadata;

  @Override
  public synchronized Map<String, ItemStatus> items() {
    return Map.copyOf(items);
  }

  @Override
  public synchronized void putItem(ItemStatus status) {
    items.put(status.uid(), status);
  }

  @Override
  public synchronized void removeItem(String uid) {
    items.remove(uid);
  }

  @Override
  public synchronized Optional<String> syncToken(Side side) {
    return Optional.ofNullable(tokens.get(side));
  }

  @Override
  public synchronized void putSyncToken(Side side, String token) {
    if (token == null) {
      tokens.remove(side);
    } else {
      tokens.put(side, token);
    }
  }

  @Override
  public synchronized List<Conflict> conflicts() {
    return new ArrayList<>(conflicts.values());
  }

  @Override
  public synchronized Optional<Conflict> conflict(String id) {
    return Optional.ofNullable(conflicts.get(id));
  }

  @Override
  public synchronized void putConflict(Conflict conflict) {
    conflicts.put(conflict.id(), conflict);
  }

  @Override
  public synchronized void removeConflict(String id) {
    conflicts.remove(id);
  }

  @Override
  public synchronized Optional<SyncedMetadata> metadata() {
    return Optional.ofNullable(metadata);
  }

  @Override
  public synchronized void putMetadata(SyncedMetadata metadata) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
  }

  @Override
  public synchronized <T> T transaction(Supplier<T> work) {
    Map<String, ItemStatus> savedItems = new HashMap<>(items);
    Map<Side, String> savedTokens = new EnumMap<>(tokens);
    Map<String, Conflict> savedConflicts = new LinkedHashMap<>(conflicts);
    SyncedMetadata savedMetadata = metadata;
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      items = savedItems;
      tokens = savedTokens.isEmpty() ? new EnumMap<>(Side.class) : new EnumMap<>(savedTokens);
      conflicts = savedConflicts;
      metadata = savedMetadata;
      throw e;
    }
  }
}
