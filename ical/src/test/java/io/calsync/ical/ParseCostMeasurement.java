package io.calsync.ical;

import io.calsync.core.model.Item;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints what parsing costs; asserts nothing (timings on shared CI machines are not a test).
 *
 * <p>Not part of ordinary builds (surefire's default includes skip the name, and the test needs a
 * flag; it takes tens of seconds). Run it with {@code ./mvnw -pl ical test
 * -Dtest=ParseCostMeasurement -Dcalsync.measure=true}, or as a program. Measured 2026-11 on a
 * loaded 2-CPU box, 1,274-char events (VTIMEZONE, RRULE, 2 attendees, VALARM): about 55 µs of
 * CPU per parseItem (parse + hash) after warm-up; ical4j's tokenizer is most of it.
 */
class ParseCostMeasurement {

  static final int EVENTS = 10_000;

  @Test
  @EnabledIfSystemProperty(named = "calsync.measure", matches = "true")
  void printParseItemCost() {
    main(new String[0]);
  }

  public static void main(String[] args) {
    List<String> texts = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      texts.add(typicalEvent(i));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int round = 0; round < 8; round++) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long sink = 0;
      for (int i = 0; i < EVENTS; i++) {
        Item item = IcalCodec.parseItem(texts.get(i), "e" + i + ".ics");
        sink += item.hash().charAt(0);
      }
      long took = System.nanoTime() - start;
      long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
      best = Math.min(best, took);
      bestCpu = Math.min(bestCpu, cpu);
      System.out.printf(
          Locale.ROOT,
          "parseItem round %d: %d events in %.1f ms wall = %.1f µs/event, %.1f µs/event CPU"
              + " (sink %d)%n",
          round, EVENTS, took / 1e6, took / 1e3 / EVENTS, cpu / 1e3 / EVENTS, sink);
    }
    System.out.printf(
        Locale.ROOT,
        "parseItem (parse + hash), best round: %.1f µs/event wall, %.1f µs/event CPU;"
            + " %d-char events%n",
        best / 1e3 / EVENTS, bestCpu / 1e3 / EVENTS, texts.get(0).length());

    StringBuilder whole = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");
    for (String t : texts) {
      whole.append(t, t.indexOf("BEGIN:VEVENT"), t.indexOf("END:VCALENDAR"));
    }
    whole.append("END:VCALENDAR\r\n");
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      ParsedCalendar parsed = IcalCodec.parseCalendar(whole.toString(), "all.ics");
      long split = System.nanoTime() - start;
      start = System.nanoTime();
      String joined = IcalCodec.joinCalendar(parsed.items(), parsed.properties());
      long join = System.nanoTime() - start;
      System.out.printf(
          Locale.ROOT,
          "parseCalendar of %d events: %.1f ms (%.1f µs/event); joinCalendar: %.1f ms (%d chars)%n",
          parsed.items().size(), split / 1e6, split / 1e3 / EVENTS, join / 1e6, joined.length());
    }
  }

  /** A typical event as Google or SOGo serve it: zone, rule, two attendees, an alarm. */
  static String typicalEvent(int i) {
    return Fixtures.ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:202401" + (10 + i % 18) + "T" + (8 + i % 10) + "0000",
        "DTEND;TZID=Europe/Berlin:202401" + (10 + i % 18) + "T" + (9 + i % 10) + "0000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=" + (5 + i % 20),
        "DTSTAMP:20240105T101010Z",
        "UID:event-" + i + "-a8f3c2d1e0@google.com",
        "CREATED:20240101T101010Z",
        "DESCRIPTION:Weekly sync number " + i + "\\nAgenda: status\\, blockers\\; next steps.",
        "LAST-MODIFIED:20240105T101010Z",
        "LOCATION:Meeting room " + (i % 7),
        "ORGANIZER;CN=Alice Example:mailto:alice@example.com",
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Bob",
        " Example;X-NUM-GUESTS=0:mailto:bob@example.com",
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=",
        " \"Carol, C.\";X-NUM-GUESTS=0:mailto:carol@example.com",
        "SEQUENCE:" + (i % 3),
        "STATUS:CONFIRMED",
        "SUMMARY:Sync #" + i,
        "TRANSP:OPAQUE",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:This is an event reminder",
        "TRIGGER:-P0DT0H10M0S",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR");
  }
}
