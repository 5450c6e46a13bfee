package io.calsync.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Named API keys, stored as salted hashes; the key itself is never stored. */
public interface ApiKeyRepository {
  /** A stored key; {@code role} is {@code admin} or {@code read}. */
  record StoredKey(
      String id,
      String name,
      String role,
      String salt,
      String hash,
      Instant createdAt,
      Instant revokedAt,
      Instant lastUsedAt) {
    public boolean revoked() {
      return revokedAt != null;
    }
  }

  void insert(StoredKey key);

  Optional<StoredKey> find(String id);

  /** Every key, revoked ones included, oldest first. */
  List<StoredKey> list();

  /** Marks the key revoked at {@code now}; returns false if there is no such key. */
  boolean revoke(String id, Instant now);

  void touch(String id, Instant now);
}
