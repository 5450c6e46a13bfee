package io.calsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A master and its agents as real {@code calsync} processes on loopback, with authentication on:
 * each agent has its own secret issued by {@code calsync admin agent-secret issue}, the test calls
 * the API with the admin key the master created. Every agent holds one ics folder as a copy of the
 * master calendar "Team".
 */
final class World implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final Path data;
  final int port;
  final CalsyncProcess master;
  final Map<String, CalsyncProcess> agents = new LinkedHashMap<>();
  final Map<String, Path> folders = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private String adminKey;

  private World(Path dir, Map<String, String> masterEnv) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = freePort();
    Map<String, String> env = new HashMap<>(Map.of(
        "API_PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1", "DATA_DIR", data.toString(),
        "AUTH_ENABLED", "true", "RETRY_BACKOFF_SECONDS", "1",
        // the tests poll the admin API from 127.0.0.1 while they wait; the per-address limit
        // (100 a minute) would answer a slow poll with 429 (its own tests are in server/)
        "RATE_LIMIT_REQUESTS_PER_MINUTE", "0"));
    env.putAll(masterEnv);
    this.master = CalsyncProcess.start("master", dir, env, "server", "--env-file", dir.resolve("none.env").toString());
  }

  /** Starts the master with {@code masterEnv} (e.g. CONFLICT_RESOLUTION) and waits until it listens. */
  static World start(Path dir, Map<String, String> masterEnv) {
    World w = new World(dir, masterEnv);
    w.awaitMaster();
    return w;
  }

  void awaitMaster() {
    master.awaitLog(Pattern.compile("calsync master listening on http://127\\.0\\.0\\.1:" + port), PATIENCE);
    try {
      adminKey = Files.readString(data.resolve("admin.key")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Issues the agent's secret, writes its config (one ics source of "Team") and starts it. */
  CalsyncProcess addAgent(String agentId, Map<String, Object> sourceExtras) {
    Path folder = dir.resolve(agentId + "-calendar");
    mkdirs(folder);
    Map<String, Object> source = new LinkedHashMap<>(Map.of(
        "type", "ics", "name", "Team", "path", folder.toString(), "master_calendar", "Team",
        "allow_metadata_updates", true, "allow_event_updates", true));
    source.putAll(sourceExtras);
    folders.put(agentId, folder);
    return addAgentWithSource(agentId, source);
  }

  /** Like {@link #addAgent} with a source of any type, e.g. a CalDAV calendar. */
  CalsyncProcess addAgentWithSource(String agentId, Map<String, Object> source) {
    String secret = admin("agent-secret", "issue", agentId).strip();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("agent_id", agentId);
    config.put("agent_name", "E2E " + agentId);
    config.put("environment", "loopback");
    config.put("central_api_url", "http://127.0.0.1:" + port);
    config.put("agent_secret", secret);
    config.put("sync_interval_minutes", 30);
    config.put("heartbeat_seconds", 2);
    config.put("enable_bidirectional_sync", true);
    config.put("max_retry_attempts", 5);
    config.put("batch_size", 25);
    config.put("calendar_sources", List.of(source));
    Path configFile = dir.resolve(agentId + ".json");
    try {
      Files.writeString(configFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CalsyncProcess agent = CalsyncProcess.start(agentId, dir, Map.of(), "agent", "--config", configFile.toString());
    agents.put(agentId, agent);
    agent.awaitLog(Pattern.compile("Bidirectional sync enabled"), PATIENCE);
    await(agentId + " announced its source to the master", PATIENCE, x -> holds(agentId));
    return agent;
  }

  /** Runs {@code calsync admin ARGS --data-dir DATA} to completion; returns its stdout. */
  String admin(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--data-dir", data.toString()));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-jar", CalsyncProcess.jar().toString(), "admin"));
    command.addAll(all);
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as("calsync admin " + String.join(" ", args)).isZero();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- the API as an administrator

  JsonNode api(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("X-API-Key", adminKey)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A PUT as a CalDAV client sends it (HTTP Basic, the admin key as password, If-None-Match: *); returns the status. */
  int caldavPut(String path, String ics) {
    String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + adminKey).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
        .header("Content-Type", "text/calendar; charset=utf-8").header("If-None-Match", "*")
        .PUT(HttpRequest.BodyPublishers.ofString(ics)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the master maps one of its calendars to a source of {@code agentId}. */
  private boolean holds(String agentId) {
    for (JsonNode c : api("GET", "/calendars", null).path("calendars")) {
      for (JsonNode copy : c.path("sources")) {
        if (agentId.equals(copy.path("agent_id").asText())) return true;
      }
    }
    return false;
  }

  String teamCalendarId() {
    for (JsonNode c : api("GET", "/calendars", null).path("calendars")) {
      if (c.path("name").asText().startsWith("Team")) return c.path("id").asText();
    }
    throw new AssertionError("no calendar 'Team' at the master: " + api("GET", "/calendars", null));
  }

  /** The master's live items of "Team": UID → ICS. */
  Map<String, String> masterItems() {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode i : api("GET", "/calendars/" + teamCalendarId() + "/items", null).path("items")) {
      if (!i.path("deleted").asBoolean()) out.put(i.path("uid").asText(), i.path("ics").asText());
    }
    return out;
  }

  // ---- local calendars

  /** Writes an event file {@code UID.ics} in the agent's folder (atomically, as an editor saving would). */
  void writeEvent(String agentId, String uid, String summary, String lastModified) {
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync e2e//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
        + "\r\nDTSTAMP:20260101T000000Z\r\n"
        + (lastModified == null ? "" : "LAST-MODIFIED:" + lastModified + "\r\n")
        + "DTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\nSUMMARY:" + summary
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    Path folder = folders.get(agentId);
    Path existing = fileOf(agentId, uid);
    Path target = existing != null ? existing : folder.resolve(uid + ".ics");
    Path tmp = folder.resolve("." + uid + ".tmp");
    try {
      Files.writeString(tmp, ics);
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void deleteEvent(String agentId, String uid) {
    try {
      Files.delete(fileOf(agentId, uid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The agent's local events: UID → file text (every .ics file counted, so duplicates show). */
  List<Map.Entry<String, String>> localEvents(String agentId) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(folders.get(agentId))) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ics")).sorted().toList()) {
        String text;
        try {
          text = Files.readString(f);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue;
        }
        var m = Pattern.compile("(?m)^UID:(.+?)\\r?$").matcher(text);
        out.add(Map.entry(m.find() ? m.group(1) : "?", text));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  Map<String, String> localByUid(String agentId) {
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : localEvents(agentId)) out.put(e.getKey(), e.getValue());
    return out;
  }

  Path fileOf(String agentId, String uid) {
    try (Stream<Path> files = Files.list(folders.get(agentId))) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".ics")).toList()) {
        if (Files.readString(f).contains("UID:" + uid + "\r\n") || Files.readString(f).contains("UID:" + uid + "\n")) return f;
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String metadataFile(String agentId, String name) {
    Path f = folders.get(agentId).resolve(name);
    try {
      return Files.exists(f) ? Files.readString(f).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code condition} holds, re-checking every 50 ms; returns the milliseconds it took. */
  static long await(String what, Duration timeout, Predicate<Void> condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      if (condition.test(null)) return (System.nanoTime() - start) / 1_000_000;
      if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Every process's log tail, for a failure message. */
  String logs() {
    StringBuilder sb = new StringBuilder("---- master\n").append(master.tail());
    agents.forEach((id, p) -> sb.append("\n---- ").append(id).append('\n').append(p.tail()));
    return sb.toString();
  }

  @Override
  public void close() {
    agents.values().forEach(CalsyncProcess::stop);
    master.stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
