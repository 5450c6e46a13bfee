package io.calsync.server;

import static io.calsync.server.TestMaster.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import io.calsync.ical.IcalCodec;
import io.calsync.ical.ParsedCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ICS subscription feeds: content, conditional GET, secret tokens and the busy-only projection. */
class FeedTest {
  /** A private event with everything a busy-only feed must not show, in a time zone. */
  private static final String RICH = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
      "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
      "BEGIN:VEVENT", "UID:rich", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Europe/Berlin:20260301T090000",
      "DTEND;TZID=Europe/Berlin:20260301T100000", "RRULE:FREQ=WEEKLY;COUNT=4", "SUMMARY:Salary talk",
      "DESCRIPTION:secret numbers", "LOCATION:Room 1", "ORGANIZER:mailto:boss@example.com",
      "ATTENDEE:mailto:me@example.com", "CLASS:PUBLIC", "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:remind",
      "TRIGGER:-PT10M", "END:VALARM", "END:VEVENT", "BEGIN:VEVENT", "UID:rich", "DTSTAMP:20260101T000000Z",
      "RECURRENCE-ID;TZID=Europe/Berlin:20260308T090000", "DTSTART;TZID=Europe/Berlin:20260308T110000",
      "DTEND;TZID=Europe/Berlin:20260308T120000", "SUMMARY:Salary talk moved", "LOCATION:Room 2", "END:VEVENT",
      "END:VCALENDAR", "");

  @TempDir Path dir;
  TestMaster master;
  DavClient http;

  @BeforeEach
  void start() {
    master = TestMaster.start(dir.resolve("master"), Map.of("AUTH_ENABLED", "true"));
    master.heartbeatSources("a1", "[" + source("Work", "team") + "," + source("Home", "family") + "]");
    master.upload("a1", "Work", TestMaster.put("rich", RICH, null));
    master.upload("a1", "Home", TestMaster.put("h1", TestIcs.event("h1", "dinner", "20260110T000000Z", 0), null));
    http = new DavClient(master.server.port(), master.adminKey);
  }

  @AfterEach
  void stop() {
    master.close();
  }

  @Test
  void aCalendarFeedParsesWithIcal4jAndHoldsEveryItemWithItsTimeZoneOnce() {
    var r = http.send("GET", "/feeds/team.ics", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/calendar");
    ParsedCalendar parsed = IcalCodec.parseCalendar(r.body(), "feed");
    assertThat(parsed.items()).extracting(Item::uid).containsExactly("rich");
    assertThat(parsed.rejected()).isEmpty();
    assertThat(r.body().split("BEGIN:VTIMEZONE", -1)).hasSize(2);
    assertThat(r.body()).contains("X-WR-CALNAME:team", "Salary talk moved");
  }

  @Test
  void theMergedFeedHoldsEveryCalendarTheCallerMaySee() {
    var all = http.send("GET", "/feeds/all.ics", null);
    assertThat(IcalCodec.parseCalendar(all.body(), "all").items()).extracting(Item::uid)
        .containsExactlyInAnyOrder("rich", "h1");
    assertThat(http.as(null).send("GET", "/feeds/all.ics", null).status()).isEqualTo(401);
    assertThat(http.as(null).send("GET", "/feeds/all.ics", null).header("WWW-Authenticate")).contains("Basic");
  }

  @Test
  void aConditionalGetOfAnUnchangedFeedIs304AndAChangeMakesItA200() {
    var first = http.send("GET", "/feeds/team.ics", null);
    String etag = first.header("ETag");
    assertThat(etag).startsWith("\"");
    assertThat(http.send("GET", "/feeds/team.ics", null, "If-None-Match", etag).status()).isEqualTo(304);
    assertThat(http.send("GET", "/feeds/team.ics", null, "If-Modified-Since", first.header("Last-Modified")).status())
        .isEqualTo(304);
    master.upload("a1", "Work", TestMaster.put("t2", TestIcs.event("t2", "new", "20260110T000000Z", 0), null));
    var changed = http.send("GET", "/feeds/team.ics", null, "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
  }

  @Test
  void aBusyOnlyTokenFeedShowsOnlyWhenTimeIsTakenAndARevokedTokenIs404() {
    var issued = master.post("/feeds/tokens", "{\"calendars\":[\"team\"],\"busy_only\":true,\"name\":\"for the boss\"}");
    assertThat(issued.status()).isEqualTo(201);
    String path = issued.text("path");
    assertThat(issued.text("url")).endsWith(path);
    assertThat(master.get("/feeds/tokens").raw()).contains("for the boss").doesNotContain(path);

    var feed = http.as(null).send("GET", path, null);
    assertThat(feed.status()).isEqualTo(200);
    String body = feed.body();
    assertThat(body).doesNotContain("DESCRIPTION", "LOCATION", "ATTENDEE", "ORGANIZER", "Salary", "VALARM", "h1");
    assertThat(body.lines().filter(l -> l.startsWith("SUMMARY")).toList()).containsOnly("SUMMARY:Busy").hasSize(2);
    assertThat(body).contains("CLASS:PRIVATE", "RRULE:FREQ=WEEKLY;COUNT=4", "RECURRENCE-ID;TZID=Europe/Berlin",
        "DTSTART;TZID=Europe/Berlin:20260308T110000", "BEGIN:VTIMEZONE");
    assertThat(IcalCodec.parseCalendar(body, "busy").items()).hasSize(1);

    String id = issued.text("id");
    assertThat(master.delete("/feeds/tokens/" + id).status()).isEqualTo(200);
    assertThat(http.as(null).send("GET", path, null).status()).isEqualTo(404);
  }

  @Test
  void tokensAreIssuedByTheAdminOnlyAndBadBodiesAre400() {
    String readKey = master.post("/admin/api-keys", "{\"name\":\"viewer\",\"role\":\"read\"}").text("api_key");
    assertThat(master.send("POST", "/feeds/tokens", "{\"calendars\":\"all\"}", readKey).status()).isEqualTo(403);
    assertThat(master.post("/feeds/tokens", "{\"calendars\":[\"nope\"]}").status()).isEqualTo(400);
    assertThat(master.post("/feeds/tokens", "{\"calendars\":42}").status()).isEqualTo(400);
    assertThat(master.post("/feeds/tokens", "{not json").status()).isEqualTo(400);
    assertThat(master.get("/feeds/tokens").body().path("tokens")).isEmpty();
  }

  @Test
  void openapiDescribesTheFeedEndpoints() {
    var paths = master.get("/openapi.json").body().path("paths");
    for (String p : List.of("/feeds/{calendar_id}.ics", "/feeds/t/{token}.ics", "/feeds/tokens", "/feeds/tokens/{token_id}")) {
      assertThat(paths.has(p)).as(p).isTrue();
    }
  }

  @Test
  void pythonIcalendarParsesTheFeedAndTheBusyFeed() throws IOException {
    ThirdPartyClients.requirePythonModule("icalendar", "python3-icalendar");
    String busyPath = master.post("/feeds/tokens", "{\"calendars\":\"all\",\"busy_only\":true}").text("path");
    Path full = dir.resolve("full.ics");
    Path busy = dir.resolve("busy.ics");
    Files.writeString(full, http.send("GET", "/feeds/all.ics", null).body());
    Files.writeString(busy, http.as(null).send("GET", busyPath, null).body());
    Path script = dir.resolve("read.py");
    Files.writeString(script, """
        import sys, icalendar
        for path in sys.argv[1:]:
            cal = icalendar.Calendar.from_ical(open(path, "rb").read())
            events = cal.walk("VEVENT")
            print(path.rsplit("/", 1)[-1], len(events), sorted(set(str(e.get("SUMMARY")) for e in events)),
                  any(e.get(p) is not None for e in events for p in ("DESCRIPTION", "LOCATION", "ATTENDEE")))
        """);
    String out = ThirdPartyClients.runOk(dir, List.of(ThirdPartyClients.PYTHON, script.toString(), full.toString(),
        busy.toString()), null);
    assertThat(out).contains("full.ics 3 ['Salary talk', 'Salary talk moved', 'dinner'] True")
        .contains("busy.ics 3 ['Busy'] False");
  }
}
