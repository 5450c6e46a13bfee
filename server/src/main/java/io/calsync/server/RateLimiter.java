package io.calsync.server;

import java.util.concurrent.ConcurrentHashMap;

/** Fixed one-minute windows per key (client address or agent); 0 requests per minute means off. */
final class RateLimiter {
  private record Window(long minute, int count) {}

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /** Counts one request for {@code key}; true if it is within {@code perMinute}. */
  boolean tryAcquire(String key, int perMinute, long nowMillis) {
    if (perMinute <= 0) return true;
    long minute = nowMillis / 60_000;
    if (windows.size() > 100_000) windows.entrySet().removeIf(e -> e.getValue().minute() < minute);
    Window w = windows.compute(key, (k, old) ->
        old == null || old.minute() != minute ? new Window(minute, 1) : new Window(minute, old.count() + 1));
    return w.count() <= perMinute;
  }

  /** Seconds until the current window ends. */
  static long retryAfterSeconds(long nowMillis) {
    return Math.max(1, (60_000 - nowMillis % 60_000 + 999) / 1000);
  }
}
