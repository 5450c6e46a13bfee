package io.calsync.ical;

import static io.calsync.ical.Fixtures.ics;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTimesTest {

  private static EventTimes times(String... eventLines) {
    String[] lines = new String[eventLines.length + 6];
    lines[0] = "BEGIN:VCALENDAR";
    lines[1] = "VERSION:2.0";
    lines[2] = "BEGIN:VEVENT";
    lines[3] = "UID:t";
    System.arraycopy(eventLines, 0, lines, 4, eventLines.length);
    lines[lines.length - 2] = "END:VEVENT";
    lines[lines.length - 1] = "END:VCALENDAR";
    return IcalCodec.eventTimes(ics(lines), "t.ics");
  }

  @Test
  void utcStartAndEnd_areInstants() {
    assertThat(times("DTSTART:20260115T100000Z", "DTEND:20260115T110000Z"))
        .isEqualTo(new EventTimes("2026-01-15T10:00:00Z", "2026-01-15T11:00:00Z"));
  }

  @Test
  void ianaTzid_isConvertedToUtc_unknownTzidAndFloating_areNull() {
    assertThat(times("DTSTART;TZID=Europe/Berlin:20260115T100000", "DTEND;TZID=Europe/Berlin:20260115T110000"))
        .isEqualTo(new EventTimes("2026-01-15T09:00:00Z", "2026-01-15T10:00:00Z"));
    assertThat(times("DTSTART;TZID=W. Europe Standard Time:20260115T100000", "DTEND:20260115T100000"))
        .isEqualTo(new EventTimes(null, null));
  }

  @Test
  void allDay_isADate_andEndDefaultsToTheNextDay() {
    assertThat(times("DTSTART;VALUE=DATE:20260115")).isEqualTo(new EventTimes("2026-01-15", "2026-01-16"));
  }

  @Test
  void duration_givesTheEnd_weeksIncluded() {
    assertThat(times("DTSTART:20260115T100000Z", "DURATION:PT90M").end()).isEqualTo("2026-01-15T11:30:00Z");
    assertThat(times("DTSTART:20260115T100000Z", "DURATION:P1W").end()).isEqualTo("2026-01-22T10:00:00Z");
  }
}
