package io.calsync.app.e2e;

import static io.calsync.app.e2e.World.PATIENCE;
import static io.calsync.app.e2e.World.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master + two agents as real processes on loopback (issue #5's end-to-end tests), each agent with
 * its own ics folder holding the master calendar "Team": changes travel A → master → B and back,
 * renames reach both folders, concurrent edits settle by each strategy, and killed processes lose
 * and duplicate nothing.
 */
class MasterAndAgentsE2EIT {
  private static final Duration LONG_PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;
  World world;

  @AfterEach
  void stop() {
    if (world != null) world.close();
  }

  private void startWithAgents(Map<String, String> masterEnv) {
    world = World.start(dir, masterEnv);
    world.addAgent("agent-a", Map.of());
    world.addAgent("agent-b", Map.of());
  }

  private boolean bHas(String uid, String summary) {
    String text = world.localByUid("agent-b").get(uid);
    return text != null && text.contains("SUMMARY:" + summary);
  }

  private boolean has(String agentId, String uid, String summary) {
    String text = world.localByUid(agentId).get(uid);
    return text != null && text.contains("SUMMARY:" + summary);
  }

  @Test
  void eventCreatedUpdatedDeletedInA_appearsChangesAndDisappearsInB() {
    startWithAgents(Map.of());

    world.writeEvent("agent-a", "standup", "Standup", null);
    long created = await("B gets the new event", PATIENCE, x -> bHas("standup", "Standup"));
    world.writeEvent("agent-a", "standup", "Standup (moved)", null);
    long updated = await("B gets the change", PATIENCE, x -> bHas("standup", "Standup (moved)"));
    world.deleteEvent("agent-a", "standup");
    long deleted = await("B loses the event", PATIENCE, x -> !world.localByUid("agent-b").containsKey("standup"));

    System.out.printf("A -> B propagation: create %d ms, update %d ms, delete %d ms%n", created, updated, deleted);
    assertThat(world.masterItems()).doesNotContainKey("standup");
    assertThat(world.localEvents("agent-a")).isEmpty();
  }

  @Test
  void eventsCreatedInB_reachA_andTheMaster() {
    startWithAgents(Map.of());

    for (int i = 0; i < 5; i++) world.writeEvent("agent-b", "b-" + i, "From B " + i, null);

    await("A has B's five events", PATIENCE, x -> world.localByUid("agent-a").size() == 5);
    assertThat(world.masterItems()).containsOnlyKeys("b-0", "b-1", "b-2", "b-3", "b-4");
    assertThat(world.localEvents("agent-a")).hasSize(5);
  }

  @Test
  void renameThroughTheApi_renamesAndRecolorsBothLocalCalendars() {
    startWithAgents(Map.of());
    String id = world.teamCalendarId();

    world.api("PUT", "/calendars/" + id, "{\"name\":\"Team (renamed)\",\"color\":\"#FF5733\"}");

    await("both folders renamed", PATIENCE, x -> "Team (renamed)".equals(world.metadataFile("agent-a", "displayname"))
        && "Team (renamed)".equals(world.metadataFile("agent-b", "displayname")));
    await("both folders recoloured", PATIENCE, x -> "#FF5733".equalsIgnoreCase(world.metadataFile("agent-a", "color"))
        && "#FF5733".equalsIgnoreCase(world.metadataFile("agent-b", "color")));
  }

  @Test
  void eventPutThroughTheMastersCaldav_reachesBothAgentFolders() {
    startWithAgents(Map.of());
    world.writeEvent("agent-a", "seed", "Seed", null); // the calendar exists once an event is in it
    await("B has the first event", PATIENCE, x -> bHas("seed", "Seed"));
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//a calendar app//EN\r\nBEGIN:VEVENT\r\nUID:from-phone\r\n"
        + "DTSTAMP:20260102T000000Z\r\nDTSTART:20260306T120000Z\r\nDTEND:20260306T130000Z\r\nSUMMARY:Lunch (phone)\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    int status = world.caldavPut("/dav/calendars/" + world.teamCalendarId() + "/from-phone.ics", ics);

    assertThat(status).isEqualTo(201);
    await("both folders have the event a CalDAV client made", PATIENCE,
        x -> has("agent-a", "from-phone", "Lunch (phone)") && bHas("from-phone", "Lunch (phone)"));
  }

  // ---- concurrent edits: A's edit reaches the master first, B's was made on the same base

  /**
   * Both agents hold "review"; both are stopped, both edit it (B's LAST-MODIFIED is the later),
   * A comes back first and its edit becomes the master's, then B comes back with its edit made on
   * the old version: a concurrent change the master settles by {@code strategy}.
   */
  private void concurrentEdits(String strategy) {
    startWithAgents(Map.of("CONFLICT_RESOLUTION", strategy));
    world.writeEvent("agent-a", "review", "Review", "20260201T090000Z");
    await("B has the event", PATIENCE, x -> bHas("review", "Review"));
    world.agents.get("agent-a").stop();
    world.agents.get("agent-b").stop();

    world.writeEvent("agent-a", "review", "Review (A)", "20260201T100000Z");
    world.writeEvent("agent-b", "review", "Review (B)", "20260201T110000Z");
    world.agents.get("agent-a").restart();
    await("A's edit is the master's", PATIENCE, x -> world.masterItems().getOrDefault("review", "").contains("Review (A)"));
    world.agents.get("agent-b").restart();
  }

  @Test
  void concurrentEdits_sourceWins_theLaterUploadWinsEverywhere() {
    concurrentEdits("source_wins");

    await("both hold B's edit", PATIENCE, x -> has("agent-a", "review", "Review (B)") && bHas("review", "Review (B)"));
    assertThat(world.masterItems().get("review")).contains("Review (B)");
  }

  @Test
  void concurrentEdits_destinationWins_theMastersVersionReplacesBs() {
    concurrentEdits("destination_wins");

    await("B takes A's edit", PATIENCE, x -> bHas("review", "Review (A)"));
    assertThat(has("agent-a", "review", "Review (A)")).isTrue();
    assertThat(world.masterItems().get("review")).contains("Review (A)");
  }

  @Test
  void concurrentEdits_latestWins_theLaterLastModifiedWins() {
    concurrentEdits("latest_wins");

    await("both hold B's (later) edit", PATIENCE, x -> has("agent-a", "review", "Review (B)") && bHas("review", "Review (B)"));
  }

  @Test
  void concurrentEdits_manual_keepBothUntilResolved_thenTheChoiceReachesBoth() {
    concurrentEdits("manual");
    await("a conflict is recorded", PATIENCE, x -> world.api("GET", "/sync/conflicts/recent", null).path("conflicts").size() == 1);
    var conflict = world.api("GET", "/sync/conflicts/recent", null).path("conflicts").get(0);
    assertThat(world.masterItems().get("review")).as("nothing overwritten").contains("Review (A)");
    assertThat(bHas("review", "Review (B)")).as("B keeps its edit").isTrue();

    world.api("POST", "/sync/conflicts/" + conflict.path("id").asText() + "/resolve", "{\"resolution\":\"source_wins\"}");

    await("both hold the chosen (B's) version", PATIENCE,
        x -> has("agent-a", "review", "Review (B)") && bHas("review", "Review (B)"));
    assertThat(world.api("GET", "/sync/conflicts/recent", null).path("conflicts").get(0).path("state").asText())
        .isEqualTo("resolved");
  }

  // ---- crashes

  @Test
  void agentKilledAndRestartedMidStream_nothingLostNothingDuplicated() throws Exception {
    startWithAgents(Map.of());
    CalsyncProcess b = world.agents.get("agent-b");
    CalsyncProcess a = world.agents.get("agent-a");
    int n = 40;
    for (int i = 0; i < n; i++) {
      world.writeEvent("agent-a", "s-" + i, "Stream " + i, null);
      if (i == 10) b.kill();
      if (i == 20) a.kill(); // A's changes 21.. are made while A is down: found by its start-up scan
      if (i == 25) b.restart();
      if (i == 30) a.restart();
      Thread.sleep(40);
    }

    await("B holds all " + n + " events", LONG_PATIENCE, x -> world.localByUid("agent-b").size() == n);
    assertNoDuplicates("agent-b", n);
    assertNoDuplicates("agent-a", n);
    assertThat(world.masterItems()).hasSize(n);
  }

  @Test
  void masterKilledAndRestartedMidStream_nothingLostNothingDuplicated() throws Exception {
    startWithAgents(Map.of());
    int n = 40;
    for (int i = 0; i < n; i++) {
      world.writeEvent("agent-a", "m-" + i, "Meeting " + i, null);
      if (i == 15) world.master.kill();
      if (i == 30) {
        world.master.restart();
        world.awaitMaster();
      }
      Thread.sleep(40);
    }

    await("B holds all " + n + " events", LONG_PATIENCE, x -> world.localByUid("agent-b").size() == n);
    assertNoDuplicates("agent-b", n);
    assertThat(world.masterItems()).hasSize(n);
    world.agents.get("agent-a").awaitLog(Pattern.compile("(?i)master is reachable again|catching up"), PATIENCE);
  }

  private void assertNoDuplicates(String agentId, int n) {
    var events = world.localEvents(agentId);
    Set<String> uids = new HashSet<>();
    events.forEach(e -> uids.add(e.getKey()));
    assertThat(events).as(agentId + ": one file per event").hasSize(n);
    assertThat(uids).hasSize(n);
  }

}
