package io.calsync.app.e2e;

import static io.calsync.app.e2e.World.PATIENCE;
import static io.calsync.app.e2e.World.await;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.caldav.CaldavStorageFactory;
import io.calsync.provider.caldav.RadicaleServer;
import io.calsync.provider.caldav.ServerHarness;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose source is a CalDAV calendar (a real Radicale, as a user's Nextcloud or Mailcow
 * calendar would be) and an agent with an ics folder, both holding "Team" through the master.
 */
class CaldavSourceE2EIT {
  @TempDir Path dir;
  RadicaleServer radicale;
  World world;

  @AfterEach
  void stop() {
    if (world != null) world.close();
    if (radicale != null) radicale.close();
  }

  private Map<String, String> events(URI calendar) {
    Map<String, String> out = new LinkedHashMap<>();
    try (CalendarStorage storage = CaldavStorageFactory.openStorage(calendar, radicale.settings())) {
      List<String> hrefs = storage.list().items().stream().map(ListedItem::href).toList();
      for (Fetched f : storage.get(hrefs)) {
        if (f instanceof Fetched.Found found) out.put(found.item().uid(), found.item().text());
      }
    }
    return out;
  }

  @Test
  void changesTravelBetweenAnIcsFolderAndACaldavCalendar_bothWays() {
    radicale = RadicaleServer.start();
    URI calendar = radicale.newCalendar("Team at the office");
    world = World.start(dir, Map.of());
    world.addAgent("laptop", Map.of());
    world.addAgentWithSource("groupware", Map.of(
        "type", "caldav", "name", "Team", "calendar_id", calendar.toString(), "master_calendar", "Team",
        "allow_metadata_updates", true, "allow_event_updates", true,
        "credentials", Map.of("username", ServerHarness.USER, "password", ServerHarness.PASSWORD)));

    world.writeEvent("laptop", "design-review", "Design review", null);
    long down = await("the CalDAV calendar gets the laptop's event", PATIENCE,
        x -> events(calendar).getOrDefault("design-review", "").contains("SUMMARY:Design review"));

    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//another client//EN\r\nBEGIN:VEVENT\r\nUID:budget\r\n"
        + "DTSTAMP:20260102T000000Z\r\nDTSTART:20260305T090000Z\r\nDTEND:20260305T100000Z\r\nSUMMARY:Budget\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    var put = radicale.raw("PUT", calendar.resolve("budget.ics"), "text/calendar; charset=utf-8", ics, "If-None-Match", "*");
    org.assertj.core.api.Assertions.assertThat(put.statusCode()).isBetween(200, 299);
    long up = await("the laptop gets the event made in the CalDAV calendar", PATIENCE,
        x -> world.localByUid("laptop").getOrDefault("budget", "").contains("SUMMARY:Budget"));
    System.out.printf("ics -> CalDAV source %d ms; CalDAV source -> ics %d ms (poll every 5 s)%n", down, up);
  }
}
