package io.calsync.ical;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import org.junit.jupiter.api.Test;

class BusyBlockFeedTest {
  private static final String EVENT = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN",
      "BEGIN:VEVENT", "UID:u1", "DTSTAMP:20260101T000000Z", "DTSTART:20260301T090000Z", "DURATION:PT1H",
      "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260302T090000Z", "SUMMARY:Doctor", "DESCRIPTION:private",
      "LOCATION:Clinic", "ATTENDEE:mailto:a@example.com", "ORGANIZER:mailto:b@example.com", "CLASS:PUBLIC",
      "STATUS:CONFIRMED", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "DESCRIPTION:go", "END:VALARM",
      "END:VEVENT", "END:VCALENDAR", "");

  @Test
  void theFeedProjectionKeepsTimesAndRecurrenceAndSaysOnlyBusyAndPrivate() {
    Item busy = BusyBlock.forFeed(IcalCodec.parseItem(EVENT, "t"));
    assertThat(busy.uid()).isEqualTo("u1");
    assertThat(busy.text()).contains("DTSTART:20260301T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3",
        "EXDATE:20260302T090000Z", "SUMMARY:Busy", "CLASS:PRIVATE")
        .doesNotContain("Doctor", "DESCRIPTION", "LOCATION", "ATTENDEE", "ORGANIZER", "VALARM", "CLASS:PUBLIC",
            "STATUS");
  }
}
