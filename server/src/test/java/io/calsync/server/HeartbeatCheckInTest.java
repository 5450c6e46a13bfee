package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeats that change nothing but the time are group-committed, and still durable. */
class HeartbeatCheckInTest {
  @TempDir Path dataDir;
  final TestMaster.MutableClock clock = new TestMaster.MutableClock();
  TestMaster master;

  @AfterEach
  void stop() {
    if (master != null) master.close();
  }

  private Instant lastCheckIn(String agentId) {
    return Instant.parse(master.get("/sync/agents/" + agentId + "/status").body().path("last_check_in").asText());
  }

  @Test
  void repeatedHeartbeat_movesLastCheckIn_andSurvivesRestart() {
    master = TestMaster.start(dataDir, Map.of(), clock);
    master.heartbeat("a1", "Work");
    Instant later = clock.instant().plus(Duration.ofMinutes(7));
    clock.advance(Duration.ofMinutes(7));

    master.heartbeat("a1", "Work"); // same settings and sources: the group-committed path
    master.restart();

    assertThat(lastCheckIn("a1")).isEqualTo(later);
  }

  @Test
  void heartbeatWithoutSources_keepsTheAnnouncedSources() {
    master = TestMaster.start(dataDir, Map.of(), clock);
    master.heartbeat("a1", "Work", "Home");

    master.post("/sync/agents/a1/heartbeat", "{\"agent_name\":\"a1 pc\",\"environment\":\"test\"}");

    assertThat(master.get("/calendars").body().path("calendars")).hasSize(2);
  }

  @Test
  void changedSettings_areStored_notJustTheTime() {
    master = TestMaster.start(dataDir, Map.of(), clock);
    master.heartbeat("a1", "Work");

    master.post("/sync/agents/a1/heartbeat", "{\"agent_name\":\"renamed pc\",\"environment\":\"test\"}");

    assertThat(master.get("/sync/agents/a1/status").body().path("name").asText()).isEqualTo("renamed pc");
  }

  @Test
  void manyConcurrentHeartbeats_allRecorded() throws Exception {
    master = TestMaster.start(dataDir, Map.of(), clock);
    int agents = 40;
    for (int i = 0; i < agents; i++) master.heartbeat("a" + i);
    clock.advance(Duration.ofHours(1));
    Instant later = clock.instant();

    List<CompletableFuture<TestMaster.Response>> calls = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int round = 0; round < 5; round++) {
        for (int i = 0; i < agents; i++) {
          String id = "a" + i;
          calls.add(CompletableFuture.supplyAsync(() -> master.heartbeat(id), pool));
        }
      }
      for (var c : calls) assertThat(c.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    for (int i = 0; i < agents; i++) {
      assertThat(lastCheckIn("a" + i)).as("a" + i).isEqualTo(later);
    }
  }

  @Test
  void updateForOneAgent_wakesItsLongPoll_whileAnotherAgentStaysParked() throws Exception {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    master.heartbeat("a2");
    CompletableFuture<TestMaster.Response> a1 = CompletableFuture.supplyAsync(
        () -> master.get("/sync/agents/a1/pending-updates?wait=10"));
    CompletableFuture<TestMaster.Response> a2 = CompletableFuture.supplyAsync(
        () -> master.get("/sync/agents/a2/pending-updates?wait=1.5"));
    Thread.sleep(200);

    master.post("/sync/agents/a1/receive-updates", "{\"type\":\"sync_config\",\"data\":{\"changes\":{\"batch_size\":10}}}");

    assertThat(a1.get(5, TimeUnit.SECONDS).body().path("updates")).hasSize(1);
    assertThat(a2).isNotDone();
    assertThat(a2.get(5, TimeUnit.SECONDS).body().path("updates")).isEmpty();
  }

  private String statusOf(String agentId) {
    return master.get("/sync/agents/" + agentId + "/status").body().path("status").asText();
  }

  @Test
  void agentThatReportsItsHeartbeatInterval_goesStaleThenOfflineWithinSecondsOfSilence() {
    master = TestMaster.start(dataDir, Map.of("SYNC_INTERVAL_MINUTES", "30"), clock);
    master.post("/sync/agents/a1/heartbeat", "{\"heartbeat_seconds\":10}");
    assertThat(statusOf("a1")).isEqualTo("active");

    clock.advance(Duration.ofSeconds(45)); // more than 3 heartbeats missed
    assertThat(statusOf("a1")).isEqualTo("stale");

    clock.advance(Duration.ofSeconds(60)); // more than 10 missed
    assertThat(statusOf("a1")).isEqualTo("offline");
  }

  @Test
  void agentWithoutAHeartbeatInterval_isJudgedBySyncInterval() {
    master = TestMaster.start(dataDir, Map.of("SYNC_INTERVAL_MINUTES", "30"), clock);
    master.heartbeat("a1");

    clock.advance(Duration.ofMinutes(40));
    assertThat(statusOf("a1")).isEqualTo("active");
    clock.advance(Duration.ofMinutes(20));
    assertThat(statusOf("a1")).isEqualTo("stale");
    clock.advance(Duration.ofMinutes(40));
    assertThat(statusOf("a1")).isEqualTo("offline");
  }

  @Test
  void sourceJoiningAnExistingCalendar_getsItsCurrentName_butTheCreatorDoesNot() {
    master = TestMaster.start(dataDir, Map.of(), clock);
    String sources = "{\"calendar_sources\":[{\"type\":\"ics\",\"name\":\"Team\",\"master_calendar\":\"team\","
        + "\"allow_metadata_updates\":true,\"allow_event_updates\":true}]}";
    master.post("/sync/agents/a1/heartbeat", sources.replace("master_calendar", "master_calendar_id"));
    clock.advance(Duration.ofSeconds(1));
    master.put("/calendars/team", "{\"name\":\"Team 2027\",\"color\":\"#8E24AA\"}");
    var a1Before = master.get("/sync/agents/a1/pending-updates").body().path("updates").size();

    master.post("/sync/agents/a2/heartbeat", sources.replace("master_calendar", "master_calendar_id"));

    var updates = master.get("/sync/agents/a2/pending-updates").body().path("updates");
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).path("type").asText()).isEqualTo("calendar_metadata");
    assertThat(updates.get(0).path("data").path("changes").path("name").asText()).isEqualTo("Team 2027");
    assertThat(updates.get(0).path("data").path("changes").path("color").asText()).isEqualTo("#8E24AA");
    assertThat(a1Before).as("the rename itself, once").isEqualTo(1);
    master.post("/sync/agents/a2/heartbeat", sources.replace("master_calendar", "master_calendar_id"));
    assertThat(master.get("/sync/agents/a2/pending-updates").body().path("updates")).as("only on joining").hasSize(1);
  }
}
