package io.calsync.server.store;

import java.util.Locale;

/**
 * Life of a queued update.
 *
 * <pre>
 * pending ──fetch──▶ delivered ──ack ok──▶ processed ──(retention)──▶ purged
 *    ▲                  │ ack failed, attempts &lt; MAX ──▶ pending (next_attempt_at = backoff)
 *    │                  │ ack failed, retryable=false ──▶ rejected
 *    └──dead retry── dead ◀── ack failed, attempts = MAX_RETRY_ATTEMPTS
 * </pre>
 *
 * A delivered update that is never acked stays deliverable: the next fetch (also after a master
 * restart) hands it out again. Delivery is at least once.
 */
public enum UpdateState {
  PENDING,
  DELIVERED,
  PROCESSED,
  REJECTED,
  DEAD;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UpdateState of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }

  /** Pending or delivered: still waiting for a successful ack. */
  public boolean isOpen() {
    return this == PENDING || this == DELIVERED;
  }
}
