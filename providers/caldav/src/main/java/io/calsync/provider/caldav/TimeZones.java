package io.calsync.provider.caldav;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Builds the VCALENDAR holding one VTIMEZONE that {@code calendar-timezone} (RFC 4791 5.2.2)
 * wants, from the JDK's rules: the current yearly DST rules when the zone has them, else its
 * fixed offset. Enough for servers and clients to learn the calendar's zone.
 */
final class TimeZones {

  private TimeZones() {}

  /** The VCALENDAR text, or null when the id is not a zone the JDK knows. */
  static String vcalendarWith(String tzid) {
    ZoneRules rules;
    try {
      rules = ZoneId.of(tzid).getRules();
    } catch (RuntimeException e) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    b.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync//caldav//EN\r\n");
    b.append("BEGIN:VTIMEZONE\r\nTZID:").append(tzid).append("\r\n");
    List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
    if (yearly.size() == 2) {
      for (ZoneOffsetTransitionRule r : yearly) {
        boolean daylight = r.getOffsetAfter().getTotalSeconds() > r.getOffsetBefore().getTotalSeconds();
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        // the first onset, in local time before the change (RFC 5545 3.6.5)
        java.time.LocalDateTime onset = r.createTransition(1970).getDateTimeBefore();
        b.append("BEGIN:").append(kind).append("\r\n");
        b.append("DTSTART:").append(onset.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))).append("\r\n");
        b.append("TZOFFSETFROM:").append(offset(r.getOffsetBefore())).append("\r\n");
        b.append("TZOFFSETTO:").append(offset(r.getOffsetAfter())).append("\r\n");
        b.append("RRULE:FREQ=YEARLY;BYMONTH=").append(r.getMonth().getValue());
        DayOfWeek dow = r.getDayOfWeek();
        int dom = r.getDayOfMonthIndicator();
        int max = r.getMonth().maxLength();
        if (dow == null) {
          b.append(";BYMONTHDAY=").append(dom > 0 ? dom : max + dom + 1);
        } else if (dom == -1) {
          b.append(";BYDAY=-1").append(day(dow));
        } else {
          // "dow on or after dom" (tzdb's Sun>=25), or "on or before" for negative indicators
          int from = dom > 0 ? dom : max + dom + 1 - 6;
          StringBuilder days = new StringBuilder();
          for (int d = from; d < from + 7 && d <= max; d++) days.append(days.isEmpty() ? "" : ",").append(d);
          b.append(";BYDAY=").append(day(dow)).append(";BYMONTHDAY=").append(days);
        }
        b.append("\r\nEND:").append(kind).append("\r\n");
      }
    } else {
      ZoneOffset now = rules.getOffset(java.time.Instant.now());
      b.append("BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n");
      b.append("TZOFFSETFROM:").append(offset(now)).append("\r\n");
      b.append("TZOFFSETTO:").append(offset(now)).append("\r\n");
      b.append("END:STANDARD\r\n");
    }
    b.append("END:VTIMEZONE\r\nEND:VCALENDAR\r\n");
    return b.toString();
  }

  private static String offset(ZoneOffset o) {
    int s = o.getTotalSeconds();
    char sign = s < 0 ? '-' : '+';
    s = Math.abs(s);
    return String.format("%c%02d%02d", sign, s / 3600, (s / 60) % 60);
  }

  private static String day(DayOfWeek d) {
    return d.name().substring(0, 2);
  }
}
