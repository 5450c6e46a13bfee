package io.calsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.server.MasterServer;
import io.calsync.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's master: {@code calsync server} on embedded defaults in this process, on 127.0.0.1,
 * authentication off (a demo on one's own machine), spoken to over real HTTP like any client.
 */
final class DemoMaster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MasterServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private DemoMaster(MasterServer server) {
    this.server = server;
  }

  /** Starts on {@code port}, or on a free port when that one is taken. */
  static DemoMaster start(Path dataDir, int port) {
    try {
      return new DemoMaster(MasterServer.start(config(dataDir, port)));
    } catch (RuntimeException e) {
      if (port == 0 || !causedByBind(e)) throw e;
      return new DemoMaster(MasterServer.start(config(dataDir, 0)));
    }
  }

  private static ServerConfig config(Path dataDir, int port) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "API_PORT", Integer.toString(port), "BIND_ADDRESS", "127.0.0.1", "DATA_DIR", dataDir.toString(),
        "AUTH_ENABLED", "false", "SYNC_INTERVAL_MINUTES", "30"));
    // only these settings: a destination or keys in the user's environment are not the demo's
    return ServerConfig.load(settings, null);
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) return true;
    }
    return false;
  }

  int port() {
    return server.port();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  String calendarIdNamed(String name) {
    for (JsonNode c : get("/calendars").path("calendars")) {
      if (name.equals(c.path("name").asText())) return c.path("id").asText();
    }
    throw new IllegalStateException("the master has no calendar named '" + name + "'");
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(url().resolve(path)).GET());
  }

  JsonNode post(String path, String json) {
    return send(HttpRequest.newBuilder(url().resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  JsonNode put(String path, String json) {
    return send(HttpRequest.newBuilder(url().resolve(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) throw new IllegalStateException("the demo master answered " + r.statusCode() + ": " + r.body());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code path} answers {@code method} (a part of the master that this build serves). */
  private boolean serves(String method, String path) {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(10))
          .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What to open, one line each: the parts of the master this build serves. */
  List<String> addresses() {
    List<String> lines = new ArrayList<>();
    if (serves("GET", "/")) lines.add(url() + "/                     the dashboard");
    lines.add(url() + "/calendars            the consolidated calendars (REST API; /openapi.json)");
    lines.add(url() + "/sync/agents/status   the agents");
    if (serves("OPTIONS", "/dav/")) lines.add(url() + "/dav/                 CalDAV: add it as a CalDAV account in your calendar app");
    if (serves("GET", "/feeds/all.ics")) lines.add(url() + "/feeds/all.ics        an ICS subscription of every calendar");
    return lines;
  }

  @Override
  public void close() {
    server.close();
  }
}
