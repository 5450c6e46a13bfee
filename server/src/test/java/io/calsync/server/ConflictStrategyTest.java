package io.calsync.server;

import static io.calsync.server.TestMaster.del;
import static io.calsync.server.TestMaster.put;
import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent changes over real HTTP: a1 stores version 1, then a2 changes the item without having
 * seen it (base null) or from an old base, and the strategy decides.
 */
class ConflictStrategyTest {
  @TempDir Path dataDir;
  TestMaster master;

  private void start(String serverDefault, String a2Override) {
    master = TestMaster.start(dataDir, Map.of("CONFLICT_RESOLUTION", serverDefault));
    master.heartbeatSources("a1", "[" + source("Work", "team") + "]");
    String a2 = source("Job", "team");
    if (a2Override != null) a2 = a2.replace("}", ",\"conflict_resolution\":\"" + a2Override + "\"}");
    master.heartbeatSources("a2", "[" + a2 + "]");
  }

  @AfterEach
  void stop() {
    if (master != null) master.close();
  }

  private static String ev(String summary, String lastModified) {
    return TestIcs.event("e1", summary, lastModified, 0);
  }

  /** a1 stores version 1 (LAST-MODIFIED 10:00); returns a2's outcome for its concurrent change. */
  private JsonNode concurrent(String a2Change) {
    master.upload("a1", "Work", put("e1", ev("master", "20260110T100000Z"), null));
    var r = master.upload("a2", "Job", a2Change);
    assertThat(r.status()).isEqualTo(200);
    return r.body().path("results").get(0);
  }

  @Test
  void sourceWins_appliesTheUpload_andQueuesItForTheOtherHolder() {
    start("source_wins", null);
    JsonNode o = concurrent(put("e1", ev("mine", "20260101T000000Z"), null));
    assertThat(o.path("outcome").asText()).isEqualTo("applied");
    assertThat(o.path("version").asLong()).isEqualTo(2);
    assertThat(master.pending("a1")).extracting(u -> u.path("data").path("version").asLong()).containsExactly(2L);
  }

  @Test
  void destinationWins_supersedes_withTheMastersIcs() {
    start("destination_wins", null);
    JsonNode o = concurrent(put("e1", ev("mine", "20260120T000000Z"), null));
    assertThat(o.path("outcome").asText()).isEqualTo("superseded");
    assertThat(o.path("version").asLong()).isEqualTo(1);
    assertThat(o.path("ics").asText()).contains("SUMMARY:master");
    assertThat(master.pending("a1")).isEmpty();
  }

  @Test
  void latestWins_laterUploadIsApplied() {
    start("latest_wins", null);
    assertThat(concurrent(put("e1", ev("later", "20260110T100001Z"), null)).path("outcome").asText()).isEqualTo("applied");
  }

  @Test
  void latestWins_earlierUploadIsSuperseded_andATieGoesToTheMaster() {
    start("latest_wins", null);
    assertThat(concurrent(put("e1", ev("earlier", "20260110T095959Z"), null)).path("outcome").asText())
        .isEqualTo("superseded");
    var tie = master.upload("a2", "Job", put("e1", ev("same time", "20260110T100000Z"), null));
    assertThat(tie.body().path("results").get(0).path("outcome").asText()).isEqualTo("superseded");
  }

  @Test
  void latestWins_higherSequenceWinsWhenTimesAreEqual() {
    start("latest_wins", null);
    var o = concurrent(put("e1", TestIcs.event("e1", "rescheduled", "20260110T100000Z", 3), null));
    assertThat(o.path("outcome").asText()).isEqualTo("applied");
  }

  @Test
  void latestWins_anEditBeatsAConcurrentDelete_bothWays() {
    start("latest_wins", null);
    master.upload("a1", "Work", put("e1", ev("v1", "20260110T100000Z"), null));
    master.upload("a1", "Work", put("e1", ev("v2", "20260110T110000Z"), 1L));
    var deleteLoses = master.upload("a2", "Job", del("e1", 1L)).body().path("results").get(0);
    assertThat(deleteLoses.path("outcome").asText()).isEqualTo("superseded");
    assertThat(deleteLoses.path("ics").asText()).contains("SUMMARY:v2");

    master.upload("a1", "Work", del("e1", 2L)); // version 3: a tombstone
    var editWins = master.upload("a2", "Job", put("e1", ev("kept", "20260101T000000Z"), 2L)).body().path("results").get(0);
    assertThat(editWins.path("outcome").asText()).isEqualTo("applied");
    assertThat(editWins.path("version").asLong()).isEqualTo(4);
  }

  @Test
  void destinationWins_reportsADeletedMasterVersion() {
    start("destination_wins", null);
    master.upload("a1", "Work", put("e1", ev("v1", "20260110T100000Z"), null));
    master.upload("a1", "Work", del("e1", 1L));
    var o = master.upload("a2", "Job", put("e1", ev("edit", "20260120T100000Z"), 1L)).body().path("results").get(0);
    assertThat(o.path("outcome").asText()).isEqualTo("superseded");
    assertThat(o.path("deleted").asBoolean()).isTrue();
    assertThat(o.path("version").asLong()).isEqualTo(2);
  }

  @Test
  void perSourceConflictResolution_overridesTheServerDefault() {
    start("destination_wins", "source_wins");
    assertThat(concurrent(put("e1", ev("mine", "20260101T000000Z"), null)).path("outcome").asText()).isEqualTo("applied");
  }

  @Test
  void invalidPerSourceConflictResolution_isRejectedAtTheHeartbeat() {
    start("latest_wins", null);
    var r = master.post("/sync/agents/a9/heartbeat", "{\"calendar_sources\":[{\"name\":\"X\",\"conflict_resolution\":\"coin_flip\"}]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.text("field")).isEqualTo("calendar_sources[0].conflict_resolution");
  }

  @Test
  void manual_keepsBothVersions_inAConflictListedFirst_andOverwritesNothing() {
    start("manual", null);
    JsonNode o = concurrent(put("e1", ev("mine", "20260120T000000Z"), null));
    assertThat(o.path("outcome").asText()).isEqualTo("conflict");
    String id = o.path("conflict_id").asText();
    assertThat(id).isNotBlank();
    var again = master.upload("a2", "Job", put("e1", ev("mine", "20260120T000000Z"), null)).body().path("results").get(0);
    assertThat(again.path("conflict_id").asText()).as("a repeat does not pile up").isEqualTo(id);

    JsonNode recent = master.get("/sync/conflicts/recent").body().path("conflicts");
    assertThat(recent).hasSize(1);
    JsonNode c = recent.get(0);
    assertThat(c.path("state").asText()).isEqualTo("open");
    assertThat(c.path("agent_id").asText()).isEqualTo("a2");
    assertThat(c.path("master").path("version").asLong()).isEqualTo(1);
    assertThat(c.path("master").path("title").asText()).isEqualTo("master");
    assertThat(c.path("incoming").path("title").asText()).isEqualTo("mine");
    assertThat(c.path("incoming").path("start_time").asText()).isEqualTo("2026-02-01T10:00:00Z");
    assertThat(c.path("incoming").path("ics").asText()).contains("SUMMARY:mine");
    assertThat(master.get("/sync/conflicts/" + id).text("uid")).isEqualTo("e1");
    assertThat(master.get("/calendars/team/items").body().path("items").get(0).path("ics").asText())
        .contains("SUMMARY:master");
    assertThat(master.pending("a1")).isEmpty();
  }

  @Test
  void resolve_sourceWins_becomesTheNextVersion_queuedForEveryHolderInclUploader_andTwiceIs409() {
    start("manual", null);
    String id = concurrent(put("e1", ev("mine", "20260120T000000Z"), null)).path("conflict_id").asText();
    master.pending("a2"); // a2 got a1's create; later assertions look at the resolution

    var r = master.post("/sync/conflicts/" + id + "/resolve", "{\"resolution\":\"source_wins\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("version").asLong()).isEqualTo(2);
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(2);
    assertThat(r.body().path("conflict").path("state").asText()).isEqualTo("resolved");
    for (String agent : new String[] {"a1", "a2"}) {
      assertThat(master.pending(agent)).anySatisfy(u -> {
        assertThat(u.path("data").path("version").asLong()).isEqualTo(2);
        assertThat(u.path("data").path("event").path("title").asText()).isEqualTo("mine");
      });
    }
    var twice = master.post("/sync/conflicts/" + id + "/resolve", "{\"resolution\":\"destination_wins\"}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(master.get("/sync/conflicts/recent").body().path("conflicts").get(0).path("resolution").asText())
        .isEqualTo("source_wins");
  }

  @Test
  void resolve_destinationWins_restoresTheMastersVersionAsTheNextOne() {
    start("manual", null);
    String id = concurrent(put("e1", ev("mine", "20260120T000000Z"), null)).path("conflict_id").asText();
    var r = master.post("/sync/conflicts/" + id + "/resolve", "{\"resolution\":\"destination_wins\"}");
    assertThat(r.body().path("version").asLong()).isEqualTo(2);
    assertThat(master.get("/calendars/team/items").body().path("items").get(0).path("ics").asText())
        .contains("SUMMARY:master");
    assertThat(master.pending("a2")).anySatisfy(u -> assertThat(u.path("data").path("version").asLong()).isEqualTo(2));
  }

  @Test
  void resolve_withMergedIcs_storesIt_invalidOrAmbiguousBodiesAre400() {
    start("manual", null);
    String id = concurrent(put("e1", ev("mine", "20260120T000000Z"), null)).path("conflict_id").asText();
    assertThat(master.post("/sync/conflicts/" + id + "/resolve", "{\"ics\":\"not ics\"}").status()).isEqualTo(400);
    String wrongUid = TestIcs.event("e2", "x", null, 0);
    assertThat(master.post("/sync/conflicts/" + id + "/resolve", TestMaster.JSON.createObjectNode().put("ics", wrongUid)
        .toString()).status()).isEqualTo(400);
    assertThat(master.post("/sync/conflicts/" + id + "/resolve", "{\"resolution\":\"both\"}").status()).isEqualTo(400);
    assertThat(master.post("/sync/conflicts/" + id + "/resolve", "{}").status()).isEqualTo(400);
    assertThat(master.post("/sync/conflicts/nope/resolve", "{\"resolution\":\"source_wins\"}").status()).isEqualTo(404);

    String merged = ev("merged", "20260121T000000Z");
    var r = master.post("/sync/conflicts/" + id + "/resolve", TestMaster.JSON.createObjectNode().put("ics", merged).toString());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("conflict").path("resolution").asText()).isEqualTo("merged");
    assertThat(master.get("/calendars/team/items").body().path("items").get(0).path("ics").asText())
        .contains("SUMMARY:merged");
  }

  @Test
  void conflicts_surviveARestart() {
    start("manual", null);
    String id = concurrent(put("e1", ev("mine", "20260120T000000Z"), null)).path("conflict_id").asText();
    master.restart();
    assertThat(master.get("/sync/conflicts/" + id).text("state")).isEqualTo("open");
    assertThat(master.post("/sync/conflicts/" + id + "/resolve", "{\"resolution\":\"source_wins\"}").status()).isEqualTo(200);
  }
}
