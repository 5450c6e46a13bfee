package io.calsync.server;

import static io.calsync.server.TestMaster.del;
import static io.calsync.server.TestMaster.put;
import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event sync over real HTTP: upload, fan-out, listings with tokens, validation, durability. */
class ItemSyncTest {
  @TempDir Path dataDir;
  TestMaster master;

  @BeforeEach
  void start() {
    master = TestMaster.start(dataDir, Map.of());
    master.heartbeatSources("a1", "[" + source("Work", "team") + "]");
    master.heartbeatSources("a2", "[" + source("Job", "team") + "]");
    master.heartbeatSources("a3", """
        [{"type":"google","name":"ReadOnly","allow_event_updates":false,"master_calendar_id":"team"}]""");
    master.pending("a1"); // nothing yet; keeps later assertions about this test's updates only
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private static String ev(String uid, String summary) {
    return TestIcs.event(uid, summary, "20260110T090000Z", 0);
  }

  @Test
  void newItem_isApplied_andQueuedForTheOtherHolderOnly_neverTheOriginNorAReadOnlyHolder() {
    var r = master.upload("a1", "Work", put("e1", ev("e1", "Planning"), null));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("master_calendar_id")).isEqualTo("team");
    assertThat(r.body().path("updates_queued").asInt()).isEqualTo(1);
    JsonNode outcome = r.body().path("results").get(0);
    assertThat(outcome.path("outcome").asText()).isEqualTo("applied");
    assertThat(outcome.path("version").asLong()).isEqualTo(1);

    JsonNode updates = master.pending("a2");
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).path("type").asText()).isEqualTo("event_update");
    JsonNode data = updates.get(0).path("data");
    assertThat(data.path("action").asText()).isEqualTo("create");
    assertThat(data.path("calendar_id").asText()).isEqualTo("prov-Job");
    assertThat(data.path("master_calendar_id").asText()).isEqualTo("team");
    assertThat(data.path("source_name").asText()).isEqualTo("Job");
    assertThat(data.path("uid").asText()).isEqualTo("e1");
    assertThat(data.path("version").asLong()).isEqualTo(1);
    assertThat(data.path("event").path("id").asText()).isEqualTo("e1");
    assertThat(data.path("event").path("title").asText()).isEqualTo("Planning");
    assertThat(data.path("event").path("start_time").asText()).isEqualTo("2026-02-01T10:00:00Z");
    assertThat(data.path("event").path("end_time").asText()).isEqualTo("2026-02-01T11:00:00Z");
    assertThat(data.path("event").path("ics").asText()).contains("UID:e1");
    assertThat(master.pending("a1")).as("never the origin").isEmpty();
    assertThat(master.pending("a3")).as("allow_event_updates false").isEmpty();
  }

  @Test
  void updateAndDelete_onTheCurrentVersion_queueUpdateThenDelete() {
    master.upload("a1", "Work", put("e1", ev("e1", "v1"), null));
    var upd = master.upload("a2", "Job", put("e1", ev("e1", "v2"), 1L));
    var gone = master.upload("a2", "Job", del("e1", 2L));

    assertThat(upd.body().path("results").get(0).path("version").asLong()).isEqualTo(2);
    assertThat(gone.body().path("results").get(0).path("outcome").asText()).isEqualTo("applied");
    assertThat(gone.body().path("results").get(0).path("version").asLong()).isEqualTo(3);
    JsonNode toA1 = master.pending("a1");
    assertThat(toA1).extracting(u -> u.path("data").path("action").asText()).containsExactly("update", "delete");
    assertThat(master.pending("a2")).hasSize(1).as("only the create from a1");
  }

  @Test
  void reUpload_ofTheSameContent_isUnchanged_evenWithANewDtstamp() {
    master.upload("a1", "Work", put("e1", ev("e1", "Planning"), null));

    var again = master.upload("a1", "Work",
        put("e1", TestIcs.event("e1", "Planning", "20260110T090000Z", 0, "20260301T000000Z"), 1L));
    var fromOther = master.upload("a2", "Job", put("e1", ev("e1", "Planning"), null));

    assertThat(again.body().path("results").get(0).path("outcome").asText()).isEqualTo("unchanged");
    assertThat(again.body().path("results").get(0).path("version").asLong()).isEqualTo(1);
    assertThat(fromOther.body().path("results").get(0).path("outcome").asText()).as("same edit on both sides")
        .isEqualTo("unchanged");
    assertThat(again.body().path("updates_queued").asInt()).isZero();
    assertThat(master.pending("a2")).as("only the first upload's create").hasSize(1);
  }

  @Test
  void listing_pagesWithTokens_sinceZeroIsLiveOnly_laterTokensIncludeTombstones() {
    master.upload("a1", "Work", put("e1", ev("e1", "one"), null), put("e2", ev("e2", "two"), null),
        put("e3", ev("e3", "three"), null));
    master.upload("a1", "Work", del("e2", 1L));

    var first = master.get("/sync/agents/a2/items?source_name=Job&limit=1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text("master_calendar_id")).isEqualTo("team");
    assertThat(first.body().path("more").asBoolean()).isTrue();
    List<String> seen = new ArrayList<>();
    first.body().path("items").forEach(i -> seen.add(i.path("uid").asText()));
    long token = first.body().path("token").asLong();
    boolean more = true;
    while (more) {
      var page = master.get("/sync/agents/a2/items?source_name=Job&limit=1&since=" + token);
      page.body().path("items").forEach(i -> seen.add(i.path("uid").asText() + (i.path("deleted").asBoolean() ? "-" : "")));
      token = page.body().path("token").asLong();
      more = page.body().path("more").asBoolean();
    }
    assertThat(seen).containsExactly("e1", "e3", "e2-");

    var liveOnly = master.get("/sync/agents/a2/items?source_name=Job");
    assertThat(liveOnly.body().path("items")).extracting(i -> i.path("uid").asText()).containsExactly("e1", "e3");
    assertThat(liveOnly.body().path("items").get(0).path("content_hash").asText()).matches("[0-9a-f]{64}");
    assertThat(liveOnly.body().path("more").asBoolean()).isFalse();
    long after = liveOnly.body().path("token").asLong();
    assertThat(master.get("/sync/agents/a2/items?source_name=Job&since=" + after).body().path("items")).isEmpty();

    master.upload("a1", "Work", put("e1", ev("e1", "one, moved"), 1L));
    var changed = master.get("/sync/agents/a2/items?source_name=Job&since=" + after).body().path("items");
    assertThat(changed).hasSize(1);
    assertThat(changed.get(0).path("version").asLong()).isEqualTo(2);
  }

  @Test
  void listing_rejectsBadParameters_andUnknownSource() {
    assertThat(master.get("/sync/agents/a2/items?source_name=Job&limit=5001").status()).isEqualTo(400);
    assertThat(master.get("/sync/agents/a2/items?source_name=Job&since=-1").status()).isEqualTo(400);
    assertThat(master.get("/sync/agents/a2/items").status()).isEqualTo(400);
    var unknown = master.get("/sync/agents/a2/items?source_name=Nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("detail")).contains("'Nope'");
  }

  @Test
  void malformedIcs_uidMismatch_andBadAction_areRejected_theRestOfTheBatchIsApplied() {
    var r = master.upload("a1", "Work",
        put("bad", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:bad\r\n", null),
        put("e1", ev("other-uid", "x"), null),
        "{\"uid\":\"e2\",\"action\":\"move\"}",
        put("ok", ev("ok", "fine"), null));

    assertThat(r.status()).isEqualTo(200);
    JsonNode results = r.body().path("results");
    assertThat(results).extracting(n -> n.path("outcome").asText())
        .containsExactly("rejected", "rejected", "rejected", "applied");
    assertThat(results.get(0).path("message").asText()).contains("not valid iCalendar");
    assertThat(results.get(1).path("message").asText()).contains("other-uid");
    assertThat(results.get(2).path("message").asText()).contains("put or delete");
    assertThat(master.get("/calendars/team/items").body().path("items")).extracting(i -> i.path("uid").asText())
        .containsExactly("ok");
  }

  @Test
  void malformedJson_is400_unknownSource_is404_tooManyChanges_is413() {
    var bad = master.post("/sync/agents/a1/items", "{\"source_name\":\"Work\",\"changes\":[{\"uid\":");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("problem+json");

    var unknown = master.upload("a1", "Elsewhere", put("e1", ev("e1", "x"), null));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.text("detail")).contains("'Elsewhere'");

    String[] many = new String[1001];
    java.util.Arrays.fill(many, del("x", null));
    var tooMany = master.upload("a1", "Work", many);
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.text("detail")).contains("at most 1000 changes");
  }

  @Test
  void gzipBody_isAccepted() {
    String body = "{\"source_name\":\"Work\",\"changes\":[" + put("gz", ev("gz", "zipped"), null) + "]}";
    var r = master.postGzip("/sync/agents/a1/items", body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("results").get(0).path("outcome").asText()).isEqualTo("applied");

    var broken = master.send("POST", "/sync/agents/a1/items", body, null);
    assertThat(broken.status()).as("plain JSON still works").isEqualTo(200);
  }

  @Test
  void items_andVersions_surviveARestart() {
    master.upload("a1", "Work", put("e1", ev("e1", "before"), null));
    long token = master.get("/sync/agents/a2/items?source_name=Job").body().path("token").asLong();

    master.restart();

    var next = master.upload("a2", "Job", put("e1", ev("e1", "after"), 1L));
    assertThat(next.body().path("results").get(0).path("version").asLong()).isEqualTo(2);
    var changed = master.get("/sync/agents/a1/items?source_name=Work&since=" + token).body();
    assertThat(changed.path("items")).hasSize(1);
    assertThat(changed.path("token").asLong()).isGreaterThan(token);
    assertThat(master.pending("a2")).as("the queued create survived too").hasSize(1);
  }

  @Test
  void masterCalendarNamed_byTwoAgents_isOneCalendar_andIdOrNameBothJoinIt() {
    master.heartbeatSources("b1", "[" + source("Home", "Family Calendar") + "]");
    master.heartbeatSources("b2", "[" + source("Fam", "Family Calendar") + "]");
    String id = master.upload("b1", "Home", put("f1", ev("f1", "Dinner"), null)).text("master_calendar_id");
    master.heartbeatSources("b3", "[" + source("ById", id) + "]");

    assertThat(id).startsWith("cal-");
    var cals = master.get("/calendars").body().path("calendars");
    JsonNode family = null;
    for (JsonNode c : cals) if (c.path("name").asText().equals("Family Calendar")) family = c;
    assertThat(family).isNotNull();
    assertThat(family.path("id").asText()).isEqualTo(id);
    assertThat(family.path("sources")).extracting(s -> s.path("agent_id").asText()).containsExactly("b1", "b2", "b3");
    assertThat(master.pending("b2")).hasSize(1);
    assertThat(master.get("/sync/agents/b3/items?source_name=ById").body().path("items")).hasSize(1);
  }

  @Test
  void calendarItems_forAdmins_listTheConsolidatedItems_unknownCalendarIs404() {
    master.upload("a1", "Work", put("e1", ev("e1", "x"), null));
    var r = master.get("/calendars/team/items");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("items").get(0).path("ics").asText()).contains("SUMMARY:x");
    assertThat(master.get("/calendars/nope/items").status()).isEqualTo(404);
  }

  @Test
  void appliedChange_isRecordedInTheActivity() {
    master.upload("a1", "Work", put("e1", ev("e1", "x"), null));
    assertThat(master.get("/sync/activity/recent").body().path("activity"))
        .anySatisfy(a -> assertThat(a.path("kind").asText()).isEqualTo("item_applied"));
  }

  @Test
  void destinationChange_fansOutToEveryAgentHolder_andTellsTheChangeListenerAfterCommit() {
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    ItemService items = master.server.items();
    items.addChangeListener(told::add);

    var outcome = items.applyFromDestination("team", io.calsync.protocol.ItemChange.put("d1", ev("d1", "From Exchange"), null));

    assertThat(outcome.outcome()).isEqualTo("applied");
    assertThat(told).containsExactly("team");
    assertThat(master.pending("a1")).hasSize(1);
    assertThat(master.pending("a2")).hasSize(1);
    var page = items.changesSince("team", 0, 10);
    assertThat(page.items()).singleElement().satisfies(i -> {
      assertThat(i.originKind()).isEqualTo(io.calsync.server.store.ItemRepository.OriginKind.DESTINATION);
      assertThat(i.version()).isEqualTo(1);
    });
    assertThat(page.more()).isFalse();
    assertThat(page.token()).isEqualTo(page.items().get(0).seq());
  }
}
