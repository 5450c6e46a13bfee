package io.calsync.store.sqlite;

import java.time.Instant;
import java.util.Objects;

/**
 * A sync pair: one source ({@code --from}, side A) and one destination ({@code --to}, side B) as
 * the user typed them, with its own status, tokens, conflicts and lock.
 *
 * @param id stable short hash of both locations (the same pair always gets the same id)
 * @param from the source location, e.g. {@code ics:/home/me/cal}
 * @param to the destination location
 * @param createdAt when the pair was first synced or set up
 * @param lastSyncAt when the last successful sync finished, or null if none did yet
 */
public record SyncPair(String id, String from, String to, Instant createdAt, Instant lastSyncAt) {
  public SyncPair {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
