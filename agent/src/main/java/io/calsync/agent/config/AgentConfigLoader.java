package io.calsync.agent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.calsync.core.sync.ConflictStrategy;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the agent's configuration file (the seed's {@code outlook_config.json})
 * before anything runs. Every problem is collected and reported together, each with its JSON path
 * ({@code $.calendar_sources[1].type}); malformed JSON is reported with its line and column.
 * Unknown keys are warnings, not errors, so that newer configurations still load; a key within
 * edit distance 2 of a known one is named as a likely typo. Secret values ({@code agent_secret},
 * {@code credentials}, {@code password}) never appear in a message.
 *
 * <p>JSON comments ({@code //} and {@code /* *}{@code /}) are allowed, as in the seed's snippets;
 * duplicate keys are an error.
 */
public final class AgentConfigLoader {

  /** The top-level keys, in the seed's order. */
  static final Set<String> TOP_KEYS =
      Set.of(
          "agent_id",
          "agent_name",
          "environment",
          "central_api_url",
          "sync_interval_minutes",
          "enable_bidirectional_sync",
          "update_processing_timeout",
          "max_retry_attempts",
          "batch_size",
          "enable_compression",
          "agent_secret",
          "certificate_path",
          "enable_tls",
          "calendar_sources",
          // calsync's own: the agent runtime's short intervals
          "heartbeat_seconds",
          "poll_interval_seconds");

  /** The keys of one calendar source. */
  static final Set<String> SOURCE_KEYS =
      Set.of(
          "type",
          "name",
          "calendar_name",
          "calendar_id",
          "folder_id",
          "account_uid",
          "path",
          "master_calendar",
          "allow_metadata_updates",
          "allow_event_updates",
          "conflict_resolution",
          "credentials",
          "sync_filters",
          "allow_mass_deletes",
          "exchange_url",
          "username",
          "password");

  /** The keys of {@code sync_filters}. */
  static final Set<String> FILTER_KEYS = Set.of("event_types", "exclude_private", "private_as_busy", "date_range_days");

  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_SHOWN = 80;

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private AgentConfigLoader() {}

  /**
   * Reads and validates {@code file}.
   *
   * @throws AgentConfigException listing every problem, {@code FILE: PATH: PROBLEM} per line
   */
  public static AgentConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw single(file, "cannot read: no such file");
    } catch (IOException e) {
      throw single(file, "cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    return parse(file, text);
  }

  /**
   * Validates {@code json} as the content of {@code file} (which names it in messages only).
   *
   * @throws AgentConfigException listing every problem
   */
  public static AgentConfig parse(Path file, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      // Jackson quotes an unrecognised token, which in a broken file may be an unquoted secret.
      String what =
          String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")
              .replaceAll("Unrecognized token '[^']*'", "Unrecognized token (not shown: it may be a secret)");
      throw single(file, where + "malformed JSON: " + what);
    }
    if (root == null || root.isMissingNode()) {
      throw single(file, "the file is empty; expected a JSON object such as {\"agent_id\": …}");
    }
    Checker c = new Checker();
    AgentConfig config = c.config(root);
    if (!c.errors.isEmpty()) {
      throw new AgentConfigException(file, c.errors, c.warnings);
    }
    return config;
  }

  private static AgentConfigException single(Path file, String message) {
    return new AgentConfigException(file, List.of(new ConfigProblem("", message)), List.of());
  }

  /** Walks the tree once, collecting every error and warning; returns null if there are errors. */
  private static final class Checker {
    final List<ConfigProblem> errors = new ArrayList<>();
    final List<ConfigProblem> warnings = new ArrayList<>();

    AgentConfig config(JsonNode root) {
      if (!root.isObject()) {
        error("$", "must be a JSON object, was " + kind(root));
        return null;
      }
      unknownKeys(root, "$", TOP_KEYS, Set.of());

      String agentId = agentId(root);
      Optional<String> agentName = string(root, "agent_name", "$");
      Optional<String> environment = string(root, "environment", "$");
      URI url = centralApiUrl(root);
      int interval =
          whole(root, "sync_interval_minutes", "$", 1, 10080, AgentConfig.DEFAULT_SYNC_INTERVAL_MINUTES,
              "a whole number of minutes from 1 to 10080");
      boolean bidirectional = bool(root, "enable_bidirectional_sync", "$", true);
      int timeout =
          whole(root, "update_processing_timeout", "$", 1, 86400,
              AgentConfig.DEFAULT_UPDATE_PROCESSING_TIMEOUT_SECONDS,
              "a whole number of seconds from 1 to 86400");
      int retries =
          whole(root, "max_retry_attempts", "$", 0, 100, AgentConfig.DEFAULT_MAX_RETRY_ATTEMPTS,
              "a whole number from 0 to 100");
      int batch =
          whole(root, "batch_size", "$", 1, 10000, AgentConfig.DEFAULT_BATCH_SIZE,
              "a whole number from 1 to 10000");
      boolean compression = bool(root, "enable_compression", "$", false);
      Optional<Secret> secret = secret(root, "agent_secret", "$");
      Optional<String> certificate = string(root, "certificate_path", "$");
      boolean tls = bool(root, "enable_tls", "$", false);
      int heartbeat =
          whole(root, "heartbeat_seconds", "$", 1, 3600, AgentConfig.DEFAULT_HEARTBEAT_SECONDS,
              "a whole number of seconds from 1 to 3600");
      int poll =
          whole(root, "poll_interval_seconds", "$", 1, 3600, AgentConfig.DEFAULT_POLL_INTERVAL_SECONDS,
              "a whole number of seconds from 1 to 3600");
      List<CalendarSource> sources = sources(root);

      if (!errors.isEmpty()) {
        return null;
      }
      return new AgentConfig(agentId, agentName, environment, url, interval, bidirectional, timeout,
          retries, batch, compression, secret, certificate, tls, heartbeat, poll, sources, warnings);
    }

    private String agentId(JsonNode root) {
      Optional<String> id = string(root, "agent_id", "$");
      if (id.isEmpty()) {
        if (!present(root, "agent_id")) {
          error("$.agent_id", "missing; give this agent a unique id: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return null;
      }
      if (id.get().isBlank()) {
        error("$.agent_id", "must not be blank");
      } else if (!AGENT_ID.matcher(id.get()).matches()) {
        error("$.agent_id", "must be 1 to 64 letters, digits, '.', '_' or '-', was " + show(root.get("agent_id")));
      }
      return id.get();
    }

    private URI centralApiUrl(JsonNode root) {
      Optional<String> text = string(root, "central_api_url", "$");
      if (text.isEmpty()) {
        if (!present(root, "central_api_url")) {
          error("$.central_api_url", "missing; the master server's URL, e.g. http://master-server:8008");
        }
        return null;
      }
      Optional<URI> uri = httpUrl(text.get());
      if (uri.isEmpty()) {
        error("$.central_api_url",
            "must be an http or https URL such as http://master-server:8008, was "
                + show(root.get("central_api_url")).replaceAll("//[^/@\\s]*@", "//…@"));
        return null;
      }
      return uri.get();
    }

    private List<CalendarSource> sources(JsonNode root) {
      JsonNode list = root.get("calendar_sources");
      if (list == null || list.isNull()) {
        error("$.calendar_sources", "missing; list at least one calendar source");
        return List.of();
      }
      if (!list.isArray()) {
        error("$.calendar_sources", "must be a list of calendar sources, was " + kind(list));
        return List.of();
      }
      if (list.isEmpty()) {
        error("$.calendar_sources", "must list at least one calendar source");
        return List.of();
      }
      List<CalendarSource> sources = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String at = "$.calendar_sources[" + i + "]";
        JsonNode s = list.get(i);
        if (!s.isObject()) {
          error(at, "must be an object with type and name, was " + kind(s));
          continue;
        }
        CalendarSource source = source(s, at);
        if (source != null) {
          sources.add(source);
        }
      }
      return sources;
    }

    private CalendarSource source(JsonNode s, String at) {
      int before = errors.size();
      unknownKeys(s, at, SOURCE_KEYS, TOP_KEYS);
      SourceType type = type(s, at);
      Optional<String> name = string(s, "name", at);
      if (name.isEmpty() && !present(s, "name")) {
        error(at + ".name", "missing; a display name for this calendar");
      } else if (name.isPresent() && name.get().isBlank()) {
        error(at + ".name", "must not be blank");
      }
      Optional<String> calendarName = string(s, "calendar_name", at);
      Optional<String> calendarId = string(s, "calendar_id", at);
      Optional<String> folderId = string(s, "folder_id", at);
      Optional<String> accountUid = string(s, "account_uid", at);
      Optional<String> path = string(s, "path", at);
      Optional<String> master = string(s, "master_calendar", at);
      boolean metadata = bool(s, "allow_metadata_updates", at, true);
      boolean events = bool(s, "allow_event_updates", at, true);
      boolean massDeletes = bool(s, "allow_mass_deletes", at, false);
      Optional<ConflictStrategy> conflict = conflict(s, at);
      Optional<Credentials> credentials = credentials(s, at);
      SyncFilters filters = filters(s, at);
      Optional<String> exchangeUrl = string(s, "exchange_url", at);
      Optional<String> username = string(s, "username", at);
      Optional<Secret> password = secret(s, "password", at);

      if (type == SourceType.ICS) {
        if (path.isEmpty() && !present(s, "path")) {
          error(at + ".path", "missing; type 'ics' needs the folder of .ics files or the .ics file to sync");
        } else if (path.isPresent() && path.get().isBlank()) {
          error(at + ".path", "must not be blank");
        }
      }
      if (type == SourceType.CALDAV || type == SourceType.APPLE) {
        String word = type.configName();
        if (calendarId.isPresent() && httpUrl(calendarId.get()).isEmpty()) {
          error(at + ".calendar_id",
              "type '" + word + "' needs the calendar's http or https URL here, was "
                  + show(s.get("calendar_id")) + "; or leave it out and give calendar_name");
        } else if (calendarId.isEmpty() && calendarName.filter(n -> !n.isBlank()).isEmpty()
            && !present(s, "calendar_id") && !present(s, "calendar_name")) {
          error(at, "type '" + word + "' needs calendar_id (the calendar's URL) or calendar_name");
        }
      }
      if (errors.size() > before || type == null || name.isEmpty()) {
        return null;
      }
      return new CalendarSource(type, name.get(), calendarName, calendarId, folderId, accountUid, path,
          master, metadata, events, conflict, credentials, filters, massDeletes, exchangeUrl, username,
          password);
    }

    private SourceType type(JsonNode s, String at) {
      Optional<String> word = string(s, "type", at);
      if (word.isEmpty()) {
        if (!present(s, "type")) {
          error(at + ".type", "missing; supported: " + SourceType.supportedList());
        }
        return null;
      }
      Optional<SourceType> type = SourceType.fromConfigName(word.get());
      if (type.isEmpty()) {
        String hint = word.get().contains("|") ? " (the seed's template lists the choices: pick one)" : "";
        error(at + ".type",
            "unknown type '" + clip(word.get()) + "'" + hint + "; supported: " + SourceType.supportedList());
        return null;
      }
      return type.get();
    }

    private Optional<ConflictStrategy> conflict(JsonNode s, String at) {
      Optional<String> word = string(s, "conflict_resolution", at);
      if (word.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(ConflictStrategy.parse(word.get()));
      } catch (IllegalArgumentException e) {
        error(at + ".conflict_resolution", e.getMessage());
        return Optional.empty();
      }
    }

    private Optional<Credentials> credentials(JsonNode s, String at) {
      JsonNode c = s.get("credentials");
      String path = at + ".credentials";
      if (c == null || c.isNull()) {
        return Optional.empty();
      }
      if (!c.isObject()) {
        error(path, "must be an object (provider specific, e.g. client_id, refresh_token), was " + kind(c));
        return Optional.empty();
      }
      JsonNode encrypted = c.get("encrypted");
      if (encrypted != null && (encrypted.asBoolean(false) || "true".equalsIgnoreCase(encrypted.asText()))) {
        error(path, "encrypted credentials are not supported yet; give this source's credentials"
            + " unencrypted and let only the agent's account read this file");
        return Optional.empty();
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        values.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
      return Optional.of(new Credentials(values));
    }

    private SyncFilters filters(JsonNode s, String at) {
      JsonNode f = s.get("sync_filters");
      String path = at + ".sync_filters";
      if (f == null || f.isNull()) {
        return SyncFilters.NONE;
      }
      if (!f.isObject()) {
        error(path, "must be an object with event_types, exclude_private or date_range_days, was " + kind(f));
        return SyncFilters.NONE;
      }
      unknownKeys(f, path, FILTER_KEYS, Set.of());
      List<String> types = new ArrayList<>();
      JsonNode list = f.get("event_types");
      if (list != null && !list.isNull()) {
        if (!list.isArray()) {
          error(path + ".event_types", "must be a list of strings, was " + show(list));
        } else {
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isTextual()) {
              types.add(list.get(i).asText());
            } else {
              error(path + ".event_types[" + i + "]", "must be a string, was " + show(list.get(i)));
            }
          }
        }
      }
      boolean excludePrivate = bool(f, "exclude_private", path, false);
      boolean privateAsBusy = bool(f, "private_as_busy", path, false);
      OptionalInt days = OptionalInt.empty();
      if (present(f, "date_range_days")) {
        days = OptionalInt.of(whole(f, "date_range_days", path, 1, 36500, 1,
            "a whole number of days greater than 0 (at most 36500)"));
      }
      return new SyncFilters(types, excludePrivate, privateAsBusy, days);
    }

    // ---- values

    private Optional<String> string(JsonNode o, String key, String at) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return Optional.empty();
      }
      if (!n.isTextual()) {
        error(at + "." + key, "must be a string, was " + show(n));
        return Optional.empty();
      }
      return Optional.of(n.asText());
    }

    /** Like {@link #string} but never shows the value. */
    private Optional<Secret> secret(JsonNode o, String key, String at) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return Optional.empty();
      }
      if (!n.isTextual()) {
        error(at + "." + key, "must be a string, was " + kind(n));
        return Optional.empty();
      }
      if (n.asText().isBlank()) {
        error(at + "." + key, "must not be blank");
        return Optional.empty();
      }
      return Optional.of(new Secret(n.asText()));
    }

    private boolean bool(JsonNode o, String key, String at, boolean fallback) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return fallback;
      }
      if (!n.isBoolean()) {
        error(at + "." + key, "must be true or false, was " + show(n));
        return fallback;
      }
      return n.asBoolean();
    }

    private int whole(JsonNode o, String key, String at, int min, int max, int fallback, String what) {
      JsonNode n = o.get(key);
      if (n == null || n.isNull()) {
        return fallback;
      }
      boolean integral = n.isIntegralNumber() || (n.isNumber() && n.canConvertToExactIntegral());
      if (integral && n.canConvertToLong() && n.asLong() >= min && n.asLong() <= max) {
        return (int) n.asLong();
      }
      error(at + "." + key, "must be " + what + ", was " + show(n));
      return fallback;
    }

    private void unknownKeys(JsonNode o, String at, Set<String> known, Set<String> elsewhere) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (known.contains(key)) {
          continue;
        }
        String path = at + "." + key;
        String hint = "";
        if (elsewhere.contains(key)) {
          hint = "; it belongs at the top level, not in a calendar source";
        } else {
          Optional<String> near = nearest(key, known);
          if (near.isPresent()) {
            hint = "; did you mean '" + near.get() + "'?";
          }
        }
        warnings.add(new ConfigProblem(path, "unknown key, ignored" + hint));
      }
    }

    private void error(String path, String message) {
      errors.add(new ConfigProblem(path, message));
    }
  }

  // ---- helpers

  private static boolean present(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n != null && !n.isNull();
  }

  private static Optional<URI> httpUrl(String text) {
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // not a URL
    }
    return Optional.empty();
  }

  /** A value as JSON text ("abc", 12, true), clipped; for values that are not secrets. */
  private static String show(JsonNode n) {
    if (n.isContainerNode()) {
      return kind(n);
    }
    return clip(n.toString());
  }

  /** What kind of JSON value {@code n} is, without its content. */
  private static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "a string";
    } else if (n.isNumber()) {
      return "a number";
    } else if (n.isBoolean()) {
      return n.asText();
    } else if (n.isArray()) {
      return "a list";
    } else if (n.isObject()) {
      return "an object";
    }
    return "null";
  }

  private static String clip(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "…";
  }

  /** The known key closest to {@code key}, if within edit distance 2 (case ignored). */
  static Optional<String> nearest(String key, Set<String> known) {
    String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
    String best = null;
    int bestDistance = 3;
    for (String candidate : known.stream().sorted().toList()) {
      int d = distance(k, candidate);
      if (d < bestDistance && d < Math.max(k.length(), 1)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
