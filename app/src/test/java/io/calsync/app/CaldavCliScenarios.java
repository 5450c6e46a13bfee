package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.ical.IcalCodec;
import io.calsync.provider.caldav.CaldavStorage;
import io.calsync.provider.caldav.ServerHarness;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code calsync sync}, {@code conflicts} and {@code discover caldav} end to end through the CLI
 * (in this process), between a vdir folder and a calendar on a real CalDAV server started by a
 * subclass (one server per class; each test makes its own calendar). Changes "on the server" are
 * made with plain HTTP requests, as another client would make them.
 */
abstract class CaldavCliScenarios {

  abstract ServerHarness server();

  @TempDir Path tmp;
  Path local;
  Path state;
  Path credentials;
  URI calendar;

  @BeforeEach
  void calendarAndFolder() throws Exception {
    local = tmp.resolve("local");
    state = tmp.resolve("state");
    Files.createDirectories(local);
    credentials = tmp.resolve("dav.json");
    Files.writeString(
        credentials,
        "{\"username\": \"" + ServerHarness.USER + "\", \"password\": \""
            + ServerHarness.PASSWORD + "\"}\n");
    calendar = server().newCalendar("CLI test");
  }

  // ------------------------------------------------------------------ the scenarios

  @Test
  void upload_pull_push_and_delete_both_ways_then_nothing_to_do() throws Exception {
    Ics.write(local, "one", "Planning", 0);
    Ics.write(local, "two", "Review", 0);
    Ics.write(local, "three", "Retro", 0);

    Cli.Result first = sync();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("destination (caldav:" + calendar + "): 3 created");
    assertThat(serverEvents()).containsOnlyKeys("one", "two", "three");
    assertNothingToDo(sync());

    // made on the server by another client: one new event, one edited
    put("four.ics", Ics.event("four", "Made on the server", 1));
    String href = serverHref("two");
    put(href, Ics.event("two", "Review (moved on the server)", 5));
    Cli.Result pulled = sync();
    assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
    assertThat(pulled.out()).contains("source (ics:" + local + "): 1 created, 1 updated, 0 deleted");
    assertThat(Ics.read(local, "four")).contains("SUMMARY:Made on the server");
    assertThat(Ics.read(local, "two")).contains("SUMMARY:Review (moved on the server)");

    // made locally
    Ics.write(local, "one", "Planning (moved locally)", 6);
    Cli.Result pushed = sync();
    assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
    assertThat(serverEvents().get("one")).contains("SUMMARY:Planning (moved locally)");

    // deletions both ways
    Files.delete(local.resolve("three.ics"));
    assertThat(sync().exitCode()).isZero();
    assertThat(serverEvents()).containsOnlyKeys("one", "two", "four");
    HttpResponse<String> deleted = server().raw("DELETE", calendar.resolve("four.ics"), null, null);
    assertThat(deleted.statusCode()).isBetween(200, 299);
    Cli.Result afterDelete = sync();
    assertThat(afterDelete.exitCode()).as(afterDelete.toString()).isZero();
    assertThat(Ics.files(local)).containsExactly("one.ics", "two.ics");

    assertNothingToDo(sync());
  }

  @Test
  void recurrences_with_overrides_in_several_time_zones_round_trip() throws Exception {
    Files.writeString(local.resolve("series.ics"), SERIES);
    Files.writeString(local.resolve("tokyo.ics"), TOKYO);
    Files.writeString(local.resolve("allday.ics"), ALL_DAY);

    Cli.Result up = sync();
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out()).contains("3 created");
    assertNothingToDo(sync()); // the server's re-serialisation is not a change

    // a second folder paired with the same calendar gets the same events back
    Path copy = tmp.resolve("copy");
    Cli.Result down =
        Cli.run(
            "sync", "--from", "ics:" + copy, "--to", "caldav+" + calendar,
            "--to-credentials", credentials.toString(), "--state", tmp.resolve("state2").toString());
    assertThat(down.exitCode()).as(down.toString()).isZero();
    for (String uid : List.of("series", "tokyo", "allday")) {
      String original = Files.readString(local.resolve(uid + ".ics"));
      String back = Ics.read(copy, uid);
      assertThat(IcalCodec.parseItem(back, uid).hash())
          .as("%s after a round trip through the server:%n%s", uid, back)
          .isEqualTo(IcalCodec.parseItem(original, uid).hash());
    }
    String series = unfold(Ics.read(copy, "series"));
    assertThat(series)
        .contains("DTSTART;TZID=Europe/Berlin:20260105T100000")
        .contains("RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000")
        .contains("DTSTART;TZID=America/New_York:20260112T090000")
        .contains("SUMMARY:Weekly (moved to New York)")
        .contains("EXDATE");
    assertThat(unfold(Ics.read(copy, "tokyo"))).contains("DTSTART;TZID=Asia/Tokyo:20260120T180000");
    assertThat(unfold(Ics.read(copy, "allday"))).contains("DTSTART;VALUE=DATE:20260130");

    // an override added on the server reaches the folder
    String withSecondOverride =
        SERIES.replace("END:VCALENDAR", OVERRIDE_2 + "END:VCALENDAR");
    put(serverHref("series"), withSecondOverride);
    Cli.Result pulled = sync();
    assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
    assertThat(unfold(Ics.read(local, "series")))
        .contains("RECURRENCE-ID;TZID=Europe/Berlin:20260126T100000")
        .contains("SUMMARY:Weekly (late start)");
    assertNothingToDo(sync());
  }

  @Test
  void conflicts_are_settled_by_each_strategy_and_manual_ones_by_resolve() throws Exception {
    for (String uid : List.of("c-src", "c-dst", "c-late", "c-man")) {
      put(uid + ".ics", Ics.event(uid, "Original " + uid, 0));
    }
    Cli.Result first = sync();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(Ics.files(local)).hasSize(4);

    // source_wins: the folder's older edit beats the server's newer one
    Ics.write(local, "c-src", "local src", 10);
    put("c-src.ics", Ics.event("c-src", "server src", 20));
    Cli.Result src = sync("--conflict", "source_wins");
    assertThat(src.exitCode()).as(src.toString()).isZero();
    assertThat(get("c-src.ics")).contains("SUMMARY:local src");
    assertThat(Ics.read(local, "c-src")).contains("SUMMARY:local src");

    // destination_wins: the server's older edit beats the folder's newer one
    Ics.write(local, "c-dst", "local dst", 20);
    put("c-dst.ics", Ics.event("c-dst", "server dst", 10));
    Cli.Result dst = sync("--conflict", "destination_wins");
    assertThat(dst.exitCode()).as(dst.toString()).isZero();
    assertThat(Ics.read(local, "c-dst")).contains("SUMMARY:server dst");
    assertThat(get("c-dst.ics")).contains("SUMMARY:server dst");

    // latest_wins (the default): the later LAST-MODIFIED, here the server's
    Ics.write(local, "c-late", "local late", 30);
    put("c-late.ics", Ics.event("c-late", "server later", 40));
    Cli.Result late = sync();
    assertThat(late.exitCode()).as(late.toString()).isZero();
    assertThat(Ics.read(local, "c-late")).contains("SUMMARY:server later");

    // manual: nothing overwritten, exit 3, then conflicts resolve writes the kept version
    Ics.write(local, "c-man", "local manual", 50);
    put("c-man.ics", Ics.event("c-man", "server manual", 45));
    Cli.Result manual = sync("--conflict", "manual");
    assertThat(manual.exitCode()).as(manual.toString()).isEqualTo(3);
    assertThat(Ics.read(local, "c-man")).contains("SUMMARY:local manual");
    assertThat(get("c-man.ics")).contains("SUMMARY:server manual");
    Cli.Result list = Cli.run("conflicts", "list", "--state", state.toString());
    Matcher id = Pattern.compile("(?m)^(\\S+)\\s+ics:").matcher(list.out());
    assertThat(id.find()).as(list.toString()).isTrue();
    Cli.Result resolve =
        Cli.run(
            "conflicts", "resolve", id.group(1), "--keep", "destination",
            "--to-credentials", credentials.toString(), "--state", state.toString());
    assertThat(resolve.exitCode())
        .as("%s%nbefore: %s%n%s", resolve, list, Cli.run("conflicts", "show", id.group(1), "--state", state.toString()))
        .isZero();
    assertThat(Ics.read(local, "c-man")).contains("SUMMARY:server manual");

    assertNothingToDo(sync());
  }

  @Test
  void credentials_come_from_the_environment_or_a_file_and_stay_out_of_the_state_db()
      throws Exception {
    Ics.write(local, "one", "Planning", 0);
    Map<String, String> env =
        Map.of("CALSYNC_USERNAME", ServerHarness.USER, "CALSYNC_PASSWORD", ServerHarness.PASSWORD);
    String[] args = {
      "sync", "--from", "ics:" + local, "--to", "caldav+" + calendar, "--state", state.toString()
    };
    Cli.Result viaEnv = Cli.run(env, args);
    assertThat(viaEnv.exitCode()).as(viaEnv.toString()).isZero();
    // the same pair with a credentials file instead: nothing to do
    assertNothingToDo(sync());

    Cli.Result none = Cli.run(args);
    assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
    Path wrong = tmp.resolve("wrong.properties");
    Files.writeString(wrong, "username=" + ServerHarness.USER + "\npassword=not-the-Secret-42\n");
    Cli.Result denied =
        Cli.run(
            "--debug", "sync", "--from", "ics:" + local, "--to", "caldav+" + calendar,
            "--to-credentials", wrong.toString(), "--state", state.toString());
    assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(1);
    assertThat(denied.err()).contains("calsync: error:").doesNotContain("not-the-Secret-42");

    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    try (var files = Files.list(state)) { // state.db and its -wal/-shm files, if any
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("state.db")).toList()) {
        all.write(Files.readAllBytes(f));
      }
    }
    byte[] db = all.toByteArray();
    String dbText = new String(db, StandardCharsets.ISO_8859_1);
    assertThat(dbText).contains(calendar.toString()).doesNotContain("s3cret");
    assertThat(new String(db, StandardCharsets.UTF_8)).doesNotContain(ServerHarness.PASSWORD);
  }

  @Test
  void discover_lists_the_calendars_and_prints_agent_configuration() throws Exception {
    Cli.Result r =
        Cli.run(
            "discover", "caldav", server().root().toString(), "--credentials",
            credentials.toString(), "-o", tmp.resolve("sources.json").toString());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("CalDAV calendar home " + server().home())
        .contains("CLI test")
        .contains(calendar.toString())
        .contains("\"calendar_sources\": [")
        .contains("\"type\": \"caldav\"")
        .contains("\"calendar_id\": \"" + calendar + "\"")
        .contains("\"allow_metadata_updates\": true")
        .contains("\"allow_event_updates\": true");
    assertThat(Files.readString(tmp.resolve("sources.json")))
        .startsWith("{\n  \"calendar_sources\": [")
        .contains(calendar.toString());

    // from the principal, with the environment's credentials
    Cli.Result fromPrincipal =
        Cli.run(
            Map.of("CALSYNC_USERNAME", ServerHarness.USER, "CALSYNC_PASSWORD", ServerHarness.PASSWORD),
            "discover", "caldav", server().principal().toString());
    assertThat(fromPrincipal.exitCode()).as(fromPrincipal.toString()).isZero();
    assertThat(fromPrincipal.out()).contains(calendar.toString());
  }

  @Test
  void a_rename_and_recolor_reach_the_other_side_both_ways() throws Exception {
    Ics.write(local, "one", "Planning", 0);
    Cli.Result first = sync();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertNothingToDo(sync());

    // on the server, by another client
    HttpResponse<String> patched =
        server().raw(
            "PROPPATCH", calendar, "application/xml; charset=utf-8",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propertyupdate xmlns:d=\"DAV:\""
                + " xmlns:a=\"http://apple.com/ns/ical/\"><d:set><d:prop>"
                + "<d:displayname>Renamed on the server</d:displayname>"
                + "<a:calendar-color>#3366CCFF</a:calendar-color>"
                + "</d:prop></d:set></d:propertyupdate>");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(207);
    Cli.Result pulled = sync();
    assertThat(pulled.exitCode()).as(pulled.toString()).isZero();
    assertThat(Files.readString(local.resolve("displayname")).strip())
        .isEqualTo("Renamed on the server");
    assertThat(Files.readString(local.resolve("color")).strip()).startsWithIgnoringCase("#3366CC");

    // in the folder
    Files.writeString(local.resolve("displayname"), "Renamed in the folder");
    Files.writeString(local.resolve("color"), "#118844");
    Cli.Result pushed = sync();
    assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
    String props =
        server()
            .raw(
                "PROPFIND", calendar, "application/xml; charset=utf-8",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\""
                    + " xmlns:a=\"http://apple.com/ns/ical/\"><d:prop><d:displayname/>"
                    + "<a:calendar-color/></d:prop></d:propfind>",
                "Depth", "0")
            .body();
    assertThat(props).contains("Renamed in the folder").containsIgnoringCase("#118844");
    assertNothingToDo(sync());
  }

  // ------------------------------------------------------------------ helpers

  Cli.Result sync(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sync", "--from", "ics:" + local, "--to", "caldav+" + calendar,
                "--to-credentials", credentials.toString(), "--state", state.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  static void assertNothingToDo(Cli.Result r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .as(r.toString())
        .containsPattern("source \\(.*\\): 0 created, 0 updated, 0 deleted")
        .containsPattern("destination \\(.*\\): 0 created, 0 updated, 0 deleted");
  }

  void put(String href, String text) {
    HttpResponse<String> r =
        server().raw("PUT", calendar.resolve(href), "text/calendar; charset=utf-8", text);
    assertThat(r.statusCode()).as("PUT %s: %s", href, r.body()).isBetween(200, 299);
  }

  String get(String href) {
    HttpResponse<String> r = server().raw("GET", calendar.resolve(href), null, null);
    assertThat(r.statusCode()).as("GET %s", href).isEqualTo(200);
    return unfold(r.body());
  }

  /** UID → text of every event in the calendar, read by a client of its own. */
  Map<String, String> serverEvents() {
    try (CaldavStorage s = CaldavStorage.open(calendar, server().settings())) {
      List<String> hrefs = s.list().items().stream().map(ListedItem::href).toList();
      Map<String, String> out = new java.util.TreeMap<>();
      for (Fetched f : s.get(hrefs)) {
        if (f instanceof Fetched.Found found) {
          out.put(found.item().uid(), unfold(found.item().text()));
        }
      }
      return out;
    }
  }

  /** The server's href (relative to the calendar) of the event with this UID. */
  String serverHref(String uid) {
    try (CaldavStorage s = CaldavStorage.open(calendar, server().settings())) {
      List<String> hrefs = s.list().items().stream().map(ListedItem::href).toList();
      Optional<String> href =
          s.get(hrefs).stream()
              .filter(f -> f instanceof Fetched.Found found && found.item().uid().equals(uid))
              .map(f -> ((Fetched.Found) f).href())
              .findFirst();
      assertThat(href).as("UID %s on the server", uid).isPresent();
      return href.get();
    }
  }

  static String unfold(String text) {
    return text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "");
  }

  // ------------------------------------------------------------------ events

  private static final String BERLIN = DemoEvents.BERLIN;
  private static final String NEW_YORK = DemoEvents.NEW_YORK;

  private static final String OVERRIDE_2 =
      """
      BEGIN:VEVENT
      UID:series
      DTSTAMP:20260104T090000Z
      LAST-MODIFIED:20260104T090000Z
      RECURRENCE-ID;TZID=Europe/Berlin:20260126T100000
      DTSTART;TZID=Europe/Berlin:20260126T113000
      DTEND;TZID=Europe/Berlin:20260126T123000
      SUMMARY:Weekly (late start)
      END:VEVENT
      """
          .replace("\n", "\r\n");

  static final String SERIES =
      ("""
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//calsync//cli tests//EN
      """
              + BERLIN
              + NEW_YORK
              + """
      BEGIN:VEVENT
      UID:series
      DTSTAMP:20260101T090000Z
      LAST-MODIFIED:20260101T090000Z
      DTSTART;TZID=Europe/Berlin:20260105T100000
      DTEND;TZID=Europe/Berlin:20260105T110000
      RRULE:FREQ=WEEKLY;COUNT=10
      EXDATE;TZID=Europe/Berlin:20260119T100000
      SUMMARY:Weekly
      DESCRIPTION:Agenda: Straße\\, café\\; naïve résumé
      END:VEVENT
      BEGIN:VEVENT
      UID:series
      DTSTAMP:20260101T090000Z
      LAST-MODIFIED:20260101T090000Z
      RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000
      DTSTART;TZID=America/New_York:20260112T090000
      DTEND;TZID=America/New_York:20260112T100000
      SUMMARY:Weekly (moved to New York)
      END:VEVENT
      END:VCALENDAR
      """)
          .replace("\n", "\r\n");

  static final String TOKYO =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//calsync//cli tests//EN
      BEGIN:VTIMEZONE
      TZID:Asia/Tokyo
      BEGIN:STANDARD
      TZOFFSETFROM:+0900
      TZOFFSETTO:+0900
      TZNAME:JST
      DTSTART:19700101T000000
      END:STANDARD
      END:VTIMEZONE
      BEGIN:VEVENT
      UID:tokyo
      DTSTAMP:20260101T090000Z
      LAST-MODIFIED:20260101T090000Z
      DTSTART;TZID=Asia/Tokyo:20260120T180000
      DTEND;TZID=Asia/Tokyo:20260120T193000
      SUMMARY:Call with Tokyo
      END:VEVENT
      END:VCALENDAR
      """
          .replace("\n", "\r\n");

  static final String ALL_DAY =
      """
      BEGIN:VCALENDAR
      VERSION:2.0
      PRODID:-//calsync//cli tests//EN
      BEGIN:VEVENT
      UID:allday
      DTSTAMP:20260101T090000Z
      DTSTART;VALUE=DATE:20260130
      DTEND;VALUE=DATE:20260131
      RRULE:FREQ=YEARLY
      SUMMARY:Anniversary
      END:VEVENT
      END:VCALENDAR
      """
          .replace("\n", "\r\n");
}
