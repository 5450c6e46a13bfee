package io.calsync.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** A real master on a random loopback port with a temp DATA_DIR, and an HTTP client for it. */
final class TestMaster implements AutoCloseable {
  static final ObjectMapper JSON = ProtocolJson.mapper();

  /** A clock tests can move. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-15T10:00:00Z");

    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
    void advance(Duration d) { now = now.plus(d); }
  }

  record Response(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
    String text(String field) {
      return body.path(field).asText();
    }
  }

  final Path dataDir;
  final Map<String, String> env;
  final Clock clock;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  MasterServer server;
  String adminKey;

  private TestMaster(Path dataDir, Map<String, String> env, Clock clock) {
    this.dataDir = dataDir;
    this.env = env;
    this.clock = clock;
  }

  /** Auth disabled unless {@code overrides} says otherwise; generous rate limits. */
  static TestMaster start(Path dataDir, Map<String, String> overrides) {
    return start(dataDir, overrides, Clock.systemUTC());
  }

  static TestMaster start(Path dataDir, Map<String, String> overrides, Clock clock) {
    Map<String, String> env = new HashMap<>(Map.of(
        "API_PORT", "0", "BIND_ADDRESS", "127.0.0.1", "DATA_DIR", dataDir.toString(), "AUTH_ENABLED", "false",
        "RATE_LIMIT_REQUESTS_PER_MINUTE", "0", "RATE_LIMIT_AGENTS_PER_MINUTE", "0", "RETRY_BACKOFF_SECONDS", "0"));
    env.putAll(overrides);
    TestMaster m = new TestMaster(dataDir, env, clock);
    m.boot();
    return m;
  }

  private void boot() {
    server = MasterServer.start(ServerConfig.load(env, null), clock);
    Path key = dataDir.resolve("admin.key");
    try {
      adminKey = Files.exists(key) ? Files.readString(key).strip() : null;
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  /** Close and start again on the same DATA_DIR. */
  void restart() {
    server.close();
    boot();
  }

  Response get(String path) { return send("GET", path, null, adminKey); }
  Response post(String path, String body) { return send("POST", path, body, adminKey); }
  Response put(String path, String body) { return send("PUT", path, body, adminKey); }
  Response delete(String path) { return send("DELETE", path, null, adminKey); }

  Response send(String method, String path, String body, String credential) {
    return send(method, path, body, "X-API-Key", credential);
  }

  /** Sends {@code credential} in {@code header} as is (e.g. {@code Authorization}, {@code "Bearer " + jwt}). */
  Response send(String method, String path, String body, String header, String credential) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (credential != null) b.header(header, credential);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode node = r.body().isBlank() ? JSON.missingNode() : tryParse(r.body());
      return new Response(r.statusCode(), node, r.body(), r.headers());
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  private static JsonNode tryParse(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  /** Heartbeat announcing one source per name, all allowing metadata updates. */
  Response heartbeat(String agentId, String... sourceNames) {
    StringBuilder sources = new StringBuilder();
    for (String s : sourceNames) {
      if (!sources.isEmpty()) sources.append(',');
      sources.append("{\"type\":\"outlook\",\"name\":\"").append(s).append("\",\"calendar_name\":\"").append(s)
          .append("\",\"allow_metadata_updates\":true}");
    }
    return post("/sync/agents/" + agentId + "/heartbeat",
        "{\"agent_name\":\"" + agentId + " pc\",\"environment\":\"test\",\"calendar_sources\":[" + sources + "]}");
  }

  /** Heartbeat with the given {@code calendar_sources} JSON array. */
  Response heartbeatSources(String agentId, String sourcesJson) {
    Response r = post("/sync/agents/" + agentId + "/heartbeat", "{\"calendar_sources\":" + sourcesJson + "}");
    if (r.status() != 200) throw new AssertionError("heartbeat failed: " + r.raw());
    return r;
  }

  /** One source holding master calendar {@code master}, taking event updates. */
  static String source(String name, String master) {
    return "{\"type\":\"outlook\",\"name\":\"" + name + "\",\"calendar_id\":\"prov-" + name
        + "\",\"allow_event_updates\":true,\"master_calendar_id\":\"" + master + "\"}";
  }

  /** POST /sync/agents/{agent}/items with these changes (objects built by {@link #put}/{@link #del}). */
  Response upload(String agentId, String sourceName, String... changes) {
    try {
      return post("/sync/agents/" + agentId + "/items", "{\"source_name\":" + JSON.writeValueAsString(sourceName)
          + ",\"changes\":[" + String.join(",", changes) + "]}");
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  static String put(String uid, String ics, Long baseVersion) {
    var n = JSON.createObjectNode().put("uid", uid).put("action", "put").put("ics", ics);
    if (baseVersion != null) n.put("base_version", baseVersion);
    return n.toString();
  }

  static String del(String uid, Long baseVersion) {
    var n = JSON.createObjectNode().put("uid", uid).put("action", "delete");
    if (baseVersion != null) n.put("base_version", baseVersion);
    return n.toString();
  }

  /** The agent's due updates (marks them delivered). */
  JsonNode pending(String agentId) {
    return get("/sync/agents/" + agentId + "/pending-updates").body().path("updates");
  }

  /** Sends {@code body} gzip-compressed with {@code Content-Encoding: gzip}. */
  Response postGzip(String path, String body) {
    try {
      var bytes = new java.io.ByteArrayOutputStream();
      try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
        gz.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .header("Content-Encoding", "gzip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body().isBlank() ? JSON.missingNode() : tryParse(r.body()), r.body(),
          r.headers());
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
