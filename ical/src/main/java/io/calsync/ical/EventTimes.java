package io.calsync.ical;

/**
 * When an item's master component starts and ends, as ISO-8601 text for summaries shown to people
 * and sent in update payloads (the item's text stays the authority).
 *
 * @param start a UTC instant ({@code 2026-01-15T10:00:00Z}), a date ({@code 2026-01-15}) for an
 *     all-day item, or null when it cannot be determined (floating time, a TZID Java does not know)
 * @param end the same for DTEND (else DTSTART plus DURATION, else the RFC 5545 default), or null
 */
public record EventTimes(String start, String end) {
  static final EventTimes UNKNOWN = new EventTimes(null, null);
}
