package io.calsync.agent.config;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The agent's configuration, the seed's {@code outlook_config.json}, validated. Made by {@link
 * AgentConfigLoader#load}; every default below is the seed's. {@code toString()} shows no secret.
 *
 * @param agentId {@code agent_id}: 1 to 64 of {@code A-Z a-z 0-9 . _ -}
 * @param agentName {@code agent_name}
 * @param environment {@code environment}, a description of the network
 * @param centralApiUrl {@code central_api_url}, the master server (http or https)
 * @param syncIntervalMinutes {@code sync_interval_minutes}, 1 to 10080, default 30
 * @param enableBidirectionalSync {@code enable_bidirectional_sync}, default true
 * @param updateProcessingTimeoutSeconds {@code update_processing_timeout}, 1 to 86400, default 300
 * @param maxRetryAttempts {@code max_retry_attempts}, 0 to 100, default 3
 * @param batchSize {@code batch_size}, 1 to 10000, default 100
 * @param enableCompression {@code enable_compression}, default false
 * @param agentSecret {@code agent_secret}
 * @param certificatePath {@code certificate_path}
 * @param enableTls {@code enable_tls}, default false
 * @param heartbeatSeconds {@code heartbeat_seconds} (calsync's own), 1 to 3600, default 30: how
 *     often the running agent reports to the master
 * @param pollIntervalSeconds {@code poll_interval_seconds} (calsync's own), 1 to 3600, default 5:
 *     how often the agent asks a remote source (caldav, apple) cheaply whether anything changed;
 *     {@code sync_interval_minutes} stays the full rescan behind it
 * @param calendarSources {@code calendar_sources}, at least one
 * @param warnings what was ignored (unknown keys, with a suggestion when one looks like a typo)
 */
public record AgentConfig(
    String agentId,
    Optional<String> agentName,
    Optional<String> environment,
    URI centralApiUrl,
    int syncIntervalMinutes,
    boolean enableBidirectionalSync,
    int updateProcessingTimeoutSeconds,
    int maxRetryAttempts,
    int batchSize,
    boolean enableCompression,
    Optional<Secret> agentSecret,
    Optional<String> certificatePath,
    boolean enableTls,
    int heartbeatSeconds,
    int pollIntervalSeconds,
    List<CalendarSource> calendarSources,
    List<ConfigProblem> warnings) {

  public static final int DEFAULT_SYNC_INTERVAL_MINUTES = 30;
  public static final int DEFAULT_UPDATE_PROCESSING_TIMEOUT_SECONDS = 300;
  public static final int DEFAULT_MAX_RETRY_ATTEMPTS = 3;
  public static final int DEFAULT_BATCH_SIZE = 100;
  public static final int DEFAULT_HEARTBEAT_SECONDS = 30;
  public static final int DEFAULT_POLL_INTERVAL_SECONDS = 5;

  public AgentConfig {
    calendarSources = List.copyOf(calendarSources);
    warnings = List.copyOf(warnings);
  }

  /** The sources the agent cannot run yet (their type has no storage in calsync today). */
  public List<CalendarSource> sourcesNotSupportedYet() {
    return calendarSources.stream().filter(s -> !s.availableNow()).toList();
  }
}
