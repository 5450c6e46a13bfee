package io.calsync.app.e2e;

import static io.calsync.app.e2e.World.PATIENCE;
import static io.calsync.app.e2e.World.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.caldav.CaldavAccount;
import io.calsync.provider.caldav.RadicaleServer;
import io.calsync.provider.caldav.ServerHarness;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master + two agents + a destination CalDAV server (a real Radicale), all real processes on
 * loopback: what agent A writes reaches agent B and the destination; what a user changes in the
 * destination with another CalDAV client reaches both agents.
 */
class DestinationE2EIT {
  @TempDir Path dir;
  RadicaleServer radicale;
  World world;

  @BeforeEach
  void start() {
    radicale = RadicaleServer.start();
    world = World.start(dir, Map.of(
        "DESTINATION_URL", "caldav+" + radicale.home(),
        "DESTINATION_USERNAME", ServerHarness.USER,
        "DESTINATION_PASSWORD", ServerHarness.PASSWORD,
        "DESTINATION_POLL_SECONDS", "1"));
    world.addAgent("agent-a", Map.of());
    world.addAgent("agent-b", Map.of());
  }

  @AfterEach
  void stop() {
    if (world != null) world.close();
    if (radicale != null) radicale.close();
  }

  /** The destination calendar named like the master calendar "Team", if it exists yet. */
  private String destinationCalendarId() {
    try (CaldavAccount account = CaldavAccount.discover(radicale.home(), radicale.settings())) {
      return account.listCalendars().stream().filter(c -> "Team".equals(c.name())).map(CalendarMeta::id)
          .findFirst().orElse(null);
    }
  }

  /** The destination's events of "Team": UID → ICS, read by calsync's CalDAV client as a user's app would. */
  private Map<String, String> destinationEvents() {
    String id = destinationCalendarId();
    Map<String, String> out = new LinkedHashMap<>();
    if (id == null) return out;
    try (CaldavAccount account = CaldavAccount.discover(radicale.home(), radicale.settings());
        CalendarStorage calendar = account.open(id)) {
      List<String> hrefs = calendar.list().items().stream().map(ListedItem::href).toList();
      for (Fetched f : calendar.get(hrefs)) {
        if (f instanceof Fetched.Found found) out.put(found.item().uid(), found.item().text());
      }
    }
    return out;
  }

  private URI destinationHref(String uid) {
    String id = destinationCalendarId();
    try (CaldavAccount account = CaldavAccount.discover(radicale.home(), radicale.settings());
        CalendarStorage calendar = account.open(id)) {
      for (Fetched f : calendar.get(calendar.list().items().stream().map(ListedItem::href).toList())) {
        if (f instanceof Fetched.Found found && found.item().uid().equals(uid)) {
          // hrefs are relative to the calendar collection
          URI collection = radicale.home().resolve(java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20") + "/");
          return collection.resolve(found.href());
        }
      }
    }
    throw new AssertionError("no " + uid + " in the destination");
  }

  private boolean local(String agentId, String uid, String summary) {
    String text = world.localByUid(agentId).get(uid);
    return text != null && text.contains("SUMMARY:" + summary);
  }

  @Test
  void eventWrittenInA_reachesBAndTheDestination_andDestinationEditsReachBoth() {
    world.writeEvent("agent-a", "kickoff", "Kickoff", null);
    world.writeEvent("agent-a", "retro", "Retro", null);

    long toB = await("B has both", PATIENCE, x -> local("agent-b", "kickoff", "Kickoff") && local("agent-b", "retro", "Retro"));
    long toDestination = await("the destination has both", PATIENCE, x -> destinationEvents().keySet().containsAll(List.of("kickoff", "retro")));
    System.out.printf("A -> B %d ms, A -> destination %d ms (after B)%n", toB, toDestination);

    // a user edits one event and deletes the other in their calendar app (plain CalDAV requests)
    String edited = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//another client//EN\r\nBEGIN:VEVENT\r\nUID:kickoff\r\n"
        + "DTSTAMP:20260102T000000Z\r\nDTSTART:20260301T140000Z\r\nDTEND:20260301T150000Z\r\n"
        + "SUMMARY:Kickoff (moved in the destination)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    var put = radicale.raw("PUT", destinationHref("kickoff"), "text/calendar; charset=utf-8", edited);
    assertThat(put.statusCode()).isBetween(200, 299);
    var delete = radicale.raw("DELETE", destinationHref("retro"), null, null);
    assertThat(delete.statusCode()).isBetween(200, 299);

    long back = await("both agents have the destination's edit and deletion", PATIENCE,
        x -> local("agent-a", "kickoff", "Kickoff (moved in the destination)")
            && local("agent-b", "kickoff", "Kickoff (moved in the destination)")
            && !world.localByUid("agent-a").containsKey("retro") && !world.localByUid("agent-b").containsKey("retro"));
    System.out.printf("destination -> both agents %d ms%n", back);
    assertThat(destinationEvents()).containsOnlyKeys("kickoff");
  }

  @Test
  void renameThroughTheApi_renamesTheDestinationCalendarAndBothFolders() {
    world.writeEvent("agent-b", "planning", "Planning", null);
    await("the destination calendar exists", PATIENCE, x -> destinationEvents().containsKey("planning"));
    String masterId = world.teamCalendarId();
    String destinationId = destinationCalendarId();

    world.api("PUT", "/calendars/" + masterId, "{\"name\":\"Team 2027\"}");

    await("destination renamed", PATIENCE, x -> {
      try (CaldavAccount account = CaldavAccount.discover(radicale.home(), radicale.settings())) {
        return account.listCalendars().stream().anyMatch(c -> c.id().equals(destinationId) && "Team 2027".equals(c.name()));
      }
    });
    await("both folders renamed", PATIENCE, x -> "Team 2027".equals(world.metadataFile("agent-a", "displayname"))
        && "Team 2027".equals(world.metadataFile("agent-b", "displayname")));
  }
}
