package io.calsync.ical;

import static io.calsync.ical.Fixtures.ics;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What servers rewrite keeps the hash; what users change changes it. */
class HashNormalisationTest {

  private static final String[] BERLIN = {
    "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE"
  };

  /** As a desktop client wrote it. */
  static final String ORIGINAL =
      ics(
          concat(
              new String[] {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Thunderbird//EN"},
              BERLIN,
              new String[] {
                "BEGIN:VEVENT",
                "UID:review-1@example.com",
                "DTSTAMP:20240101T100000Z",
                "CREATED:20240101T100000Z",
                "DTSTART;TZID=Europe/Berlin:20240108T100000",
                "DTEND;TZID=Europe/Berlin:20240108T110000",
                "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10",
                "EXDATE;TZID=Europe/Berlin:20240115T100000,20240122T100000",
                "SUMMARY:Review\\, weekly",
                "DESCRIPTION:Bring notes\\nand coffee. A long description that is long enough t",
                " o be folded by the client at seventy-five octets.",
                "LOCATION:Room 1",
                "ORGANIZER;CN=\"Boss, The\":mailto:boss@example.com",
                "ATTENDEE;CN=\"Jane\";PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT:mailto:jane@example.com",
                "X-MOZ-GENERATION:3",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "TRIGGER:-PT10M",
                "DESCRIPTION:Reminder",
                "END:VALARM",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:review-1@example.com",
                "RECURRENCE-ID;TZID=Europe/Berlin:20240129T100000",
                "DTSTAMP:20240101T100000Z",
                "DTSTART;TZID=Europe/Berlin:20240129T140000",
                "DTEND;TZID=Europe/Berlin:20240129T150000",
                "SUMMARY:Review\\, weekly (afternoon)",
                "END:VEVENT",
                "END:VCALENDAR"
              }));

  /**
   * The same event after a Radicale/SOGo/feed round: other PRODID, METHOD, new DTSTAMP and
   * LAST-MODIFIED, X-RADICALE-NAME, CLASS:PUBLIC and SEQUENCE:0 added, properties and
   * parameters reordered, parameter names in lower case, CN unquoted, lines refolded
   * differently, EXDATE split in two lines, RRULE parts reordered, MAILTO in upper case,
   * commas escaped differently, VTIMEZONE rewritten (observances swapped, TZNAMEs dropped),
   * the override written before the master.
   */
  static final String RESERIALISED =
      ics(
          "BEGIN:VCALENDAR",
          "PRODID:-//Radicale//NONSGML Radicale Server//EN",
          "VERSION:2.0",
          "METHOD:PUBLISH",
          "X-RADICALE-NAME:review-1.ics",
          "BEGIN:VEVENT",
          "UID:review-1@example.com",
          "DTSTART;TZID=Europe/Berlin:20240129T140000",
          "DTEND;TZID=Europe/Berlin:20240129T150000",
          "DTSTAMP:20240601T000000Z",
          "RECURRENCE-ID;TZID=Europe/Berlin:20240129T100000",
          "SUMMARY:Review\\, weekly (afternoon)",
          "END:VEVENT",
          "BEGIN:VEVENT",
          "ATTENDEE;role=REQ-PARTICIPANT;partstat=NEEDS-ACTION;cn=Jane:MAILTO:jane@exam",
          " ple.com",
          "CLASS:PUBLIC",
          "DESCRIPTION:Bring notes\\Nand coffee. A long description that is long e",
          " nough to be folded by the client at seventy-five octets.",
          "DTEND;TZID=Europe/Berlin:20240108T110000",
          "DTSTAMP:20240601T000000Z",
          "DTSTART;TZID=Europe/Berlin:20240108T100000",
          "EXDATE;TZID=Europe/Berlin:20240122T100000",
          "EXDATE;TZID=Europe/Berlin:20240115T100000",
          "LAST-MODIFIED:20240601T000000Z",
          "LOCATION:Room 1",
          "ORGANIZER;CN=\"Boss, The\":mailto:boss@example.com",
          "RRULE:COUNT=10;BYDAY=MO;FREQ=WEEKLY;INTERVAL=1",
          "SEQUENCE:0",
          "SUMMARY:Review\\, weekly",
          "UID:review-1@example.com",
          "X-MOZ-GENERATION:3",
          "BEGIN:VALARM",
          "DESCRIPTION:Reminder",
          "TRIGGER:-PT10M",
          "ACTION:DISPLAY",
          "END:VALARM",
          "END:VEVENT",
          "BEGIN:VTIMEZONE",
          "TZID:Europe/Berlin",
          "BEGIN:STANDARD",
          "DTSTART:19701025T030000",
          "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
          "TZOFFSETFROM:+0200",
          "TZOFFSETTO:+0100",
          "END:STANDARD",
          "BEGIN:DAYLIGHT",
          "DTSTART:19700329T020000",
          "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
          "TZOFFSETFROM:+0100",
          "TZOFFSETTO:+0200",
          "END:DAYLIGHT",
          "END:VTIMEZONE",
          "END:VCALENDAR");

  private static String hash(String text) {
    return IcalCodec.parseItem(text, "t.ics").hash();
  }

  @Test
  void hash_survivesRadicaleStyleReserialisation() {
    assertThat(hash(RESERIALISED)).isEqualTo(hash(ORIGINAL));
  }

  @Test
  void hash_ignoresDtstampAndProdid() {
    String changed =
        ORIGINAL.replace("DTSTAMP:20240101T100000Z", "DTSTAMP:20991231T235959Z")
            .replace("PRODID:-//Thunderbird//EN", "PRODID:-//Other//EN");

    assertThat(hash(changed)).isEqualTo(hash(ORIGINAL));
  }

  @Test
  void hash_ignoresVtimezoneEntirely_butNotTheTzidInUse() {
    String noTimezone = ORIGINAL.replaceAll("(?s)BEGIN:VTIMEZONE.*END:VTIMEZONE\r\n", "");

    assertThat(hash(noTimezone)).isEqualTo(hash(ORIGINAL));
  }

  @Test
  void hash_treatsClassPublicAsAbsent_butNotClassPrivate() {
    String withPublic = ORIGINAL.replace("LOCATION:Room 1", "LOCATION:Room 1\r\nCLASS:public");
    String withPrivate = ORIGINAL.replace("LOCATION:Room 1", "LOCATION:Room 1\r\nCLASS:PRIVATE");

    assertThat(hash(withPublic)).isEqualTo(hash(ORIGINAL));
    assertThat(hash(withPrivate)).isNotEqualTo(hash(ORIGINAL));
  }

  @Test
  void hash_ignoresRsvpThatSogoAddsToEveryAttendee() {
    String withRsvp = ORIGINAL.replace("ATTENDEE;CN=\"Jane\";", "ATTENDEE;RSVP=TRUE;CN=\"Jane\";");

    assertThat(withRsvp).isNotEqualTo(ORIGINAL);
    assertThat(hash(withRsvp)).isEqualTo(hash(ORIGINAL));
  }

  @Test
  void hash_dependsOnlyOnContent_notOnSource() {
    assertThat(IcalCodec.parseItem(ORIGINAL, "a/one.ics").hash())
        .isEqualTo(IcalCodec.parseItem(ORIGINAL, "b/two.ics").hash());
  }

  @Test
  void hash_isTheSameForSplitItem_andForParseItemOfTheFile() {
    assertThat(IcalCodec.parseCalendar(RESERIALISED, "r.ics").items().getFirst().hash())
        .isEqualTo(hash(ORIGINAL));
  }

  static final List<Named<UnaryOperator<String>>> EDITS =
      List.of(
          edit("summary", t -> t.replace("SUMMARY:Review\\, weekly\r\n", "SUMMARY:Review\r\n")),
          edit("start time", t -> t.replace("20240108T100000", "20240108T100500")),
          edit("TZID", t -> t.replace("DTSTART;TZID=Europe/Berlin:20240108", "DTSTART;TZID=Europe/Paris:20240108")),
          edit("new EXDATE", t -> t.replace("20240122T100000", "20240122T100000,20240205T100000")),
          edit("attendee PARTSTAT", t -> t.replaceAll("(?i)partstat=NEEDS-ACTION", "PARTSTAT=ACCEPTED")),
          edit("attendee CN", t -> t.replaceAll("(?i)cn=\"?Jane\"?([;:])", "CN=\"Jane Doe\"$1")),
          edit("new attendee", t -> t.replace("X-MOZ-GENERATION", "ATTENDEE:mailto:joe@example.com\r\nX-MOZ-GENERATION")),
          edit("new override", t -> t.replace("END:VCALENDAR", String.join("\r\n",
              "BEGIN:VEVENT", "UID:review-1@example.com",
              "RECURRENCE-ID;TZID=Europe/Berlin:20240205T100000",
              "DTSTART;TZID=Europe/Berlin:20240205T120000", "SUMMARY:moved", "END:VEVENT",
              "END:VCALENDAR"))),
          edit("override time", t -> t.replace("20240129T140000", "20240129T150000")),
          edit("RRULE", t -> t.replace("COUNT=10", "COUNT=11")),
          edit("description", t -> t.replace("Bring notes", "Bring slides")),
          edit("description escaping meaning", t -> t.replaceAll("Bring notes\\\\[nN]and", "Bring notes\\\\,and")),
          edit("location", t -> t.replace("LOCATION:Room 1", "LOCATION:Room 2")),
          edit("sequence", t -> t.replace("LOCATION:Room 1", "LOCATION:Room 1\r\nSEQUENCE:4")),
          edit("status", t -> t.replace("LOCATION:Room 1", "LOCATION:Room 1\r\nSTATUS:CANCELLED")),
          edit("X- property", t -> t.replace("X-MOZ-GENERATION:3", "X-MOZ-GENERATION:4")),
          edit("alarm trigger", t -> t.replace("TRIGGER:-PT10M", "TRIGGER:-PT30M")),
          edit("alarm removed", t -> t.replaceAll("(?s)BEGIN:VALARM.*END:VALARM\r\n", "")),
          edit("all-day instead of timed", t -> t.replace(
              "DTSTART;TZID=Europe/Berlin:20240108T100000", "DTSTART;VALUE=DATE:20240108")),
          edit("UTC instead of zoned", t -> t.replace(
              "DTSTART;TZID=Europe/Berlin:20240108T100000", "DTSTART:20240108T100000Z")),
          edit("VTODO instead of VEVENT", t -> t.replace("VEVENT", "VTODO")));

  private static Named<UnaryOperator<String>> edit(String name, UnaryOperator<String> op) {
    return Named.of(name, op);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("EDITS")
  void hash_changesWithUserEdit(UnaryOperator<String> edit) {
    String edited = edit.apply(ORIGINAL);

    assertThat(edited).isNotEqualTo(ORIGINAL);
    assertThat(hash(edited)).isNotEqualTo(hash(ORIGINAL));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("EDITS")
  void hash_changesWithUserEdit_evenAfterServerReserialisation(UnaryOperator<String> edit) {
    String edited = edit.apply(RESERIALISED);

    assertThat(edited).isNotEqualTo(RESERIALISED);
    assertThat(hash(edited)).isNotEqualTo(hash(ORIGINAL));
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
