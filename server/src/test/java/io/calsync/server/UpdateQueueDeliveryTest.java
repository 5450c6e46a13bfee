package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At-least-once delivery, acks, retries, dead letters, retention and long-poll push. */
class UpdateQueueDeliveryTest {
  @TempDir Path dataDir;
  TestMaster master;

  @AfterEach
  void stop() {
    if (master != null) master.close();
  }

  private String queueSyncConfig(String agentId) {
    var r = master.post("/sync/agents/" + agentId + "/receive-updates", "{\"type\":\"sync_config\",\"data\":{\"changes\":{\"sync_interval_minutes\":15}}}");
    assertThat(r.status()).isEqualTo(201);
    return r.body().path("update_ids").get(0).asText();
  }

  private JsonNode pending(String agentId) {
    return master.get("/sync/agents/" + agentId + "/pending-updates").body().path("updates");
  }

  private TestMaster.Response ack(String agentId, String updateId, String body) {
    return master.post("/sync/agents/" + agentId + "/updates/" + updateId + "/processed", body);
  }

  @Test
  void unackedUpdate_isRedeliveredAfterServerRestart() {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    String id = queueSyncConfig("a1");
    assertThat(pending("a1")).extracting(n -> n.path("id").asText()).containsExactly(id);

    master.restart();

    assertThat(pending("a1")).extracting(n -> n.path("id").asText()).containsExactly(id);
  }

  @Test
  void ack_stopsDelivery_evenAcrossRestart_andRepeatedAckIsIdempotent() {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    String id = queueSyncConfig("a1");
    pending("a1");

    var r = ack("a1", id, "{\"success\":true,\"message\":\"applied\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("state")).isEqualTo("processed");
    assertThat(pending("a1")).isEmpty();
    assertThat(ack("a1", id, null).text("state")).isEqualTo("processed");

    master.restart();
    assertThat(pending("a1")).isEmpty();
    assertThat(master.post("/sync/agents/a1/heartbeat", "{}").body().path("pending_count").asInt()).isZero();
  }

  @Test
  void failedAcks_retryWithBackoff_thenDeadLetter_andDeadRetryRedelivers() {
    var clock = new TestMaster.MutableClock();
    master = TestMaster.start(dataDir, Map.of("MAX_RETRY_ATTEMPTS", "3", "RETRY_BACKOFF_SECONDS", "10"), clock);
    master.heartbeat("a1");
    String id = queueSyncConfig("a1");

    pending("a1");
    var first = ack("a1", id, "{\"success\":false,\"message\":\"Outlook busy\"}");
    assertThat(first.text("state")).isEqualTo("pending");
    assertThat(first.body().path("attempts").asInt()).isEqualTo(1);
    assertThat(pending("a1")).as("not before the backoff").isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(pending("a1")).singleElement().satisfies(u -> assertThat(u.path("attempts").asInt()).isEqualTo(1));

    var second = ack("a1", id, "{\"success\":false,\"message\":\"Outlook busy\"}");
    assertThat(second.text("next_attempt_at")).isEqualTo(clock.instant().plusSeconds(20).toString());
    clock.advance(Duration.ofSeconds(20));
    pending("a1");
    var third = ack("a1", id, "{\"success\":false,\"message\":\"still busy\"}");
    assertThat(third.text("state")).isEqualTo("dead");

    clock.advance(Duration.ofDays(1));
    assertThat(pending("a1")).isEmpty();
    var stats = master.get("/sync/queues/stats");
    assertThat(stats.body().path("by_state").path("dead").asInt()).isEqualTo(1);
    assertThat(stats.body().path("dead_letters").get(0).path("id").asText()).isEqualTo(id);
    assertThat(stats.body().path("dead_letters").get(0).path("result").asText()).isEqualTo("still busy");

    var retry = master.post("/sync/queues/a1/dead/" + id + "/retry", null);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(pending("a1")).singleElement().satisfies(u -> {
      assertThat(u.path("id").asText()).isEqualTo(id);
      assertThat(u.path("attempts").asInt()).isZero();
    });
    assertThat(master.post("/sync/queues/a1/dead/" + id + "/retry", null).status()).as("no longer dead").isEqualTo(409);
  }

  @Test
  void deadLetter_discarded_isRejectedForGood_andASecondDiscardIs409() {
    master = TestMaster.start(dataDir, Map.of("MAX_RETRY_ATTEMPTS", "1"));
    master.heartbeat("a1");
    String id = queueSyncConfig("a1");
    pending("a1");
    assertThat(ack("a1", id, "{\"success\":false,\"message\":\"calendar gone\"}").text("state")).isEqualTo("dead");

    var discard = master.post("/sync/queues/a1/dead/" + id + "/discard", null);
    assertThat(discard.status()).isEqualTo(200);
    assertThat(discard.body().path("update").path("state").asText()).isEqualTo("rejected");
    assertThat(discard.body().path("update").path("result").asText()).contains("calendar gone");
    assertThat(master.get("/sync/queues/stats").body().path("by_state").path("dead").asInt()).isZero();
    assertThat(pending("a1")).isEmpty();
    assertThat(master.post("/sync/queues/a1/dead/" + id + "/discard", null).status()).as("no longer dead").isEqualTo(409);
  }

  @Test
  void failedAck_notRetryable_rejectsAtOnce() {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    String id = queueSyncConfig("a1");
    pending("a1");
    var r = ack("a1", id, "{\"success\":false,\"retryable\":false,\"message\":\"permission denied\"}");
    assertThat(r.text("state")).isEqualTo("rejected");
    assertThat(pending("a1")).isEmpty();
  }

  @Test
  void cleanup_purgesProcessedOlderThanRetention_keepsOpenAndRecent() {
    var clock = new TestMaster.MutableClock();
    master = TestMaster.start(dataDir, Map.of("UPDATE_QUEUE_RETENTION_DAYS", "7"), clock);
    master.heartbeat("a1");
    String old = queueSyncConfig("a1");
    ack("a1", old, "{}");
    String open = queueSyncConfig("a1");
    clock.advance(Duration.ofDays(8));
    String recent = queueSyncConfig("a1");
    ack("a1", recent, "{}");

    var r = master.post("/sync/queues/cleanup", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("purged").asInt()).isEqualTo(1);
    var history = master.get("/sync/agents/a1/history").body().path("updates");
    assertThat(history).extracting(n -> n.path("id").asText()).containsExactlyInAnyOrder(open, recent);
  }

  @Test
  void longPoll_returnsUpdateQueuedLaterWellUnderASecond() throws Exception {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    long start = System.nanoTime();
    CompletableFuture<TestMaster.Response> poll = CompletableFuture.supplyAsync(
        () -> master.get("/sync/agents/a1/pending-updates?wait=10"));
    Thread.sleep(200);
    assertThat(poll).isNotDone();
    long queuedAt = System.nanoTime();
    String id = queueSyncConfig("a1");

    var r = poll.get(5, java.util.concurrent.TimeUnit.SECONDS);
    long latencyMs = (System.nanoTime() - queuedAt) / 1_000_000;
    assertThat(r.body().path("updates")).extracting(n -> n.path("id").asText()).containsExactly(id);
    assertThat(latencyMs).as("push latency").isLessThan(1000);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
  }

  @Test
  void longPoll_nothingQueued_returnsEmptyAfterWait() {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    long start = System.nanoTime();
    var r = master.get("/sync/agents/a1/pending-updates?wait=0.3");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("updates")).isEmpty();
    assertThat(ms).isBetween(250L, 5000L);
  }

  @Test
  void close_releasesParkedLongPoll() throws Exception {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeat("a1");
    CompletableFuture<TestMaster.Response> poll = CompletableFuture.supplyAsync(
        () -> master.get("/sync/agents/a1/pending-updates?wait=30"));
    Thread.sleep(200);
    long start = System.nanoTime();
    master.close();
    master = null;
    assertThat(poll.handle((r, e) -> r).get(10, java.util.concurrent.TimeUnit.SECONDS)).satisfiesAnyOf(
        r -> assertThat(r).isNull(), r -> assertThat(r.body().path("updates")).isEmpty());
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
  }
}
