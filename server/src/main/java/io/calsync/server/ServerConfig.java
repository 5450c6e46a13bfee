package io.calsync.server;

import io.calsync.core.sync.ConflictStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The master's configuration, read from environment variables and an optional {@code .env} file;
 * an environment variable wins over the same key in the file. Every key, its default and meaning
 * is documented in {@code server/.env.example}. An invalid value stops start-up with a {@link
 * ConfigException} naming the key and the accepted values.
 *
 * @param debug {@code DEBUG}: more logging
 * @param corsOrigins {@code CORS_ORIGINS}: comma separated origins, {@code *} for any, empty for
 *     none
 * @param apiPort {@code API_PORT} (8008); 0 picks a free port
 * @param bindAddress {@code BIND_ADDRESS} (0.0.0.0, agents on other machines must reach it)
 * @param dataDir {@code DATA_DIR} (./calsync-data): holds {@code master.db} and {@code admin.key}
 * @param syncIntervalMinutes {@code SYNC_INTERVAL_MINUTES} (30): agents' heartbeat interval, also
 *     the yardstick for active/stale/offline
 * @param bidirectionalSync {@code ENABLE_BIDIRECTIONAL_SYNC} (true): when false nothing is queued
 *     for agents
 * @param retentionDays {@code UPDATE_QUEUE_RETENTION_DAYS} (7): processed updates older than this
 *     are purged
 * @param conflictResolution {@code CONFLICT_RESOLUTION} (latest_wins)
 * @param maxRetryAttempts {@code MAX_RETRY_ATTEMPTS} (5): failed attempts before an update goes to
 *     the dead-letter state
 * @param retryBackoffSeconds {@code RETRY_BACKOFF_SECONDS} (30): first retry delay, doubled per
 *     attempt, capped at one hour
 * @param authEnabled {@code AUTH_ENABLED} (true)
 * @param jwtSecret {@code JWT_SECRET}: HMAC key of HS256 JWTs (at least 32 bytes); unset, JWTs are
 *     refused. Never logged
 * @param apiKeyRequired {@code API_KEY_REQUIRED} (true): when false, read-only admin GETs are open
 * @param rateLimitRequestsPerMinute {@code RATE_LIMIT_REQUESTS_PER_MINUTE} (100; 0 = off) per
 *     client address, on the REST API's admin endpoints ({@code /calendars}, {@code /sync/…},
 *     {@code /admin/…}; not on CalDAV, feeds or the dashboard)
 * @param rateLimitAgentsPerMinute {@code RATE_LIMIT_AGENTS_PER_MINUTE} (1000; 0 = off) per agent
 * @param auditLogging {@code AUDIT_LOGGING} (true): write every mutating request to the audit table
 * @param maxRequestBytes {@code MAX_REQUEST_BYTES} (1048576): larger bodies get 413
 * @param destination {@code DESTINATION_*}: the calendar account everything consolidates into,
 *     or null when {@code DESTINATION_URL} is unset
 */
public record ServerConfig(
    boolean debug,
    List<String> corsOrigins,
    int apiPort,
    String bindAddress,
    Path dataDir,
    int syncIntervalMinutes,
    boolean bidirectionalSync,
    int retentionDays,
    ConflictStrategy conflictResolution,
    int maxRetryAttempts,
    int retryBackoffSeconds,
    boolean authEnabled,
    String jwtSecret,
    boolean apiKeyRequired,
    int rateLimitRequestsPerMinute,
    int rateLimitAgentsPerMinute,
    boolean auditLogging,
    long maxRequestBytes,
    DestinationConfig destination) {

  /** The keys this class reads (the destination's in {@link DestinationConfig#KEYS}). */
  public static final Set<String> KEYS =
      Set.of(
          "DEBUG", "CORS_ORIGINS", "API_PORT", "BIND_ADDRESS", "DATA_DIR", "SYNC_INTERVAL_MINUTES",
          "ENABLE_BIDIRECTIONAL_SYNC", "UPDATE_QUEUE_RETENTION_DAYS", "CONFLICT_RESOLUTION",
          "MAX_RETRY_ATTEMPTS", "RETRY_BACKOFF_SECONDS", "AUTH_ENABLED", "JWT_SECRET",
          "API_KEY_REQUIRED", "RATE_LIMIT_REQUESTS_PER_MINUTE", "RATE_LIMIT_AGENTS_PER_MINUTE",
          "AUDIT_LOGGING", "MAX_REQUEST_BYTES");

  public ServerConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Reads the process environment and {@code ./.env} if it exists. */
  public static ServerConfig fromEnvironment() {
    return load(System.getenv(), Path.of(".env"));
  }

  /**
   * Reads {@code env} over the keys of {@code dotEnv} (which may be null or missing).
   *
   * @throws ConfigException naming the first invalid key and its accepted values
   */
  public static ServerConfig load(Map<String, String> env, Path dotEnv) {
    Map<String, String> merged = new HashMap<>();
    if (dotEnv != null && Files.isRegularFile(dotEnv)) {
      merged.putAll(parseDotEnv(dotEnv));
    }
    env.forEach((k, v) -> { if (v != null) merged.put(k, v); });
    Reader r = new Reader(merged);
    return new ServerConfig(
        r.bool("DEBUG", false),
        r.list("CORS_ORIGINS"),
        r.integer("API_PORT", 8008, 0, 65535),
        r.string("BIND_ADDRESS", "0.0.0.0"),
        Path.of(r.string("DATA_DIR", "./calsync-data")),
        r.integer("SYNC_INTERVAL_MINUTES", 30, 1, 10_080),
        r.bool("ENABLE_BIDIRECTIONAL_SYNC", true),
        r.integer("UPDATE_QUEUE_RETENTION_DAYS", 7, 0, 3650),
        r.conflict("CONFLICT_RESOLUTION", ConflictStrategy.LATEST_WINS),
        r.integer("MAX_RETRY_ATTEMPTS", 5, 1, 1000),
        r.integer("RETRY_BACKOFF_SECONDS", 30, 0, 86_400),
        r.bool("AUTH_ENABLED", true),
        r.jwtSecret("JWT_SECRET"),
        r.bool("API_KEY_REQUIRED", true),
        r.integer("RATE_LIMIT_REQUESTS_PER_MINUTE", 100, 0, 1_000_000),
        r.integer("RATE_LIMIT_AGENTS_PER_MINUTE", 1000, 0, 1_000_000),
        r.bool("AUDIT_LOGGING", true),
        r.integer("MAX_REQUEST_BYTES", 1_048_576, 1024, 256 * 1_048_576),
        DestinationConfig.read(merged));
  }

  /** {@code KEY=VALUE} lines; {@code #} starts a comment (also after a value); quotes are stripped. */
  static Map<String, String> parseDotEnv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> out = new HashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring(7).strip();
      int eq = line.indexOf('=');
      if (eq <= 0) continue;
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.indexOf(value.charAt(0), 1) > 0) {
        value = value.substring(1, value.indexOf(value.charAt(0), 1));
      } else {
        int hash = value.indexOf(" #");
        if (hash >= 0) value = value.substring(0, hash).strip();
      }
      out.put(key, value);
    }
    return out;
  }

  /** Never prints {@code JWT_SECRET}. */
  @Override
  public String toString() {
    return "ServerConfig[bind=" + bindAddress + ":" + apiPort + ", dataDir=" + dataDir
        + ", auth=" + authEnabled + ", bidirectional=" + bidirectionalSync
        + ", conflict=" + conflictResolution.configName() + ", jwtSecret=" + (jwtSecret == null ? "unset" : "***")
        + ", destination=" + (destination == null ? "none" : destination) + "]";
  }

  /** Typed reads of the merged keys; each failure names its key. */
  record Reader(Map<String, String> values) {
    private String raw(String key) {
      String v = values.get(key);
      return v == null || v.isBlank() ? null : v.strip();
    }

    String string(String key, String dflt) {
      String v = raw(key);
      return v == null ? dflt : v;
    }

    String jwtSecret(String key) {
      String v = raw(key);
      if (v != null) Jwt.requireStrong(v);
      return v;
    }

    boolean bool(String key, boolean dflt) {
      String v = raw(key);
      if (v == null) return dflt;
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new ConfigException(key, "'" + v + "' is not a boolean: use true or false");
      };
    }

    int integer(String key, int dflt, int min, int max) {
      String v = raw(key);
      if (v == null) return dflt;
      try {
        int n = Integer.parseInt(v);
        if (n < min || n > max) throw new NumberFormatException();
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "'" + v + "' is not valid: use a whole number from " + min + " to " + max);
      }
    }

    List<String> list(String key) {
      String v = raw(key);
      if (v == null) return List.of();
      return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    ConflictStrategy conflict(String key, ConflictStrategy dflt) {
      String v = raw(key);
      if (v == null) return dflt;
      try {
        return ConflictStrategy.parse(v);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, "'" + v + "' is not valid: use one of "
            + Arrays.stream(ConflictStrategy.values()).map(ConflictStrategy::configName).collect(Collectors.joining(", ")));
      }
    }
  }
}
