package io.calsync.app;

import io.calsync.core.model.Item;
import io.calsync.ical.IcalCodec;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample events of {@code calsync demo}: small literal iCalendar templates, dated relative to
 * the coming weeks, parsed into {@link Item}s by {@link IcalCodec} (which checks them and computes
 * their hashes).
 */
final class DemoEvents {

  static final String TEAM_MEETING = "team-meeting@demo.calsync.example";
  static final String OFFSITE = "offsite@demo.calsync.example";
  static final String NEW_YORK_CALL = "new-york-call@demo.calsync.example";
  static final String KICKOFF = "project-kickoff@demo.calsync.example";
  static final String MAINTENANCE = "maintenance@demo.calsync.example";
  static final String LUNCH_AND_LEARN = "lunch-and-learn@demo.calsync.example";

  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");

  /** The VTIMEZONE of Europe/Berlin (also used by the CalDAV CLI tests). */
  static final String BERLIN =
      """
      BEGIN:VTIMEZONE
      TZID:Europe/Berlin
      BEGIN:DAYLIGHT
      TZOFFSETFROM:+0100
      TZOFFSETTO:+0200
      TZNAME:CEST
      DTSTART:19700329T020000
      RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
      END:DAYLIGHT
      BEGIN:STANDARD
      TZOFFSETFROM:+0200
      TZOFFSETTO:+0100
      TZNAME:CET
      DTSTART:19701025T030000
      RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
      END:STANDARD
      END:VTIMEZONE
      """;

  /** The VTIMEZONE of America/New_York (also used by the CalDAV CLI tests). */
  static final String NEW_YORK =
      """
      BEGIN:VTIMEZONE
      TZID:America/New_York
      BEGIN:DAYLIGHT
      TZOFFSETFROM:-0500
      TZOFFSETTO:-0400
      TZNAME:EDT
      DTSTART:19700308T020000
      RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
      END:DAYLIGHT
      BEGIN:STANDARD
      TZOFFSETFROM:-0400
      TZOFFSETTO:-0500
      TZNAME:EST
      DTSTART:19701101T020000
      RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
      END:STANDARD
      END:VTIMEZONE
      """;

  private final LocalDate monday;
  private final Instant created;

  /**
   * @param today the demo's events start in the week after it
   * @param created the DTSTAMP and LAST-MODIFIED of the first versions
   */
  DemoEvents(LocalDate today, Instant created) {
    this.monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    this.created = created.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A weekly meeting, Mondays 10:00 Berlin time, with one week skipped and one moved. */
  Item teamMeeting() {
    return item(
        "team-meeting.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//calsync//demo//EN
        {berlin}BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{stamp}
        LAST-MODIFIED:{stamp}
        SUMMARY:Weekly team meeting
        LOCATION:Room 2.04
        DTSTART;TZID=Europe/Berlin:{w1mon}T100000
        DTEND;TZID=Europe/Berlin:{w1mon}T103000
        RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=12
        EXDATE;TZID=Europe/Berlin:{w3mon}T100000
        DESCRIPTION:Skipped in the offsite week.
        END:VEVENT
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{stamp}
        RECURRENCE-ID;TZID=Europe/Berlin:{w2mon}T100000
        SUMMARY:Weekly team meeting (moved to Tuesday)
        LOCATION:Room 2.04
        DTSTART;TZID=Europe/Berlin:{w2tue}T140000
        DTEND;TZID=Europe/Berlin:{w2tue}T143000
        END:VEVENT
        END:VCALENDAR
        """,
        Map.of("uid", TEAM_MEETING));
  }

  /** An all-day event over two days. */
  Item offsite() {
    return item(
        "offsite.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//calsync//demo//EN
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{stamp}
        LAST-MODIFIED:{stamp}
        SUMMARY:Company offsite
        LOCATION:Lakeside Conference Centre
        DTSTART;VALUE=DATE:{w3wed}
        DTEND;VALUE=DATE:{w3fri}
        TRANSP:TRANSPARENT
        END:VEVENT
        END:VCALENDAR
        """,
        Map.of("uid", OFFSITE));
  }

  /** A call in New York time; {@code hour} is the start hour there. */
  Item newYorkCall(int hour, int sequence, Instant modified) {
    return item(
        "new-york-call.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//calsync//demo//EN
        {newyork}BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{modified}
        LAST-MODIFIED:{modified}
        SEQUENCE:{sequence}
        SUMMARY:Call with the New York office
        DTSTART;TZID=America/New_York:{w1wed}T{hh}0000
        DTEND;TZID=America/New_York:{w1wed}T{hh}4500
        END:VEVENT
        END:VCALENDAR
        """,
        Map.of(
            "uid", NEW_YORK_CALL,
            "hh", "%02d".formatted(hour),
            "sequence", Integer.toString(sequence),
            "modified", STAMP.format(modified)));
  }

  Item newYorkCall() {
    return newYorkCall(9, 0, created);
  }

  /** A meeting with an organizer and attendees, in {@code room}. */
  Item kickoff(String room, int sequence, Instant modified) {
    return item(
        "project-kickoff.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//calsync//demo//EN
        {berlin}BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{modified}
        LAST-MODIFIED:{modified}
        SEQUENCE:{sequence}
        SUMMARY:Project kickoff
        LOCATION:{room}
        DTSTART;TZID=Europe/Berlin:{w1thu}T130000
        DTEND;TZID=Europe/Berlin:{w1thu}T143000
        ORGANIZER;CN=Dana Fischer:mailto:dana.fischer@example.com
        ATTENDEE;CN=Dana Fischer;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:dana.fischer@example.com
        ATTENDEE;CN=Sam Okafor;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:sam.o
         kafor@example.com
        ATTENDEE;CN=Lea Martin;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:l
         ea.martin@example.com
        END:VEVENT
        END:VCALENDAR
        """,
        Map.of(
            "uid",
            KICKOFF,
            "room",
            room,
            "sequence",
            Integer.toString(sequence),
            "modified",
            STAMP.format(modified)));
  }

  Item kickoff() {
    return kickoff("Room 4.12", 0, created);
  }

  /** An evening window given in UTC. */
  Item maintenance() {
    return item(
        "maintenance.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//calsync//demo//EN
        BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{stamp}
        LAST-MODIFIED:{stamp}
        SUMMARY:Server maintenance window
        DESCRIPTION:Mail and calendar may be unavailable.
        DTSTART:{w1fri}T200000Z
        DTEND:{w1fri}T220000Z
        END:VEVENT
        END:VCALENDAR
        """,
        Map.of("uid", MAINTENANCE));
  }

  Item lunchAndLearn() {
    return item(
        "lunch-and-learn.ics",
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//calsync//demo//EN
        {berlin}BEGIN:VEVENT
        UID:{uid}
        DTSTAMP:{stamp}
        LAST-MODIFIED:{stamp}
        SUMMARY:Lunch & learn: time zones in iCalendar
        DTSTART;TZID=Europe/Berlin:{w2thu}T120000
        DTEND;TZID=Europe/Berlin:{w2thu}T130000
        END:VEVENT
        END:VCALENDAR
        """,
        Map.of("uid", LUNCH_AND_LEARN));
  }

  /**
   * {@code n} events made from the demo's six in turn, each with a UID of its own ({@code
   * <i>-<demo UID>}): a calendar of a realistic size for the start-up cache's training run.
   */
  List<Item> copies(int n) {
    List<Item> demo = List.of(teamMeeting(), offsite(), newYorkCall(), kickoff(), maintenance(), lunchAndLearn());
    List<Item> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Item template = demo.get(i % demo.size());
      String uid = i + "-" + template.uid();
      out.add(IcalCodec.parseItem(
          template.text().replace("UID:" + template.uid() + "\r\n", "UID:" + uid + "\r\n"), "demo copy " + uid));
    }
    return out;
  }

  /** {@code item} with its SUMMARY changed, as a user's edit. */
  static Item edited(Item item) {
    return IcalCodec.parseItem(item.text().replace("SUMMARY:", "SUMMARY:(edited) "), "edited " + item.uid());
  }

  /** The date {@code days} after the first Monday, as iCalendar writes it. */
  private String day(int days) {
    return DATE.format(monday.plusDays(days));
  }

  private Item item(String name, String template, Map<String, String> values) {
    Map<String, String> common =
        Map.ofEntries(
            Map.entry("berlin", BERLIN),
            Map.entry("newyork", NEW_YORK),
            Map.entry("stamp", STAMP.format(created)),
            Map.entry("w1mon", day(0)),
            Map.entry("w1wed", day(2)),
            Map.entry("w1thu", day(3)),
            Map.entry("w1fri", day(4)),
            Map.entry("w2mon", day(7)),
            Map.entry("w2tue", day(8)),
            Map.entry("w2thu", day(10)),
            Map.entry("w3mon", day(14)),
            Map.entry("w3wed", day(16)),
            Map.entry("w3fri", day(18)));
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String value = values.containsKey(key) ? values.get(key) : common.get(key);
      if (value == null) {
        throw new IllegalStateException(
            "demo template " + name + " has no value for {" + key + "}");
      }
      m.appendReplacement(text, Matcher.quoteReplacement(value));
    }
    m.appendTail(text);
    return IcalCodec.parseItem(text.toString().replace("\n", "\r\n"), "demo template " + name);
  }
}
