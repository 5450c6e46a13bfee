package io.calsync.server;

import static io.calsync.server.TestMaster.put;
import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Fetched;
import io.calsync.ical.IcalCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination sync's behaviour, for any destination type: subclasses say which destination
 * ({@link #destinationEnv()}) and how to look into it ({@link #fixture()}).
 */
abstract class DestinationSyncBehaviour {
  @TempDir Path dataDir;
  TestMaster master;

  /** DESTINATION_URL and its credentials. */
  abstract Map<String, String> destinationEnv();

  abstract DestinationFixture fixture();

  TestMaster startMaster(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(destinationEnv());
    env.put("DESTINATION_POLL_SECONDS", "1");
    env.putAll(more);
    master = TestMaster.start(dataDir, env);
    master.heartbeatSources("a1", "[" + source("Work", "team") + "]");
    master.heartbeatSources("a2", "[" + source("Job", "team") + "]");
    return master;
  }

  @AfterEach
  void stop() {
    if (master != null) master.close();
  }

  static String ev(String uid, String summary, String lastModified) {
    return TestIcs.event(uid, summary, lastModified, 0);
  }

  /** The {@code event_update}s queued for the agent so far (acked, so each is seen once). */
  List<JsonNode> eventUpdates(String agent) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode u : master.pending(agent)) {
      master.post("/sync/agents/" + agent + "/updates/" + u.path("id").asText() + "/processed", "{\"success\":true}");
      if (u.path("type").asText().equals("event_update")) out.add(u.path("data"));
    }
    return out;
  }

  @Test
  void agentUpload_appearsInTheDestination_inACalendarWithTheMasterCalendarsName() {
    startMaster(Map.of());

    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null));

    CalendarMeta cal = fixture().calendarNamed("team");
    fixture().awaitItem(cal.id(), "e1", "Planning");
    assertThat(master.get("/health").body().path("destination").path("status").asText()).isEqualTo("ok");
    assertThat(master.get("/sync/destination/status").body().path("calendars").get(0).path("state").asText())
        .isEqualTo("synced");
  }

  @Test
  void destinationEditAndDelete_flowBackToEveryAgentHolder_andAreNotWrittenBackToTheDestination() {
    startMaster(Map.of());
    // two events: deleting the last one would be the engine's "destination emptied" safety stop
    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null),
        put("e2", ev("e2", "Review", "20260110T090000Z"), null));
    CalendarMeta cal = fixture().calendarNamed("team");
    Fetched.Found synced = fixture().awaitItem(cal.id(), "e1", "Planning");
    fixture().awaitItem(cal.id(), "e2", "Review");
    eventUpdates("a1");
    eventUpdates("a2");

    fixture().update(cal.id(), synced, IcalCodec.parseItem(ev("e1", "Moved", "20260111T090000Z"), "test"));

    List<JsonNode> toA1 = await().atMost(DestinationFixture.SOON).until(() -> eventUpdates("a1"), l -> !l.isEmpty());
    assertThat(toA1).extracting(d -> d.path("action").asText()).containsExactly("update");
    assertThat(toA1.getFirst().path("event").path("title").asText()).isEqualTo("Moved");
    assertThat(eventUpdates("a2")).extracting(d -> d.path("action").asText()).containsExactly("update");
    Fetched.Found edited = fixture().item(cal.id(), "e1").orElseThrow();
    sleep(2500); // two polls
    assertThat(fixture().item(cal.id(), "e1").orElseThrow().etag()).as("not written back").isEqualTo(edited.etag());

    fixture().delete(cal.id(), edited);

    List<JsonNode> deletes = await().atMost(DestinationFixture.SOON).until(() -> eventUpdates("a1"), l -> !l.isEmpty());
    assertThat(deletes).extracting(d -> d.path("action").asText()).containsExactly("delete");
    assertThat(fixture().item(cal.id(), "e1")).isEmpty();
  }

  @Test
  void agentChange_isNotQueuedBackToThatAgent() {
    startMaster(Map.of());
    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null));
    fixture().awaitItem(fixture().calendarNamed("team").id(), "e1", "Planning");
    sleep(1500);

    assertThat(eventUpdates("a1")).isEmpty();
    assertThat(eventUpdates("a2")).hasSize(1);
  }

  @Test
  void calendarRename_renamesTheDestinationCalendar() {
    startMaster(Map.of());
    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null));
    CalendarMeta cal = fixture().calendarNamed("team");
    fixture().awaitItem(cal.id(), "e1", "Planning");

    var r = master.put("/calendars/team", "{\"name\":\"Team calendar\",\"color\":\"#3366FF\"}");
    assertThat(r.status()).isEqualTo(200);

    CalendarMeta renamed = fixture().calendarNamed("Team calendar");
    assertThat(renamed.id()).isEqualTo(cal.id());
    assertThat(renamed.color()).isEqualToIgnoringCase("#3366FF");
  }

  @Test
  void restart_doesNotUploadAgain() {
    startMaster(Map.of());
    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null));
    CalendarMeta cal = fixture().calendarNamed("team");
    Fetched.Found first = fixture().awaitItem(cal.id(), "e1", "Planning");

    master.restart();
    master.upload("a1", "Work", put("e2", ev("e2", "Review", "20260110T090000Z"), null));
    fixture().awaitItem(cal.id(), "e2", "Review");

    assertThat(fixture().calendars()).hasSize(1);
    assertThat(fixture().size(cal.id())).isEqualTo(2);
    assertThat(fixture().item(cal.id(), "e1").orElseThrow().etag()).as("e1 not written again").isEqualTo(first.etag());
  }

  @Test
  void manual_concurrentEditsInAnAgentAndTheDestination_makeOneConflictRecord_stableAcrossPolls() {
    startMaster(Map.of("CONFLICT_RESOLUTION", "manual"));
    master.upload("a1", "Work", put("e1", ev("e1", "Planning", "20260110T090000Z"), null));
    CalendarMeta cal = fixture().calendarNamed("team");
    Fetched.Found synced = fixture().awaitItem(cal.id(), "e1", "Planning");

    fixture().update(cal.id(), synced, IcalCodec.parseItem(ev("e1", "Destination edit", "20260111T090000Z"), "test"));
    master.upload("a1", "Work", put("e1", ev("e1", "Agent edit", "20260111T100000Z"), 1L));

    await().atMost(DestinationFixture.SOON).until(() -> openConflicts().size() == 1);
    sleep(3500); // three polls
    List<JsonNode> open = openConflicts();
    assertThat(open).hasSize(1);
    assertThat(open.getFirst().path("uid").asText()).isEqualTo("e1");
    assertThat(fixture().item(cal.id(), "e1").orElseThrow().item().summary()).as("nothing overwritten")
        .isEqualTo("Destination edit");
  }

  List<JsonNode> openConflicts() {
    List<JsonNode> out = new ArrayList<>();
    master.get("/sync/conflicts/recent").body().path("conflicts").forEach(c -> {
      if (c.path("state").asText().equals("open")) out.add(c);
    });
    return out;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(Duration.ofMillis(ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
