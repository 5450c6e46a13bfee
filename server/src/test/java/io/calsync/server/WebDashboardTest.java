package io.calsync.server;

import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over plain HTTP: sessions, CSRF, roles and the actions' effect on the master. */
class WebDashboardTest {
  @TempDir Path dataDir;
  TestMaster master;
  WebSession web;

  private void start(Map<String, String> env) {
    master = TestMaster.start(dataDir, env);
    web = new WebSession(master.server.port());
    master.heartbeatSources("a1", "[" + holder("Work") + "]");
    master.heartbeatSources("a2", "[" + holder("Job") + "]");
  }

  /** An agent source holding master calendar "team" that takes renames. */
  static String holder(String sourceName) {
    return source(sourceName, "team").replace("}", ",\"allow_metadata_updates\":true}");
  }

  private void startWithAuth() {
    start(Map.of("AUTH_ENABLED", "true"));
  }

  @AfterEach
  void stop() {
    if (master != null) master.close();
  }

  @Test
  void withAuth_theDashboardSendsStrangersToTheLoginPage() {
    startWithAuth();
    var r = web.get("/");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).hasValue("/login");
    assertThat(web.htmxGet("/ui/sections/agents").headers().firstValue("HX-Redirect")).hasValue("/login");
  }

  @Test
  void wrongKey_isRefused_withoutASession_andWithoutEchoingTheKey() {
    startWithAuth();
    var r = web.signIn("csk_not-the-key");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("not a valid admin key or API key").doesNotContain("csk_not-the-key");
    assertThat(web.cookies).doesNotContainKey("calsync_session");
  }

  @Test
  void adminKey_opensAnHttpOnlyStrictSession_thatHoldsNotTheKey() {
    startWithAuth();
    var r = web.signIn(master.adminKey);
    assertThat(r.statusCode()).isEqualTo(303);
    String cookie = web.lastSetCookies.stream().filter(c -> c.startsWith("calsync_session=")).findFirst().orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String value = web.cookies.get("calsync_session");
    assertThat(value).doesNotContain(master.adminKey);
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(value.split("\\.")[0]))).doesNotContain(master.adminKey);
    var page = web.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-agent=\"a1\"", "data-agent=\"a2\"");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> v.contains("default-src 'self'"));
  }

  @Test
  void signOut_endsTheSession_andNeedsTheCsrfToken() {
    startWithAuth();
    web.signIn(master.adminKey);
    String token = WebSession.csrfIn(web.get("/").body());
    assertThat(web.post("/logout", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
    var r = web.post("/logout", Map.of("_csrf", token));
    assertThat(r.headers().firstValue("Location")).hasValue("/login");
    assertThat(web.cookies).doesNotContainKey("calsync_session");
    assertThat(web.get("/").statusCode()).isEqualTo(303);
  }

  @Test
  void agentSecret_cannotSignInToTheDashboard() {
    startWithAuth();
    String secret = master.post("/admin/agents/a1/secret", "").text("agent_secret");
    assertThat(secret).startsWith("csa_");
    assertThat(web.signIn(secret).statusCode()).isEqualTo(401);
  }

  @Test
  void loginForm_withoutItsCsrfToken_isRefused() {
    startWithAuth();
    web.get("/login");
    var r = web.post("/login", Map.of("_csrf", "forged", "key", master.adminKey));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(web.cookies).doesNotContainKey("calsync_session");
  }

  @Test
  void rename_withTheSessionsCsrfToken_queuesCalendarMetadataForEveryHolder() {
    startWithAuth();
    web.signIn(master.adminKey);
    String token = WebSession.csrfIn(web.get("/").body());
    var r = web.post("/ui/calendars/team", Map.of("_csrf", token, "name", "Team renamed", "color", "#3366cc"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("renamed to Team renamed", "2 updates queued");
    for (String agent : new String[] {"a1", "a2"}) {
      JsonNode updates = master.pending(agent);
      assertThat(updates).anySatisfy(u -> {
        assertThat(u.path("type").asText()).isEqualTo("calendar_metadata");
        assertThat(u.path("data").path("changes").path("name").asText()).isEqualTo("Team renamed");
        assertThat(u.path("data").path("changes").has("color")).as("an untouched picker sets no colour").isFalse();
      });
    }
  }

  @Test
  void post_withoutTheCsrfToken_changesNothing() {
    startWithAuth();
    web.signIn(master.adminKey);
    var r = web.post("/ui/calendars/team", Map.of("name", "Hijacked"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(master.get("/calendars").body().path("calendars").get(0).path("name").asText()).isNotEqualTo("Hijacked");
  }

  @Test
  void readOnlyKey_seesTheDashboard_withoutForms_andCannotPost() {
    startWithAuth();
    String readKey = master.post("/admin/api-keys", "{\"name\":\"viewer\",\"role\":\"read\"}").text("api_key");
    web.signIn(readKey);
    String page = web.get("/").body();
    assertThat(page).contains("(read only)", "data-calendar=\"team\"").doesNotContain("/ui/calendars/team");
    var r = web.post("/ui/calendars/team", Map.of("_csrf", WebSession.csrfIn(page), "name", "Nope"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("read-only key");
  }

  @Test
  void deadLetter_isListed_andPurgeRejectsItForGood() {
    start(Map.of("MAX_RETRY_ATTEMPTS", "1"));
    master.put("/calendars/team", "{\"name\":\"Renamed\"}");
    JsonNode update = master.pending("a1").get(0);
    master.post("/sync/agents/a1/updates/" + update.path("id").asText() + "/processed",
        "{\"success\":false,\"message\":\"calendar is read-only\"}");
    String page = web.get("/").body();
    assertThat(page).contains("a1: 0 pending updates, 1 dead letter", "calendar is read-only");

    String id = update.path("id").asText();
    var r = web.post("/ui/queues/a1/dead/" + id + "/discard", Map.of("_csrf", WebSession.csrfIn(page)));
    assertThat(r.body()).contains("was purged from the dead letters", "a1: 0 pending updates, 0 dead letters");
    JsonNode history = master.get("/sync/agents/a1/history").body().path("updates");
    assertThat(history).anySatisfy(u -> {
      assertThat(u.path("id").asText()).isEqualTo(id);
      assertThat(u.path("state").asText()).isEqualTo("rejected");
    });
  }

  @Test
  void withoutAuth_theDashboardIsOpen_butFormsStillNeedTheCsrfToken() {
    start(Map.of());
    HttpResponse<String> page = web.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("Sign out");
    assertThat(web.post("/ui/queues/cleanup", Map.of()).statusCode()).isEqualTo(403);
    assertThat(web.post("/ui/queues/cleanup", Map.of("_csrf", WebSession.csrfIn(page.body()))).body())
        .contains("purged 0 finished updates");
  }

  @Test
  void assets_areServedByTheMasterItself() {
    start(Map.of());
    var htmx = web.get("/ui/assets/htmx.min.js");
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/javascript"));
    assertThat(htmx.body()).contains("htmx");
    assertThat(web.get("/ui/assets/dashboard.css").statusCode()).isEqualTo(200);
    assertThat(web.get("/ui/assets/dashboard.js").statusCode()).isEqualTo(200);
  }
}
