package io.calsync.server.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.server.ApiException;
import io.calsync.server.Auth;
import io.calsync.server.ItemService;
import io.calsync.server.ServerConfig;
import io.calsync.server.dav.CalendarGrant;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.Transactions;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ICS subscription feeds: {@code /feeds/{calendar_id}.ics} and {@code /feeds/all.ics} with the
 * API's credentials (also HTTP Basic), {@code /feeds/t/{token}.ics} with a secret URL for clients
 * that cannot authenticate, and the admin's {@code /feeds/tokens} to issue, list and revoke those.
 * Conditional GETs ({@code If-None-Match}, {@code If-Modified-Since}) are answered 304.
 */
public final class FeedRoutes {
  /** The merged feed's name in the path; a calendar with this id is served only in the merged feed. */
  static final String ALL = "all";
  private static final String SUFFIX = ".ics";

  private final ServerConfig config;
  private final Auth auth;
  private final CalendarRepository calendars;
  private final FeedTokenStore tokens;
  private final FeedRenderer renderer;
  private final ObjectMapper json;
  private final Clock clock;

  public FeedRoutes(ServerConfig config, Auth auth, ItemService items, CalendarRepository calendars, Transactions tx,
      ObjectMapper json, Clock clock) {
    this.config = config;
    this.auth = auth;
    this.calendars = calendars;
    this.tokens = new FeedTokenStore(tx, json);
    this.renderer = new FeedRenderer(items);
    this.json = json;
    this.clock = clock;
  }

  public void register(JavalinConfig cfg) {
    var r = cfg.routes;
    r.get("/feeds/tokens", challenged(this::listTokens));
    r.post("/feeds/tokens", challenged(this::createToken));
    r.delete("/feeds/tokens/{token_id}", challenged(this::revokeToken));
    r.get("/feeds/t/{file}", this::secretFeed);
    r.get("/feeds/{file}", challenged(this::feed));
  }

  // ---- feeds -------------------------------------------------------------------------------

  private void feed(Context ctx) {
    CalendarGrant grant = grant(ctx);
    String id = feedName(ctx.pathParam("file"));
    if (id.equals(ALL)) {
      serve(ctx, grant.visible(calendars), false, "calsync");
      return;
    }
    if (!grant.sees(id)) throw ApiException.notFound("no calendar '" + id + "' for this credential");
    Calendar cal = calendars.find(id).orElseThrow(() -> ApiException.notFound("no calendar '" + id + "'"));
    serve(ctx, List.of(cal), false, cal.name());
  }

  /** Unknown and revoked tokens are alike 404: a secret URL that no longer works says nothing more. */
  private void secretFeed(Context ctx) {
    String secret = feedName(ctx.pathParam("file"));
    FeedToken token = tokens.findBySecret(secret)
        .orElseThrow(() -> ApiException.notFound("no feed at this address (revoked or mistyped)"));
    List<Calendar> covered = calendars.list().stream().filter(c -> token.covers(c.id())).toList();
    String name = token.name() != null ? token.name() : covered.size() == 1 ? covered.get(0).name() : "calsync";
    serve(ctx, covered, token.busyOnly(), name);
  }

  private void serve(Context ctx, List<Calendar> cals, boolean busyOnly, String name) {
    FeedRenderer.Feed feed = renderer.describe(cals, busyOnly);
    ctx.header("ETag", feed.etag());
    ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(feed.lastModified().atZone(ZoneOffset.UTC)));
    ctx.header("Cache-Control", "private, no-cache");
    if (notModified(ctx, feed)) {
      ctx.status(304);
      return;
    }
    ctx.contentType("text/calendar; charset=utf-8").result(renderer.render(feed, name).getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since (to the second). */
  private static boolean notModified(Context ctx, FeedRenderer.Feed feed) {
    String inm = ctx.header("If-None-Match");
    if (inm != null) {
      for (String tag : inm.split(",")) {
        String t = tag.strip();
        if (t.startsWith("W/")) t = t.substring(2);
        if (t.equals("*") || t.equals(feed.etag())) return true;
      }
      return false;
    }
    String ims = ctx.header("If-Modified-Since");
    if (ims == null) return false;
    try {
      Instant since = ZonedDateTime.parse(ims.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !feed.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
    } catch (DateTimeParseException e) {
      return false; // an unreadable date is ignored (RFC 9110)
    }
  }

  private static String feedName(String file) {
    if (!file.endsWith(SUFFIX) || file.length() == SUFFIX.length()) {
      throw ApiException.notFound("feeds end in .ics: /feeds/{calendar_id}.ics, /feeds/all.ics, /feeds/t/{token}.ics");
    }
    return file.substring(0, file.length() - SUFFIX.length());
  }

  // ---- tokens ------------------------------------------------------------------------------

  private void createToken(Context ctx) {
    requireAdmin(ctx);
    JsonNode body = body(ctx);
    JsonNode cals = body.get("calendars");
    boolean all;
    List<String> ids = new ArrayList<>();
    if (cals != null && cals.isTextual() && cals.asText().equals(ALL)) {
      all = true;
    } else if (cals != null && cals.isArray() && !cals.isEmpty()) {
      all = false;
      for (JsonNode n : cals) {
        if (!n.isTextual()) throw ApiException.badRequest("calendars", "calendars must be \"all\" or an array of calendar ids");
        String id = n.asText();
        if (calendars.find(id).isEmpty()) throw ApiException.badRequest("calendars", "no calendar '" + id + "'");
        if (!ids.contains(id)) ids.add(id);
      }
    } else {
      throw ApiException.badRequest("calendars", "calendars must be \"all\" or a non-empty array of calendar ids");
    }
    JsonNode busy = body.get("busy_only");
    if (busy != null && !busy.isBoolean() && !busy.isNull()) throw ApiException.badRequest("busy_only", "busy_only must be true or false");
    JsonNode name = body.get("name");
    if (name != null && !name.isTextual() && !name.isNull()) throw ApiException.badRequest("name", "name must be a string");
    if (name != null && name.isTextual() && name.asText().length() > 200) throw ApiException.badRequest("name", "name is longer than 200 characters");
    var issued = tokens.create(name == null || name.isNull() ? null : name.asText(), all, ids,
        busy != null && busy.asBoolean(), clock.instant());
    Map<String, Object> out = view(issued.token());
    String path = "/feeds/t/" + issued.secret() + SUFFIX;
    out.put("url", ctx.scheme() + "://" + ctx.host() + path);
    out.put("path", path);
    out.put("note", "the URL is shown once; it is stored hashed");
    ctx.status(201).json(out);
  }

  private void listTokens(Context ctx) {
    CalendarGrant grant = grant(ctx);
    if (!grant.all()) throw ApiException.forbidden("listing feed tokens needs an admin or read credential");
    ctx.json(Map.of("tokens", tokens.list().stream().map(FeedRoutes::view).toList()));
  }

  private void revokeToken(Context ctx) {
    requireAdmin(ctx);
    String id = ctx.pathParam("token_id");
    if (!tokens.delete(id)) throw ApiException.notFound("no feed token '" + id + "'");
    ctx.json(Map.of("id", id, "revoked", true));
  }

  private static Map<String, Object> view(FeedToken t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("calendars", t.all() ? ALL : t.calendarIds());
    m.put("busy_only", t.busyOnly());
    m.put("created_at", t.createdAt().toString());
    return m;
  }

  private JsonNode body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    try {
      JsonNode node = bytes.length == 0 ? null : json.readTree(bytes);
      if (node == null || !node.isObject()) throw ApiException.badRequest(null, "a JSON object body is required");
      return node;
    } catch (IOException e) {
      String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw ApiException.badRequest(null, "malformed JSON: " + why);
    }
  }

  // ---- access ------------------------------------------------------------------------------

  private CalendarGrant grant(Context ctx) {
    return CalendarGrant.of(auth.principal(ctx), config, calendars);
  }

  private void requireAdmin(Context ctx) {
    CalendarGrant grant = grant(ctx);
    if (!grant.all() || !grant.mayWrite()) throw ApiException.forbidden("feed tokens are issued and revoked by the admin");
  }

  /** A 401 tells webcal clients they may answer with Basic credentials. */
  private static Handler challenged(Handler h) {
    return ctx -> {
      try {
        h.handle(ctx);
      } catch (ApiException e) {
        if (e.status() == 401) ctx.header("WWW-Authenticate", "Basic realm=\"calsync\", charset=\"UTF-8\"");
        throw e;
      }
    };
  }
}
