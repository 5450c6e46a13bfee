package io.calsync.server;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.AgentStatusView;
import io.calsync.protocol.CalendarMetadataPush;
import io.calsync.protocol.CalendarRequest;
import io.calsync.protocol.DirectUpdateRequest;
import io.calsync.protocol.HeartbeatRequest;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.PendingUpdates;
import io.calsync.protocol.ProtocolVersion;
import io.calsync.protocol.SyncConfigPush;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.StoreException;
import io.calsync.server.store.UpdateQueue;
import io.calsync.server.store.UpdateQueue.Update;
import io.calsync.server.store.UpdateState;
import io.calsync.server.web.WebRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's HTTP API: thin handlers that check access, parse, call a service and answer JSON.
 * Errors are RFC 9457 problem details, mapped once in {@link #exceptions}.
 */
final class ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
  static final int MAX_WAIT_SECONDS = 60;

  private final ServerConfig config;
  private final SyncService sync;
  private final ItemService items;
  private final ConflictService conflicts;
  private final QueueService queues;
  private final UpdateQueue queue;
  private final ActivityLog activity;
  private final Auth auth;
  private final ObjectMapper json;
  private final Clock clock;
  private final Instant startedAt;
  private final RateLimiter limiter = new RateLimiter();
  private final DestinationStatus destination;

  /** @param destination the destination sync's status, or null when no destination is configured */
  ApiRoutes(ServerConfig config, SyncService sync, ItemService items, ConflictService conflicts, QueueService queues,
      UpdateQueue queue, ActivityLog activity, Auth auth, ObjectMapper json, Clock clock,
      DestinationStatus destination) {
    this.destination = destination;
    this.config = config;
    this.sync = sync;
    this.items = items;
    this.conflicts = conflicts;
    this.queues = queues;
    this.queue = queue;
    this.activity = activity;
    this.auth = auth;
    this.json = json;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  void register(JavalinConfig cfg) {
    var r = cfg.routes;
    r.before(this::cors);
    r.before(this::limits);
    r.after(this::audit);
    exceptions(cfg);

    r.get("/health", this::health);
    r.get("/openapi.json", this::openapi);

    r.get("/calendars", ctx -> { auth.requireAdminRead(ctx); ctx.json(Map.of("calendars", sync.listCalendars())); });
    r.post("/calendars", ctx -> {
      auth.requireAdmin(ctx);
      var created = sync.createCalendar(body(ctx, CalendarRequest.class));
      ctx.status(201).json(withPush(Map.of("calendar", created.calendar()), created.push()));
    });
    r.put("/calendars/{calendar_id}", ctx -> {
      auth.requireAdmin(ctx);
      var changed = sync.updateCalendar(id(ctx, "calendar_id"), body(ctx, CalendarRequest.class));
      ctx.json(withPush(Map.of("calendar", changed.calendar()), changed.push()));
    });
    r.delete("/calendars/{calendar_id}", ctx -> {
      auth.requireAdmin(ctx);
      boolean propagate = bool(ctx, "propagate");
      var deleted = sync.deleteCalendar(id(ctx, "calendar_id"), propagate);
      ctx.json(withPush(Map.of("calendar_id", deleted.calendarId(), "deleted", true), deleted.push()));
    });

    r.get("/calendars/{calendar_id}/items", ctx -> {
      auth.requireAdminRead(ctx);
      String calendarId = id(ctx, "calendar_id");
      long since = since(ctx);
      int limit = pageLimit(ctx);
      sync.requireCalendar(calendarId);
      var page = items.changesSince(calendarId, since, limit);
      ctx.json(Map.of("calendar_id", calendarId, "token", page.token(), "more", page.more(),
          "items", page.items().stream().map(ItemService::wire).toList()));
    });

    r.post("/sync/push/calendar-metadata", ctx -> {
      auth.requireAdmin(ctx);
      ctx.json(sync.pushCalendarMetadata(body(ctx, CalendarMetadataPush.class)));
    });
    r.post("/sync/push/sync-config", ctx -> {
      auth.requireAdmin(ctx);
      ctx.json(sync.pushSyncConfig(body(ctx, SyncConfigPush.class)));
    });

    r.get("/sync/agents/status", ctx -> {
      auth.requireAdminRead(ctx);
      Map<String, Object> map = new LinkedHashMap<>();
      List<AgentStatusView> all = sync.statuses();
      all.forEach(a -> map.put(a.agentId(), a));
      ctx.json(Map.of("agent_status", map, "total_agents", all.size(),
          "active_agents", all.stream().filter(a -> a.status().equals("active")).count()));
    });
    r.post("/sync/agents/{agent_id}/receive-updates", ctx -> {
      auth.requireAdmin(ctx);
      String agentId = id(ctx, "agent_id");
      ctx.status(201).json(sync.direct(agentId, body(ctx, DirectUpdateRequest.class)));
    });
    r.get("/sync/agents/{agent_id}/pending-updates", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdminToTakeUpdates(ctx, agentId);
      Duration wait = waitParam(ctx);
      sync.requireAgent(agentId);
      var updates = config.bidirectionalSync() ? queues.pending(agentId, wait) : List.<io.calsync.protocol.QueuedUpdate>of();
      ctx.json(new PendingUpdates(agentId, updates));
    });
    r.post("/sync/agents/{agent_id}/updates/{update_id}/processed", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdmin(ctx, agentId);
      String updateId = id(ctx, "update_id");
      AckRequest ack = bodyOrNull(ctx, AckRequest.class);
      sync.requireAgent(agentId);
      ctx.json(queues.ack(agentId, updateId, ack == null ? new AckRequest(true, null, null) : ack));
    });
    r.post("/sync/agents/{agent_id}/items", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdmin(ctx, agentId);
      byte[] bytes = RequestBodies.decoded(ctx.bodyAsBytes(), ctx.header("Content-Encoding"), config.maxRequestBytes());
      ItemUpload upload = parse(bytes, ItemUpload.class);
      if (upload == null) throw ApiException.badRequest(null, "a JSON object body is required");
      sync.requireAgent(agentId);
      ctx.json(items.upload(agentId, upload));
    });
    r.get("/sync/agents/{agent_id}/items", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdmin(ctx, agentId);
      long since = since(ctx);
      int limit = pageLimit(ctx);
      sync.requireAgent(agentId);
      ctx.json(items.listing(agentId, ctx.queryParam("source_name"), since, limit));
    });
    r.post("/sync/agents/{agent_id}/heartbeat", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdmin(ctx, agentId);
      HeartbeatRequest hb = bodyOrNull(ctx, HeartbeatRequest.class);
      ctx.json(sync.heartbeat(agentId, hb));
    });
    r.get("/sync/agents/{agent_id}/status", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdmin(ctx, agentId);
      ctx.json(sync.status(agentId));
    });
    r.get("/sync/agents/{agent_id}/history", ctx -> {
      String agentId = id(ctx, "agent_id");
      auth.requireAgentOrAdmin(ctx, agentId);
      sync.requireAgent(agentId);
      int limit = limit(ctx);
      ctx.json(Map.of("agent_id", agentId,
          "updates", queue.history(agentId, limit).stream().map(this::adminView).toList(),
          "activity", activity.forAgent(agentId, limit).stream().map(ApiRoutes::activityView).toList()));
    });

    r.get("/sync/queues/status", ctx -> {
      auth.requireAdminRead(ctx);
      Map<String, Integer> open = queue.countOpenByAgent();
      Map<String, Object> perAgent = new LinkedHashMap<>();
      sync.statuses().forEach(a -> perAgent.put(a.agentId(), Map.of("pending_updates", open.getOrDefault(a.agentId(), 0))));
      ctx.json(Map.of("queues", perAgent, "totals", totals()));
    });
    r.get("/sync/queues/stats", ctx -> {
      auth.requireAdminRead(ctx);
      ctx.json(Map.of("by_state", totals(),
          "dead_letters", queue.inState(UpdateState.DEAD, limit(ctx)).stream().map(this::adminView).toList(),
          "max_retry_attempts", config.maxRetryAttempts(),
          "retention_days", config.retentionDays()));
    });
    r.post("/sync/queues/cleanup", ctx -> {
      auth.requireAdmin(ctx);
      Instant cutoff = queues.cleanupCutoff();
      int purged = queues.cleanup();
      ctx.json(Map.of("status", "ok", "purged", purged, "retention_days", config.retentionDays(), "cutoff", cutoff.toString()));
    });
    r.post("/sync/queues/{agent_id}/dead/{update_id}/retry", ctx -> {
      auth.requireAdmin(ctx);
      String agentId = id(ctx, "agent_id");
      sync.requireAgent(agentId);
      Update u = queues.retryDead(agentId, id(ctx, "update_id"));
      ctx.json(Map.of("status", "requeued", "update", adminView(u)));
    });
    r.post("/sync/queues/{agent_id}/dead/{update_id}/discard", ctx -> {
      auth.requireAdmin(ctx);
      String agentId = id(ctx, "agent_id");
      sync.requireAgent(agentId);
      Update u = queues.discardDead(agentId, id(ctx, "update_id"));
      ctx.json(Map.of("status", "discarded", "update", adminView(u)));
    });

    r.get("/sync/activity/recent", ctx -> {
      auth.requireAdminRead(ctx);
      ctx.json(Map.of("activity", activity.recent(limit(ctx)).stream().map(ApiRoutes::activityView).toList()));
    });
    r.get("/sync/destination/status", ctx -> {
      auth.requireAdminRead(ctx);
      ctx.json(destination == null ? DestinationStatus.notConfigured() : destination.details());
    });
    r.get("/sync/conflicts/recent", ctx -> {
      auth.requireAdminRead(ctx);
      ctx.json(Map.of("conflicts", conflicts.recent(limit(ctx))));
    });
    r.get("/sync/conflicts/{conflict_id}", ctx -> {
      auth.requireAdminRead(ctx);
      ctx.json(conflicts.get(id(ctx, "conflict_id")));
    });
    r.post("/sync/conflicts/{conflict_id}/resolve", ctx -> {
      auth.requireAdmin(ctx);
      var resolved = conflicts.resolve(id(ctx, "conflict_id"), body(ctx, ConflictResolveRequest.class));
      ctx.json(Map.of("conflict", resolved.conflict(), "version", resolved.version(),
          "updates_queued", resolved.updatesQueued()));
    });

    // /admin (credentials): AdminRoutes
  }

  // ---- handlers ----------------------------------------------------------------------------

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "healthy");
    body.put("version", MasterServer.VERSION);
    body.put("protocol_version", ProtocolVersion.CURRENT);
    body.put("started_at", startedAt.toString());
    body.put("uptime_seconds", Duration.between(startedAt, clock.instant()).toSeconds());
    body.put("bidirectional_sync", Map.of("enabled", config.bidirectionalSync()));
    body.put("conflict_resolution", config.conflictResolution().configName());
    body.put("auth_enabled", config.authEnabled());
    body.put("queue", totals());
    body.put("destination", destination == null ? DestinationStatus.notConfigured() : destination.summary());
    ctx.json(body);
  }

  private void openapi(Context ctx) throws IOException {
    try (InputStream in = ApiRoutes.class.getResourceAsStream("/openapi.json")) {
      if (in == null) throw ApiException.notFound("openapi.json is missing from this build");
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  private Map<String, Object> totals() {
    Map<String, Object> out = new LinkedHashMap<>();
    int total = 0;
    for (var e : queue.countByState().entrySet()) {
      out.put(e.getKey().wireName(), e.getValue());
      total += e.getValue();
    }
    out.put("total", total);
    return out;
  }

  private Map<String, Object> adminView(Update u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("agent_id", u.agentId());
    m.put("type", u.type());
    m.put("data", queues.read(u.payloadJson()));
    m.put("state", u.state().wireName());
    m.put("created_at", u.createdAt());
    m.put("attempts", u.attempts());
    m.put("deliveries", u.deliveries());
    m.put("next_attempt_at", u.nextAttemptAt());
    m.put("delivered_at", u.deliveredAt());
    m.put("processed_at", u.processedAt());
    m.put("result", u.result());
    return m;
  }

  private static Map<String, Object> activityView(ActivityLog.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at());
    m.put("kind", e.kind());
    m.put("agent_id", e.agentId());
    m.put("calendar_id", e.calendarId());
    m.put("update_id", e.updateId());
    m.put("message", e.message());
    return m;
  }

  private static Map<String, Object> withPush(Map<String, Object> base, io.calsync.protocol.PushResult push) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put("updates_queued", push.updatesQueued());
    m.put("agents", push.agents());
    m.put("update_ids", push.updateIds());
    if (!"queued".equals(push.status())) m.put("status", push.status());
    return m;
  }

  // ---- input -------------------------------------------------------------------------------

  private static String id(Context ctx, String param) {
    return SyncService.checkId(param, ctx.pathParam(param));
  }

  private static Duration waitParam(Context ctx) {
    String raw = ctx.queryParam("wait");
    if (raw == null || raw.isBlank()) return Duration.ZERO;
    try {
      double seconds = Double.parseDouble(raw);
      if (seconds < 0 || Double.isNaN(seconds)) throw new NumberFormatException();
      return Duration.ofMillis((long) (Math.min(seconds, MAX_WAIT_SECONDS) * 1000));
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("wait", "wait must be a number of seconds from 0 to " + MAX_WAIT_SECONDS);
    }
  }

  private static int limit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null || raw.isBlank()) return 100;
    try {
      int n = Integer.parseInt(raw);
      if (n < 1 || n > 1000) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit", "limit must be a whole number from 1 to 1000");
    }
  }

  /** {@code since}: a token from an earlier listing, 0 or absent for every live item. */
  private static long since(Context ctx) {
    String raw = ctx.queryParam("since");
    if (raw == null || raw.isBlank()) return 0;
    try {
      long n = Long.parseLong(raw.strip());
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("since", "since must be a token from an earlier listing (a whole number, 0 or more)");
    }
  }

  private static int pageLimit(Context ctx) {
    String raw = ctx.queryParam("limit");
    if (raw == null || raw.isBlank()) return ItemService.DEFAULT_PAGE;
    try {
      int n = Integer.parseInt(raw.strip());
      if (n < 1 || n > ItemService.MAX_PAGE) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + ItemService.MAX_PAGE);
    }
  }

  private static boolean bool(Context ctx, String param) {
    String raw = ctx.queryParam(param);
    if (raw == null || raw.isBlank()) return false;
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badRequest(param, param + " must be true or false");
    };
  }

  private <T> T body(Context ctx, Class<T> type) {
    T value = bodyOrNull(ctx, type);
    if (value == null) throw ApiException.badRequest(null, "a JSON object body is required");
    return value;
  }

  /** Parses the body; an empty body is null. Malformed JSON is a 400 naming the field. */
  private <T> T bodyOrNull(Context ctx, Class<T> type) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > config.maxRequestBytes()) throw tooLarge();
    return parse(bytes, type);
  }

  /** Parses a JSON body; blank is null. Malformed JSON is a 400 naming the field. */
  private <T> T parse(byte[] bytes, Class<T> type) {
    if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) return null;
    try {
      return json.readValue(bytes, type);
    } catch (JsonParseException e) {
      String field = e.getProcessor() instanceof JsonParser p ? contextPath(p.getParsingContext()) : null;
      var loc = e.getLocation();
      throw ApiException.badRequest(field, "malformed JSON" + (field != null ? " in field '" + field + "'" : "")
          + (loc != null ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "") + ": "
          + firstLine(e.getOriginalMessage()));
    } catch (JsonMappingException e) {
      String field = path(e);
      if (e.getCause() instanceof JsonParseException pe) {
        String inner = pe.getProcessor() instanceof JsonParser p ? contextPath(p.getParsingContext()) : null;
        if (inner != null) field = inner;
        throw ApiException.badRequest(field, "malformed JSON" + (field != null ? " in field '" + field + "'" : "")
            + ": " + firstLine(pe.getOriginalMessage()));
      }
      throw ApiException.badRequest(field, (field == null ? "the body" : "field '" + field + "'")
          + " has the wrong type or value: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw ApiException.badRequest(null, "cannot read the body: " + e.getMessage());
    }
  }

  /** The dotted path of the parser's position, e.g. {@code changes.name} or {@code calendar_sources[0].name}. */
  private static String contextPath(JsonStreamContext ctx) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) parts.addFirst("." + c.getCurrentName());
      else if (c.inArray()) parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
    }
    String joined = String.join("", parts);
    return joined.isEmpty() ? null : joined.startsWith(".") ? joined.substring(1) : joined;
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? null : sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    int at = line.indexOf(" (for ");
    return SyncService.abbreviate(at > 0 ? line.substring(0, at) : line);
  }

  private ApiException tooLarge() {
    return new ApiException(413, "Content Too Large",
        "the body is larger than MAX_REQUEST_BYTES (" + config.maxRequestBytes() + " bytes)", null);
  }

  // ---- filters -----------------------------------------------------------------------------

  private void cors(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || config.corsOrigins().isEmpty()) return;
    boolean any = config.corsOrigins().contains("*");
    if (any || config.corsOrigins().contains(origin)) {
      ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
      ctx.header("Vary", "Origin");
      ctx.header("Access-Control-Allow-Headers", "Content-Type, Authorization, X-API-Key");
      ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    }
  }

  private void limits(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > config.maxRequestBytes()) throw tooLarge();
      } catch (NumberFormatException ignored) {
        // Jetty rejects a malformed Content-Length itself
      }
    }
    String path = ctx.path();
    if (!isRateLimitedApi(path)) return;
    long now = clock.millis();
    boolean agentTraffic = path.startsWith("/sync/agents/") && !path.equals("/sync/agents/status");
    String key;
    int perMinute;
    if (agentTraffic) {
      String rest = path.substring("/sync/agents/".length());
      key = "agent:" + (rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
      perMinute = config.rateLimitAgentsPerMinute();
    } else {
      key = "ip:" + ctx.ip();
      perMinute = config.rateLimitRequestsPerMinute();
    }
    if (!limiter.tryAcquire(key, perMinute, now)) {
      ctx.header("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(now)));
      throw new ApiException(429, "Too Many Requests", "more than " + perMinute + " requests a minute"
          + (agentTraffic ? " for this agent (RATE_LIMIT_AGENTS_PER_MINUTE)" : " from this address (RATE_LIMIT_REQUESTS_PER_MINUTE)"), null);
    }
  }

  /**
   * The REST API and the dashboard's login form (key guessing) are rate limited; calendar clients
   * (/dav/, /feeds/) and the signed-in dashboard are not: a calendar app's first sync or a
   * dashboard tab makes hundreds of requests a minute by design, and they carry credentials like
   * any other caller.
   */
  static boolean isRateLimitedApi(String path) {
    return path.startsWith("/sync/") || path.startsWith("/calendars") || path.startsWith("/admin/")
        || path.equals("/login");
  }

  /**
   * Heartbeats and acks are not audited: they arrive every few seconds from every agent (a
   * thousand agents would add millions of rows a day), change nothing an auditor asks about, and
   * are on record anyway as the agent's {@code last_check_in} and each update's state and history.
   */
  static boolean isRoutineAgentTraffic(String path) {
    return path.startsWith("/sync/agents/") && (path.endsWith("/heartbeat") || path.endsWith("/processed"));
  }

  private void audit(Context ctx) {
    if (!config.auditLogging()) return;
    String method = ctx.method().name();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
    if (isRoutineAgentTraffic(ctx.path())) return;
    Object p = ctx.attribute(Auth.ATTRIBUTE);
    String actor = p instanceof Auth.Principal principal ? principal.name() : (config.authEnabled() ? "anonymous" : "open");
    try {
      activity.audit(clock.instant(), actor, method, ctx.path(), ctx.statusCode(), ctx.ip());
    } catch (RuntimeException e) {
      log.warn("audit write failed: {}", e.getMessage());
    }
  }

  private void exceptions(JavalinConfig cfg) {
    cfg.routes.exception(ApiException.class, (e, ctx) -> problem(ctx, e.status(), e.title(), e.getMessage(), e.field()));
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      problem(ctx, status, title(status), e.getMessage(), null);
    });
    cfg.routes.exception(StoreException.class, (e, ctx) -> {
      log.error("store failure on {} {}", ctx.method(), ctx.path(), e);
      problem(ctx, 503, "Service Unavailable", "the master store is unavailable: " + e.getMessage(), null);
    });
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
      problem(ctx, 500, "Internal Server Error", "unexpected error; see the master log", null);
    });
    cfg.routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        problem(ctx, 404, "Not Found", "no endpoint " + ctx.method() + " " + ctx.path() + " (see /openapi.json)", null);
      }
    });
  }

  private void problem(Context ctx, int status, String title, String detail, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    if (field != null) body.put("field", field);
    try {
      ctx.status(status).contentType("application/problem+json").result(json.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      ctx.status(status).result(detail);
    }
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Content Too Large";
      default -> status >= 500 ? "Server Error" : "Error";
    };
  }
}
