package io.calsync.ical;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.List;

/** Reads {@link EventTimes} from a parsed item (see {@link IcalCodec#eventTimes}). */
final class EventTimeReader {
  private static final DateTimeFormatter BASIC_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

  private EventTimeReader() {}

  static EventTimes read(List<IcalTree.Comp> components) {
    IcalTree.Comp master = null;
    for (IcalTree.Comp c : components) {
      if (!c.name().equals("VTIMEZONE") && c.prop("RECURRENCE-ID") == null) {
        master = c;
        break;
      }
    }
    if (master == null) {
      return EventTimes.UNKNOWN;
    }
    Temporal start = temporal(master.prop("DTSTART"));
    Temporal end = temporal(master.prop("DTEND"));
    if (end == null && start != null) {
      end = endFromDuration(start, master.value("DURATION"));
    }
    return new EventTimes(text(start), text(end));
  }

  /** A DATE as LocalDate, a UTC or known-TZID DATE-TIME as Instant; null when floating or unknown. */
  private static Temporal temporal(IcalTree.Prop p) {
    if (p == null) {
      return null;
    }
    String v = p.value().trim();
    try {
      if (v.length() == 8) {
        return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE);
      }
      if (v.endsWith("Z") || v.endsWith("z")) {
        return LocalDateTime.parse(v.substring(0, v.length() - 1), BASIC_DATE_TIME)
            .toInstant(ZoneOffset.UTC);
      }
      String tzid = p.param("TZID");
      if (tzid == null) {
        return null; // floating: the same wall time in every zone, no single instant
      }
      return LocalDateTime.parse(v, BASIC_DATE_TIME).atZone(ZoneId.of(tzid.trim())).toInstant();
    } catch (DateTimeException e) {
      return null; // unparsable value, or a TZID that is not an IANA name (e.g. Windows names)
    }
  }

  /** RFC 5545 3.6.1: no DTEND and no DURATION means one day for a date, zero for a date-time. */
  private static Temporal endFromDuration(Temporal start, String duration) {
    try {
      if (start instanceof LocalDate date) {
        return duration == null ? date.plusDays(1) : date.plus(Period.parse(duration.trim()));
      }
      if (duration == null) {
        return start;
      }
      String d = duration.trim();
      // java.time's Duration has no weeks; iCalendar's dur-week is exactly seven days
      if (d.matches("[+-]?P\\d+W")) {
        int sign = d.startsWith("-") ? -1 : 1;
        long weeks = Long.parseLong(d.replaceAll("[^0-9]", ""));
        return ((Instant) start).plus(Duration.ofDays(7 * weeks * sign));
      }
      return ((Instant) start).plus(Duration.parse(d));
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static String text(Temporal t) {
    return t == null ? null : t.toString();
  }
}
