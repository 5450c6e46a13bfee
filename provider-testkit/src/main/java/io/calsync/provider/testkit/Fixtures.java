package io.calsync.provider.testkit;

import io.calsync.core.model.Item;
import io.calsync.ical.IcalCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixture items every storage must keep intact, shipped as {@code .ics} files in this jar
 * ({@code io/calsync/provider/testkit/fixtures/}), and a builder of simple events.
 *
 * <p>Each fixture is one item, with CRLF line endings and lines folded at 75 octets:
 *
 * <ul>
 *   <li>{@value #WEEKLY}: weekly RRULE with UNTIL, two EXDATE lines (one with two dates) and two
 *       RECURRENCE-ID overrides, in Europe/Berlin with its VTIMEZONE;
 *   <li>{@value #ALL_DAY}: a four-day all-day event (VALUE=DATE), CATEGORIES with a comma;
 *   <li>{@value #TIME_ZONES}: start and end in different zones (America/New_York,
 *       Europe/Berlin) and an override in Australia/Adelaide, each with its VTIMEZONE;
 *   <li>{@value #ATTENDEES}: organizer, four attendees with quoted and non-ASCII CN parameters, a
 *       VALARM, and a long DESCRIPTION in several scripts with emoji and escaped characters,
 *       folded across many lines without splitting a UTF-8 sequence;
 *   <li>{@value #UNKNOWN_PROPERTIES}: vendor X- properties, an unknown X- parameter on a known
 *       property and on an unknown one ({@value #UNKNOWN_PROPERTY} with {@value
 *       #UNKNOWN_PARAMETER}).
 * </ul>
 */
public final class Fixtures {

  public static final String WEEKLY = "weekly-recurrence-exdate-overrides.ics";
  public static final String ALL_DAY = "all-day.ics";
  public static final String TIME_ZONES = "several-time-zones.ics";
  public static final String ATTENDEES = "attendees-long-description.ics";
  public static final String UNKNOWN_PROPERTIES = "unknown-x-properties.ics";

  /** An unknown property of {@value #UNKNOWN_PROPERTIES} that storages must keep. */
  public static final String UNKNOWN_PROPERTY = "X-CALSYNC-UNKNOWN";

  /** An unknown parameter (as written) of {@value #UNKNOWN_PROPERTY} that storages must keep. */
  public static final String UNKNOWN_PARAMETER = "X-CALSYNC-PARAM=kept";

  private static final String FOLDER = "fixtures/";

  private Fixtures() {}

  /** The file names of every fixture. */
  public static List<String> names() {
    return List.of(WEEKLY, ALL_DAY, TIME_ZONES, ATTENDEES, UNKNOWN_PROPERTIES);
  }

  /** The raw text of a fixture, as shipped. */
  public static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name + "; known: " + names());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + name, e);
    }
  }

  /** A fixture parsed by {@link IcalCodec#parseItem}. */
  public static Item load(String name) {
    return IcalCodec.parseItem(text(name), name);
  }

  /** Every fixture parsed, in the order of {@link #names()}. */
  public static List<Item> all() {
    return names().stream().map(Fixtures::load).toList();
  }

  /** A one-hour event on 15 March 2024 09:00 UTC, parsed by {@link IcalCodec#parseItem}. */
  public static Item simpleEvent(String uid, String summary) {
    return IcalCodec.parseItem(simpleEventText(uid, summary), "simpleEvent(" + uid + ")");
  }

  /**
   * The text of {@link #simpleEvent}: CRLF line endings, lines folded at 75 octets, SUMMARY
   * escaped as TEXT; the UID is written as given (as most producers do), so it must not hold line
   * breaks.
   */
  public static String simpleEventText(String uid, String summary) {
    return String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//calsync//testkit//EN",
            "BEGIN:VEVENT",
            fold("UID:" + uid),
            "DTSTAMP:20240301T000000Z",
            "DTSTART:20240315T090000Z",
            "DTEND:20240315T100000Z",
            fold("SUMMARY:" + escape(summary)),
            "END:VEVENT",
            "END:VCALENDAR")
        + "\r\n";
  }

  private static String escape(String value) {
    return value
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n");
  }

  /** Folds a content line at 75 octets without splitting a UTF-8 sequence (RFC 5545 3.1). */
  static String fold(String line) {
    StringBuilder out = new StringBuilder();
    int octets = 0;
    int limit = 75;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      String ch = Character.toString(cp);
      int size = ch.getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append("\r\n ");
        octets = 0;
        limit = 74;
      }
      out.append(ch);
      octets += size;
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
