package io.calsync.server;

/** iCalendar texts for item tests. */
final class TestIcs {
  private TestIcs() {}

  /** One VEVENT on 2026-02-01 10:00-11:00 UTC. */
  static String event(String uid, String summary, String lastModified, int sequence) {
    return event(uid, summary, lastModified, sequence, "20260101T000000Z");
  }

  /** The same, with its own DTSTAMP (which the content hash ignores). */
  static String event(String uid, String summary, String lastModified, int sequence, String dtstamp) {
    return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//calsync//test//EN", "BEGIN:VEVENT",
        "UID:" + uid, "DTSTAMP:" + dtstamp, "DTSTART:20260201T100000Z", "DTEND:20260201T110000Z",
        "SUMMARY:" + summary, lastModified == null ? "X-NONE:1" : "LAST-MODIFIED:" + lastModified,
        "SEQUENCE:" + sequence, "END:VEVENT", "END:VCALENDAR", "");
  }
}
