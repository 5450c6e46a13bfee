package io.calsync.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.calsync.agent.config.AgentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings a {@code sync_config} update may change while it runs: they start as the
 * configuration file says and are read afresh by every loop. Changes live in memory only: the
 * master sends them again after a restart if they should stay (the file stays the operator's).
 */
public final class LiveSettings {

  private volatile int syncIntervalMinutes;
  private volatile boolean bidirectional;
  private volatile int batchSize;
  private volatile int maxRetryAttempts;
  private volatile int heartbeatSeconds;
  private volatile int pollIntervalSeconds;

  public LiveSettings(AgentConfig config) {
    syncIntervalMinutes = config.syncIntervalMinutes();
    bidirectional = config.enableBidirectionalSync();
    batchSize = config.batchSize();
    maxRetryAttempts = config.maxRetryAttempts();
    heartbeatSeconds = config.heartbeatSeconds();
    pollIntervalSeconds = config.pollIntervalSeconds();
  }

  public int syncIntervalMinutes() {
    return syncIntervalMinutes;
  }

  public boolean bidirectional() {
    return bidirectional;
  }

  public int batchSize() {
    return batchSize;
  }

  public int maxRetryAttempts() {
    return maxRetryAttempts;
  }

  public int heartbeatSeconds() {
    return heartbeatSeconds;
  }

  public int pollIntervalSeconds() {
    return pollIntervalSeconds;
  }

  /**
   * Applies the {@code changes} of a {@code sync_config} update, all or nothing.
   *
   * @return one line per setting changed, {@code key: old → new}
   * @throws IllegalArgumentException naming every key that is unknown or out of range (nothing is
   *     changed then)
   */
  public synchronized List<String> apply(JsonNode changes) {
    if (changes == null || !changes.isObject()) {
      throw new IllegalArgumentException("sync_config needs an object of changes");
    }
    List<String> problems = new ArrayList<>();
    List<Runnable> sets = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : changes.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "sync_interval_minutes" -> whole(key, v, 1, 10080, problems, done, syncIntervalMinutes,
            n -> sets.add(() -> syncIntervalMinutes = n));
        case "batch_size" -> whole(key, v, 1, 1000, problems, done, batchSize, n -> sets.add(() -> batchSize = n));
        case "max_retry_attempts" -> whole(key, v, 0, 100, problems, done, maxRetryAttempts,
            n -> sets.add(() -> maxRetryAttempts = n));
        case "heartbeat_seconds" -> whole(key, v, 1, 3600, problems, done, heartbeatSeconds,
            n -> sets.add(() -> heartbeatSeconds = n));
        case "poll_interval_seconds" -> whole(key, v, 1, 3600, problems, done, pollIntervalSeconds,
            n -> sets.add(() -> pollIntervalSeconds = n));
        case "enable_bidirectional_sync" -> {
          if (!v.isBoolean()) {
            problems.add(key + " must be true or false, was " + v);
          } else {
            boolean b = v.asBoolean();
            done.add(key + ": " + bidirectional + " → " + b);
            sets.add(() -> bidirectional = b);
          }
        }
        default -> problems.add("unknown setting " + key);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    sets.forEach(Runnable::run);
    return done;
  }

  private static void whole(String key, JsonNode v, int min, int max, List<String> problems, List<String> done,
      int old, java.util.function.IntConsumer set) {
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
      problems.add(key + " must be a whole number from " + min + " to " + max + ", was " + v);
      return;
    }
    done.add(key + ": " + old + " → " + v.asInt());
    set.accept(v.asInt());
  }
}
