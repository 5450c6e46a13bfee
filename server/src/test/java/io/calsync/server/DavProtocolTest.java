package io.calsync.server;

import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge cases of the master's CalDAV endpoint, over real HTTP. */
class DavProtocolTest {
  @TempDir Path dir;
  TestMaster master;
  DavClient dav;

  @BeforeEach
  void start() {
    // source_wins: the agents' version wins over a CalDAV client's concurrent edit
    master = TestMaster.start(dir, Map.of("AUTH_ENABLED", "true", "CONFLICT_RESOLUTION", "source_wins"));
    master.heartbeatSources("a1", "[" + source("Work", "team") + "]");
    master.heartbeatSources("a2", "[" + source("Home", "family") + "]");
    dav = new DavClient(master.server.port(), master.adminKey);
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private String event(String uid, String summary) {
    return TestIcs.event(uid, summary, "20260110T000000Z", 0);
  }

  @Test
  void wellKnownRedirectsToTheServiceRoot() {
    var r = dav.send("GET", "/.well-known/caldav", null);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/dav/");
  }

  @Test
  void optionsAdvertisesCalendarAccessWithoutLocking() {
    var r = dav.as(null).send("OPTIONS", "/dav/", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("DAV")).isEqualTo("1, 3, calendar-access");
    assertThat(r.header("Allow")).contains("PROPFIND", "REPORT", "PUT");
  }

  @Test
  void discoveryLeadsFromTheRootToThePrincipalAndTheHome() {
    var root = dav.propfind("/dav/", "0", "<D:current-user-principal/>");
    assertThat(root.status()).isEqualTo(207);
    assertThat(root.body()).contains("<D:href>/dav/principal/</D:href>");
    var principal = dav.propfind("/dav/principal/", "0", "<C:calendar-home-set/><D:displayname/>");
    assertThat(principal.body()).contains("<D:href>/dav/calendars/</D:href>");
  }

  @Test
  void propfindDepthOneOnTheHomeListsEveryCalendarWithItsProperties() {
    master.put("/calendars/team", "{\"color\":\"#ff0000\",\"description\":\"the team\"}");
    var r = dav.propfind("/dav/calendars/", "1", "<D:resourcetype/><D:displayname/><A:calendar-color/>"
        + "<C:calendar-description/><CS:getctag/><D:sync-token/><C:supported-calendar-component-set/>"
        + "<D:current-user-privilege-set/><D:unknown-prop/>");
    assertThat(r.status()).isEqualTo(207);
    assertThat(r.body()).contains("<D:href>/dav/calendars/team/</D:href>", "<D:href>/dav/calendars/family/</D:href>",
        "<C:calendar>", "<A:calendar-color>#ff0000</A:calendar-color>", "<C:calendar-description>the team<",
        "urn:calsync:sync:", "<C:comp name=\"VEVENT\">", "<D:write>", "HTTP/1.1 404 Not Found");
  }

  @Test
  void getAndPutCarryEtagsAndAStaleIfMatchIsRefused() {
    var created = dav.send("PUT", "/dav/calendars/team/mine.ics", event("e1", "first"), "If-None-Match", "*");
    assertThat(created.status()).isEqualTo(201);
    String etag = created.header("ETag");
    assertThat(etag).isEqualTo("\"v1\"");
    var got = dav.send("GET", "/dav/calendars/team/mine.ics", null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.header("ETag")).isEqualTo(etag);
    assertThat(got.body()).contains("SUMMARY:first");

    // an agent changes it: the client's ETag is now stale
    master.upload("a1", "Work", TestMaster.put("e1", event("e1", "agent edit"), 1L));
    var stale = dav.send("PUT", "/dav/calendars/team/mine.ics", event("e1", "client edit"), "If-Match", etag);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(dav.send("GET", "/dav/calendars/team/mine.ics", null).body()).contains("SUMMARY:agent edit");

    var fresh = dav.send("PUT", "/dav/calendars/team/mine.ics", event("e1", "client edit"), "If-Match", "\"v2\"");
    assertThat(fresh.status()).isEqualTo(204);
    assertThat(fresh.header("ETag")).isEqualTo("\"v3\"");
  }

  @Test
  void aStaleIfMatchUnderManualIsA409AndTheConflictIsKeptForResolution() {
    master.close();
    master = TestMaster.start(dir, Map.of("AUTH_ENABLED", "true", "CONFLICT_RESOLUTION", "manual"));
    dav = new DavClient(master.server.port(), master.adminKey);
    dav.send("PUT", "/dav/calendars/team/mine.ics", event("e1", "first"));
    master.upload("a1", "Work", TestMaster.put("e1", event("e1", "agent edit"), 1L));
    var stale = dav.send("PUT", "/dav/calendars/team/mine.ics", event("e1", "client edit"), "If-Match", "\"v1\"");
    assertThat(stale.status()).isEqualTo(409);
    assertThat(master.get("/sync/conflicts/recent").raw()).contains("e1", "client edit", "\"origin\":\"dav\"");
    assertThat(dav.send("GET", "/dav/calendars/team/mine.ics", null).body()).contains("agent edit");
  }

  @Test
  void ifNoneMatchStarOnAnExistingEventIsRefused() {
    assertThat(dav.send("PUT", "/dav/calendars/team/a.ics", event("e1", "x")).status()).isEqualTo(201);
    var again = dav.send("PUT", "/dav/calendars/team/a.ics", event("e1", "y"), "If-None-Match", "*");
    assertThat(again.status()).isEqualTo(412);
  }

  @Test
  void aUidUsedByAnotherResourceOrAChangedUidIsANoUidConflict() {
    dav.send("PUT", "/dav/calendars/team/a.ics", event("e1", "x"));
    var otherName = dav.send("PUT", "/dav/calendars/team/b.ics", event("e1", "x"));
    assertThat(otherName.status()).isEqualTo(409);
    assertThat(otherName.body()).contains("no-uid-conflict", "/dav/calendars/team/a.ics");
    var changedUid = dav.send("PUT", "/dav/calendars/team/a.ics", event("e2", "x"));
    assertThat(changedUid.status()).isEqualTo(409);
    assertThat(changedUid.body()).contains("no-uid-conflict");
  }

  @Test
  void badCalendarDataIsA400AndWritesNothing() {
    var r = dav.send("PUT", "/dav/calendars/team/bad.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("valid-calendar-data");
    assertThat(master.get("/calendars/team/items").body().path("items")).isEmpty();
  }

  @Test
  void syncCollectionFromAnOldTokenReturnsChangesAndDeletions() {
    dav.send("PUT", "/dav/calendars/team/a.ics", event("e1", "one"));
    dav.send("PUT", "/dav/calendars/team/b.ics", event("e2", "two"));
    var initial = dav.syncCollection("/dav/calendars/team/", null);
    assertThat(initial.status()).isEqualTo(207);
    assertThat(initial.body()).contains("/dav/calendars/team/a.ics", "/dav/calendars/team/b.ics");
    String token = DavClient.first(initial.body(), "sync-token");

    assertThat(dav.send("DELETE", "/dav/calendars/team/a.ics", null).status()).isEqualTo(204);
    master.upload("a1", "Work", TestMaster.put("e3", event("e3", "from agent"), null));

    var changes = dav.syncCollection("/dav/calendars/team/", token);
    assertThat(changes.status()).isEqualTo(207);
    assertThat(changes.body()).contains("/dav/calendars/team/a.ics</D:href><D:status>HTTP/1.1 404 Not Found",
        "/dav/calendars/team/e3.ics").doesNotContain("b.ics");
    assertThat(DavClient.first(changes.body(), "sync-token")).isNotEqualTo(token);
  }

  @Test
  void anInvalidSyncTokenIsRefusedWithTheValidSyncTokenPrecondition() {
    var r = dav.syncCollection("/dav/calendars/team/", "urn:calsync:sync:999999");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains("valid-sync-token");
    assertThat(dav.syncCollection("/dav/calendars/team/", "http://elsewhere/1").status()).isEqualTo(403);
  }

  @Test
  void calendarMultigetAndTimeRangeQueryAnswerCalendarData() {
    dav.send("PUT", "/dav/calendars/team/a.ics", event("e1", "in february"));
    var multiget = dav.send("REPORT", "/dav/calendars/team/", "<C:calendar-multiget xmlns:D=\"DAV:\""
        + " xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/><C:calendar-data/></D:prop>"
        + "<D:href>/dav/calendars/team/a.ics</D:href><D:href>/dav/calendars/team/gone.ics</D:href></C:calendar-multiget>");
    assertThat(multiget.status()).isEqualTo(207);
    assertThat(multiget.body()).contains("SUMMARY:in february", "gone.ics</D:href><D:status>HTTP/1.1 404");

    String query = "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/>"
        + "</D:prop><C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">"
        + "<C:time-range start=\"%s\" end=\"%s\"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>";
    assertThat(dav.send("REPORT", "/dav/calendars/team/", query.formatted("20260201T000000Z", "20260202T000000Z")).body())
        .contains("a.ics");
    assertThat(dav.send("REPORT", "/dav/calendars/team/", query.formatted("20260601T000000Z", "20260701T000000Z")).body())
        .doesNotContain("a.ics");
  }

  @Test
  void proppatchRenamesTheMasterCalendar() {
    var r = dav.send("PROPPATCH", "/dav/calendars/team/", "<D:propertyupdate xmlns:D=\"DAV:\""
        + " xmlns:A=\"http://apple.com/ns/ical/\"><D:set><D:prop><D:displayname>Team B</D:displayname>"
        + "<A:calendar-color>#00ff00</A:calendar-color></D:prop></D:set></D:propertyupdate>");
    assertThat(r.status()).isEqualTo(207);
    assertThat(r.body()).contains("HTTP/1.1 200 OK");
    var cal = master.get("/calendars").body().path("calendars");
    assertThat(cal.toString()).contains("Team B", "#00ff00");
  }

  @Test
  void proppatchOfAnUnknownPropertyChangesNothing() {
    var r = dav.send("PROPPATCH", "/dav/calendars/team/", "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop>"
        + "<D:displayname>Renamed</D:displayname><D:getetag>x</D:getetag></D:prop></D:set></D:propertyupdate>");
    assertThat(r.body()).contains("HTTP/1.1 403 Forbidden", "HTTP/1.1 424 Failed Dependency");
    assertThat(master.get("/calendars").raw()).doesNotContain("Renamed");
  }

  @Test
  void malformedXmlIsA400AndExternalEntitiesAreRefused() {
    assertThat(dav.send("PROPFIND", "/dav/", "<D:propfind xmlns:D=\"DAV:\">").status()).isEqualTo(400);
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&e;</D:displayname></D:prop></D:propfind>";
    var r = dav.send("PROPFIND", "/dav/", xxe);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("root:");
  }

  @Test
  void noCredentialIs401WithABasicChallenge() {
    var r = dav.as(null).propfind("/dav/", "0", "<D:current-user-principal/>");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).startsWith("Basic realm=\"calsync\"");
    assertThat(dav.as("cak_nope.nope").propfind("/dav/", "0", "<D:displayname/>").status()).isEqualTo(401);
  }

  @Test
  void aReadKeySeesEveryCalendarButMayNotWrite() {
    String readKey = master.post("/admin/api-keys", "{\"name\":\"viewer\",\"role\":\"read\"}").text("api_key");
    DavClient reader = dav.as(readKey);
    assertThat(reader.propfind("/dav/calendars/", "1", "<D:displayname/>").body())
        .contains("/dav/calendars/team/", "/dav/calendars/family/");
    assertThat(reader.send("PUT", "/dav/calendars/team/x.ics", event("x", "x")).status()).isEqualTo(403);
  }

  @Test
  void anAgentSecretSeesOnlyTheCalendarsItsSourcesHold() {
    String secret = master.post("/admin/agents/a1/secret", null).text("agent_secret");
    DavClient agent = dav.as(secret);
    var home = agent.propfind("/dav/calendars/", "1", "<D:displayname/>");
    assertThat(home.body()).contains("/dav/calendars/team/").doesNotContain("/dav/calendars/family/");
    assertThat(agent.propfind("/dav/calendars/family/", "0", "<D:displayname/>").status()).isEqualTo(404);
    assertThat(agent.send("PUT", "/dav/calendars/team/x.ics", event("x", "x")).status()).isEqualTo(201);
  }

  @Test
  void aPutIsAnOrdinaryChangeFannedOutToTheAgents() {
    master.heartbeatSources("a3", "[" + source("Shared", "team") + "]");
    dav.send("PUT", "/dav/calendars/team/new.ics", event("n1", "from a client"));
    var updates = master.pending("a3");
    assertThat(updates.toString()).contains("event_update", "n1");
    var items = master.get("/calendars/team/items").body().path("items");
    assertThat(items.toString()).contains("n1");
  }
}
