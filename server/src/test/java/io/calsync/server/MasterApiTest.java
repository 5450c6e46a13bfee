package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's REST API over real HTTP, auth disabled (security has its own test). */
class MasterApiTest {
  @TempDir Path dataDir;
  TestMaster master;

  @BeforeEach
  void start() {
    master = TestMaster.start(dataDir, Map.of());
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private String calendarOf(String agentId, String source) {
    return SyncService.derivedCalendarId(agentId, source);
  }

  @Test
  void health_reportsVersionUptimeBidirectionalAndQueueTotals() {
    var r = master.get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("status")).isEqualTo("healthy");
    assertThat(r.body().path("version").asText()).isNotBlank();
    assertThat(r.body().path("uptime_seconds").isNumber()).isTrue();
    assertThat(r.body().path("bidirectional_sync").path("enabled").asBoolean()).isTrue();
    assertThat(r.body().path("queue").path("pending").asInt()).isZero();
    assertThat(r.body().path("queue").has("dead")).isTrue();
  }

  @Test
  void heartbeat_newAgent_registersItAndMapsItsSources() {
    var r = master.heartbeat("office-pc", "Work", "Team");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("agent_id")).isEqualTo("office-pc");
    assertThat(r.body().path("pending_count").asInt()).isZero();
    assertThat(r.body().path("pending_updates").isArray()).isTrue();

    var cals = master.get("/calendars");
    assertThat(cals.body().path("calendars")).hasSize(2);
    assertThat(cals.body().path("calendars").get(0).path("sources").get(0).path("agent_id").asText()).isEqualTo("office-pc");

    var status = master.get("/sync/agents/status");
    JsonNode agent = status.body().path("agent_status").path("office-pc");
    assertThat(agent.path("status").asText()).isEqualTo("active");
    assertThat(agent.path("name").asText()).isEqualTo("office-pc pc");
    assertThat(agent.path("last_check_in").asText()).isNotBlank();
  }

  @Test
  void putCalendar_rename_queuesOneCalendarMetadataUpdatePerHoldingAgent() {
    master.post("/sync/agents/a1/heartbeat", """
        {"calendar_sources":[{"type":"outlook","name":"Work","allow_metadata_updates":true,"master_calendar_id":"work"}]}""");
    master.post("/sync/agents/a2/heartbeat", """
        {"calendar_sources":[{"type":"google","name":"Job","calendar_id":"primary","allow_metadata_updates":true,"master_calendar_id":"work"}]}""");
    master.post("/sync/agents/a3/heartbeat", """
        {"calendar_sources":[{"type":"exchange","name":"Corp","allow_metadata_updates":false,"master_calendar_id":"work"}]}""");
    master.heartbeat("a4", "Other");
    // a2 joined an existing calendar and was sent its current name; it applies and acks that
    for (JsonNode joined : master.get("/sync/agents/a2/pending-updates").body().path("updates")) {
      assertThat(joined.path("data").path("changes").path("name").asText()).isEqualTo("work");
      master.post("/sync/agents/a2/updates/" + joined.path("id").asText() + "/processed", "{}");
    }

    var r = master.put("/calendars/work", "{\"name\":\"Project Calendar\",\"color\":\"#FF5733\"}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(2);
    assertThat(r.body().path("calendar").path("name").asText()).isEqualTo("Project Calendar");
    for (String agent : new String[] {"a1", "a2"}) {
      var p = master.get("/sync/agents/" + agent + "/pending-updates");
      assertThat(p.text("agent_id")).isEqualTo(agent);
      assertThat(p.body().path("updates")).hasSize(1);
      JsonNode u = p.body().path("updates").get(0);
      assertThat(u.path("type").asText()).isEqualTo("calendar_metadata");
      assertThat(u.path("data").path("changes").path("name").asText()).isEqualTo("Project Calendar");
      assertThat(u.path("id").asText()).isNotBlank();
      assertThat(u.path("created_at").asText()).endsWith("Z");
    }
    assertThat(master.get("/sync/agents/a2/pending-updates").body().path("updates").get(0).path("data").path("calendar_id").asText())
        .isEqualTo("primary");
    assertThat(master.get("/sync/agents/a3/pending-updates").body().path("updates")).isEmpty();
    assertThat(master.get("/sync/agents/a4/pending-updates").body().path("updates")).isEmpty();
  }

  @Test
  void postCalendar_thenDelete_withoutPropagate_queuesNothing() {
    master.heartbeat("a1", "Work");
    var created = master.post("/calendars", "{\"id\":\"proj\",\"name\":\"Project\",\"color\":\"#4285F4\",\"agent_id\":\"a1\",\"provider\":\"google\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("updates_queued").asInt()).isEqualTo(1);
    var pending = master.get("/sync/agents/a1/pending-updates").body().path("updates");
    assertThat(pending.get(0).path("type").asText()).isEqualTo("calendar_create");
    assertThat(pending.get(0).path("data").path("calendar").path("name").asText()).isEqualTo("Project");

    var del = master.delete("/calendars/" + calendarOf("a1", "Work"));
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.body().path("updates_queued").asInt()).isZero();
    assertThat(master.get("/calendars").body().path("calendars")).extracting(n -> n.path("id").asText()).containsExactly("proj");
  }

  @Test
  void deleteCalendar_withPropagate_queuesCalendarDeleteForHolders() {
    master.heartbeat("a1", "Work");
    var del = master.delete("/calendars/" + calendarOf("a1", "Work") + "?propagate=true");
    assertThat(del.body().path("updates_queued").asInt()).isEqualTo(1);
    assertThat(master.get("/sync/agents/a1/pending-updates").body().path("updates").get(0).path("type").asText())
        .isEqualTo("calendar_delete");
  }

  @Test
  void pushCalendarMetadata_seedBody_queuesForEveryAgentWhenCalendarUnknown() {
    master.heartbeat("test-agent-1");
    var r = master.post("/sync/push/calendar-metadata", """
        {"calendar_id": "test-cal-1", "provider": "outlook", "changes": {"name": "Updated Calendar Name"}}""");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(1);
    var pending = master.get("/sync/agents/test-agent-1/pending-updates").body().path("updates");
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).path("type").asText()).isEqualTo("calendar_metadata");
    assertThat(pending.get(0).path("data").path("provider").asText()).isEqualTo("outlook");
  }

  @Test
  void pushCalendarMetadata_targetAgents_queuesOnlyForThem_andUnknownTargetIs404() {
    master.heartbeat("a1");
    master.heartbeat("a2");
    var r = master.post("/sync/push/calendar-metadata",
        "{\"calendar_id\":\"c\",\"changes\":{\"color\":\"#00FF00\"},\"target_agents\":[\"a2\"]}");
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(1);
    assertThat(r.body().path("agents").get(0).asText()).isEqualTo("a2");
    var missing = master.post("/sync/push/calendar-metadata",
        "{\"calendar_id\":\"c\",\"changes\":{\"name\":\"x\"},\"target_agents\":[\"ghost\"]}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().path("detail").asText()).contains("ghost");
  }

  @Test
  void pushSyncConfig_queuesForAllAgents() {
    master.heartbeat("a1");
    master.heartbeat("a2");
    var r = master.post("/sync/push/sync-config", "{\"changes\":{\"sync_interval_minutes\":15,\"enable_bidirectional_sync\":true}}");
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(2);
    var u = master.get("/sync/agents/a1/pending-updates").body().path("updates").get(0);
    assertThat(u.path("type").asText()).isEqualTo("sync_config");
    assertThat(u.path("data").path("changes").path("sync_interval_minutes").asInt()).isEqualTo(15);
  }

  @Test
  void receiveUpdates_eventUpdate_isQueuedForThatAgent_unknownTypeIs400() {
    master.heartbeat("a1");
    var r = master.post("/sync/agents/a1/receive-updates", """
        {"type":"event_update","data":{"action":"update","event":{"id":"event-123","title":"Updated Meeting"}}}""");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(1);
    assertThat(master.get("/sync/agents/a1/pending-updates").body().path("updates").get(0).path("data").path("event").path("id").asText())
        .isEqualTo("event-123");

    var bad = master.post("/sync/agents/a1/receive-updates", "{\"type\":\"test\",\"data\":{}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.text("field")).isEqualTo("type");
    assertThat(bad.text("detail")).contains("calendar_metadata");
  }

  @Test
  void unknownAgent_is404ProblemDetail() {
    for (var r : new TestMaster.Response[] {
        master.get("/sync/agents/ghost/pending-updates"),
        master.get("/sync/agents/ghost/status"),
        master.get("/sync/agents/ghost/history"),
        master.post("/sync/agents/ghost/receive-updates", "{\"type\":\"sync_config\",\"data\":{}}"),
        master.post("/sync/agents/ghost/updates/u1/processed", "{\"success\":true}")}) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
      assertThat(r.text("detail")).contains("ghost");
    }
    assertThat(master.put("/calendars/nope", "{\"name\":\"x\"}").status()).isEqualTo(404);
    assertThat(master.get("/no/such/endpoint").status()).isEqualTo(404);
  }

  @Test
  void malformedJson_is400NamingTheField() {
    master.heartbeat("a1");
    var broken = master.post("/sync/push/calendar-metadata", "{\"calendar_id\": \"c\", \"changes\": {\"name\": }");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.text("field")).isEqualTo("changes.name");
    assertThat(broken.text("detail")).contains("malformed JSON");

    var wrongType = master.post("/sync/agents/a1/heartbeat", "{\"calendar_sources\": [{\"name\": \"W\", \"allow_metadata_updates\": {}}]}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.text("field")).isEqualTo("calendar_sources[0].allow_metadata_updates");

    var notObject = master.post("/sync/push/sync-config", "[1,2]");
    assertThat(notObject.status()).isEqualTo(400);

    var badColor = master.post("/calendars", "{\"name\":\"x\",\"color\":\"red\"}");
    assertThat(badColor.status()).isEqualTo(400);
    assertThat(badColor.text("field")).isEqualTo("color");

    var badWait = master.get("/sync/agents/a1/pending-updates?wait=soon");
    assertThat(badWait.status()).isEqualTo(400);
    assertThat(badWait.text("field")).isEqualTo("wait");
  }

  @Test
  void oversizedBody_is413() {
    String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    var r = master.post("/calendars", big);
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void agentStatusAndHistory_showQueueAndActivity() {
    master.heartbeat("a1", "Work");
    master.put("/calendars/" + calendarOf("a1", "Work"), "{\"name\":\"Renamed\"}");
    var status = master.get("/sync/agents/a1/status");
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body().path("pending_updates").asInt()).isEqualTo(1);
    assertThat(status.text("status")).isEqualTo("active");

    var history = master.get("/sync/agents/a1/history");
    assertThat(history.body().path("updates").get(0).path("state").asText()).isEqualTo("pending");
    assertThat(history.body().path("activity")).isNotEmpty();

    var recent = master.get("/sync/activity/recent");
    assertThat(recent.body().path("activity")).extracting(n -> n.path("kind").asText())
        .contains("agent_registered", "calendar_updated", "update_queued");
  }

  @Test
  void queuesStatusAndStats_countPerAgentAndState() {
    master.heartbeat("a1");
    master.post("/sync/push/sync-config", "{\"changes\":{\"sync_interval_minutes\":5}}");
    var status = master.get("/sync/queues/status");
    assertThat(status.body().path("queues").path("a1").path("pending_updates").asInt()).isEqualTo(1);
    assertThat(status.body().path("totals").path("pending").asInt()).isEqualTo(1);
    var stats = master.get("/sync/queues/stats");
    assertThat(stats.body().path("by_state").path("pending").asInt()).isEqualTo(1);
    assertThat(stats.body().path("dead_letters").isArray()).isTrue();
  }

  @Test
  void conflicts_withNone_listEmpty_andAnUnknownOneIs404() {
    var recent = master.get("/sync/conflicts/recent");
    assertThat(recent.status()).isEqualTo(200);
    assertThat(recent.body().path("conflicts")).isEmpty();
    assertThat(master.get("/sync/conflicts/c1").status()).isEqualTo(404);
    assertThat(master.post("/sync/conflicts/c1/resolve", "{\"resolution\":\"source_wins\"}").status()).isEqualTo(404);
  }

  @Test
  void openapi_listsEveryRoute() {
    var r = master.get("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("openapi")).startsWith("3.1");
    JsonNode paths = r.body().path("paths");
    for (String p : new String[] {"/health", "/calendars", "/calendars/{calendar_id}", "/sync/push/calendar-metadata",
        "/sync/push/sync-config", "/sync/agents/{agent_id}/receive-updates", "/sync/agents/{agent_id}/pending-updates",
        "/sync/agents/{agent_id}/updates/{update_id}/processed", "/sync/agents/{agent_id}/heartbeat",
        "/sync/agents/status", "/sync/agents/{agent_id}/status", "/sync/agents/{agent_id}/history",
        "/sync/queues/status", "/sync/queues/stats", "/sync/queues/cleanup",
        "/sync/queues/{agent_id}/dead/{update_id}/retry", "/sync/activity/recent", "/sync/conflicts/recent",
        "/sync/conflicts/{conflict_id}/resolve", "/admin/agents/{agent_id}/secret", "/sync/agents/{agent_id}/items",
        "/calendars/{calendar_id}/items", "/sync/conflicts/{conflict_id}", "/sync/destination/status"}) {
      assertThat(paths.has(p)).as(p).isTrue();
    }
  }

  @Test
  void bidirectionalDisabled_putCalendarQueuesNothing() {
    master.close();
    master = TestMaster.start(dataDir, Map.of("ENABLE_BIDIRECTIONAL_SYNC", "false"));
    master.heartbeat("a1", "Work");
    var r = master.put("/calendars/" + calendarOf("a1", "Work"), "{\"name\":\"Renamed\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("updates_queued").asInt()).isZero();
    assertThat(master.get("/health").body().path("bidirectional_sync").path("enabled").asBoolean()).isFalse();
  }
}
