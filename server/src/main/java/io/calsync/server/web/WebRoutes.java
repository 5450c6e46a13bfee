package io.calsync.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The dashboard at {@code /} (and its parts under {@code /ui/}), server-rendered with htmx.
 *
 * <p>Every form works without JavaScript (a plain POST answers the whole page); with htmx, a form
 * or a poll swaps only its section. Changes need an admin session and the session's CSRF token;
 * a read-only API key sees everything and changes nothing.
 */
public final class WebRoutes {
  /** Short-lived on purpose: the session outlives neither idleness beyond this nor a master restart. */
  static final Duration SESSION_LIFETIME = Duration.ofMinutes(30);
  private static final String OPEN_USER = "open access";

  private final ConsoleBackend backend;
  private final SessionCodec codec;
  private final SessionCookies cookies;
  private final DashboardReader reader;
  private final Templates templates = new Templates();
  private final StaticAssets assets = new StaticAssets();

  public WebRoutes(ConsoleBackend backend, Clock clock) {
    this.backend = backend;
    this.codec = new SessionCodec(clock, SESSION_LIFETIME);
    this.cookies = new SessionCookies(codec);
    this.reader = new DashboardReader(backend);
  }

  public void register(JavalinConfig cfg) {
    var r = cfg.routes;
    assets.register(cfg);
    r.before("/", WebRoutes::pageHeaders);
    r.before("/login", WebRoutes::pageHeaders);
    r.before("/ui/sections/*", WebRoutes::pageHeaders);

    r.get("/", this::dashboard);
    r.get("/login", this::loginPage);
    r.post("/login", this::login);
    r.post("/logout", this::logout);
    r.get("/ui/sections/{section}", this::section);

    r.post("/ui/calendars/{calendar_id}", ctx -> change(ctx, "calendars", () -> renameOrRecolor(ctx)));
    r.post("/ui/queues/cleanup", ctx -> change(ctx, "queues",
        () -> "purged " + Format.count(backend.cleanupQueues(), "finished update")));
    r.post("/ui/queues/{agent_id}/dead/{update_id}/retry", ctx -> change(ctx, "queues", () -> {
      backend.retryDeadLetter(ctx.pathParam("agent_id"), ctx.pathParam("update_id"));
      return "update " + ctx.pathParam("update_id") + " is pending again";
    }));
    r.post("/ui/queues/{agent_id}/dead/{update_id}/discard", ctx -> change(ctx, "queues", () -> {
      backend.discardDeadLetter(ctx.pathParam("agent_id"), ctx.pathParam("update_id"));
      return "update " + ctx.pathParam("update_id") + " was purged from the dead letters";
    }));
    r.post("/ui/conflicts/{conflict_id}/resolve", ctx -> change(ctx, "conflicts", () -> {
      String resolution = ctx.formParam("resolution");
      backend.resolveConflict(ctx.pathParam("conflict_id"), resolution);
      return "conflict resolved: " + ("source_wins".equals(resolution) ? "the incoming version" : "the master version")
          + " is kept and goes to every agent";
    }));
  }

  // ---- pages -------------------------------------------------------------------------------

  private void dashboard(Context ctx) {
    Optional<Session> s = signedIn(ctx);
    if (s.isEmpty()) {
      ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    templates.respond(ctx, "dashboard.jte", Map.of("d", reader.all(viewer(s.get()), null)));
  }

  private void section(Context ctx) {
    String section = ctx.pathParam("section");
    if (!DashboardReader.SECTIONS.contains(section)) {
      ctx.status(404).html("<p>No such section.</p>");
      return;
    }
    Optional<Session> s = signedIn(ctx);
    if (s.isEmpty()) {
      signInAgain(ctx);
      return;
    }
    templates.respond(ctx, "section/" + section + ".jte", Map.of("d", reader.section(viewer(s.get()), section, null)));
  }

  private void loginPage(Context ctx) {
    if (!backend.authEnabled()) {
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    showLogin(ctx, null);
  }

  private void showLogin(Context ctx, String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("csrfToken", codec.csrfToken(cookies.loginNonce(ctx)));
    params.put("error", error);
    templates.respond(ctx, "login.jte", params);
  }

  private void login(Context ctx) {
    if (!backend.authEnabled()) {
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    if (!cookies.loginTokenMatches(ctx, ctx.formParam("_csrf"))) {
      ctx.status(403);
      showLogin(ctx, "the form had expired; please try again.");
      return;
    }
    String key = ctx.formParam("key");
    Optional<ConsoleBackend.SignIn> who = key == null || key.isBlank() ? Optional.empty() : backend.signIn(key.strip());
    if (who.isEmpty()) {
      // the same answer for every refusal, and the key is neither logged nor echoed into the form
      ctx.status(401);
      showLogin(ctx, "that is not a valid admin key or API key.");
      return;
    }
    cookies.store(ctx, codec.open(who.get().name(), who.get().role()));
    ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Optional<Session> s = cookies.session(ctx);
    if (s.isPresent() && !codec.csrfMatches(s.get(), ctx.formParam("_csrf"))) {
      ctx.status(403).html("<p>The form had expired. <a href=\"/\">Back to the dashboard</a></p>");
      return;
    }
    cookies.clear(ctx);
    ctx.redirect(backend.authEnabled() ? "/login" : "/", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- changes -----------------------------------------------------------------------------

  /**
   * Runs one change for an admin session with a valid CSRF token, then answers the section (htmx)
   * or the whole page (a plain form post) with the outcome at the top of the section.
   */
  private void change(Context ctx, String section, Supplier<String> action) {
    Optional<Session> s = signedIn(ctx);
    if (s.isEmpty()) {
      signInAgain(ctx);
      return;
    }
    Session session = s.get();
    Flash flash;
    if (!codec.csrfMatches(session, ctx.formParam("_csrf"))) {
      ctx.status(403);
      flash = new Flash(section, "the form had expired (reload the page and try again)", false);
    } else if (!session.mayChange()) {
      ctx.status(403);
      flash = new Flash(section, "you are signed in with a read-only key", false);
    } else {
      backend.attribute(ctx, new ConsoleBackend.SignIn(session.user(), session.role()));
      try {
        flash = new Flash(section, action.get(), true);
      } catch (ActionRefused e) {
        flash = new Flash(section, e.getMessage(), false);
        // htmx swaps only 2xx answers: the section with the refusal in it must arrive as one
        if (!isHtmx(ctx)) ctx.status(e.status());
      }
    }
    if (isHtmx(ctx)) {
      if (ctx.statusCode() == 403) ctx.status(200); // same reason: show the refusal in place
      templates.respond(ctx, "section/" + section + ".jte", Map.of("d", reader.section(viewer(session), section, flash)));
    } else {
      templates.respond(ctx, "dashboard.jte", Map.of("d", reader.all(viewer(session), flash)));
    }
  }

  /** Sends only what changed, so a rename does not also set a colour the calendar never had. */
  private String renameOrRecolor(Context ctx) {
    String id = ctx.pathParam("calendar_id");
    String name = blankToNull(ctx.formParam("name"));
    if (name == null) throw new ActionRefused(400, "the name must not be empty");
    String color = blankToNull(ctx.formParam("color"));
    ConsoleBackend.CalendarRow current = backend.calendars().stream().filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow(() -> new ActionRefused(404, "there is no calendar '" + id + "' any more"));
    String newName = name != null && !name.equals(current.name()) ? name : null;
    // the picker shows a stand-in for a calendar without a (#RRGGBB) colour: leaving it untouched changes nothing
    String shownBefore = Format.pickerColor(current.color());
    String newColor = color != null && !color.equalsIgnoreCase(shownBefore) ? color : null;
    if (newName == null && newColor == null) return "nothing to change for " + current.name();
    int queued = backend.updateCalendar(id, newName, newColor);
    return (newName != null ? "renamed to " + newName : "recolored " + current.name()) + "; "
        + Format.count(queued, "update") + " queued for the agents";
  }

  // ---- sessions ----------------------------------------------------------------------------

  /**
   * The request's session, renewed when half spent. With authentication off there is nobody to
   * sign in, but a session is still opened: its CSRF token protects the forms all the same.
   */
  private Optional<Session> signedIn(Context ctx) {
    Optional<Session> s = cookies.session(ctx);
    if (s.isEmpty() && !backend.authEnabled()) {
      Session open = codec.open(OPEN_USER, ConsoleBackend.Role.ADMIN);
      cookies.store(ctx, open);
      return Optional.of(open);
    }
    if (s.isPresent() && codec.halfSpent(s.get())) {
      Session renewed = codec.renewed(s.get());
      cookies.store(ctx, renewed);
      return Optional.of(renewed);
    }
    return s;
  }

  private Viewer viewer(Session s) {
    return new Viewer(backend.authEnabled() ? s.user() : null, s.mayChange(), codec.csrfToken(s));
  }

  /** An expired session: htmx follows {@code HX-Redirect}; a plain request is redirected. */
  private static void signInAgain(Context ctx) {
    if (isHtmx(ctx)) {
      ctx.header("HX-Redirect", "/login");
      ctx.status(401).html("");
    } else {
      ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }
  }

  private static boolean isHtmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * Pages are never cached (they hold CSRF tokens) nor framed (clickjacking); scripts and styles
   * come only from the master itself.
   */
  private static void pageHeaders(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  }
}
