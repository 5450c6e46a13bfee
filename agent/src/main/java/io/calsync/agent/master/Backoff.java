package io.calsync.agent.master;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, capped: attempt 1 waits between half and all of {@code base},
 * each further attempt doubles that, never beyond {@code cap}. Jitter keeps many agents that lost the master at
 * once from all coming back in the same second.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private int failures;

  public Backoff(Duration base, Duration cap) {
    this.base = base;
    this.cap = cap;
  }

  /** The agent's default: from 1 s up to 60 s. */
  public static Backoff standard() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** Records a failure and answers how long to wait before the next attempt. */
  public synchronized Duration nextDelay() {
    failures = Math.min(failures + 1, 30);
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(failures - 1, 20));
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** The longest wait {@link #nextDelay()} may answer after {@code failures} failures. */
  public Duration ceilingAfter(int failures) {
    return Duration.ofMillis(Math.min(cap.toMillis(), base.toMillis() << Math.min(Math.max(failures, 1) - 1, 20)));
  }

  /** Records a success: the next failure starts over at {@code base}. */
  public synchronized void reset() {
    failures = 0;
  }

  public synchronized int failures() {
    return failures;
  }
}
