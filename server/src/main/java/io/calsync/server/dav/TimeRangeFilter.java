package io.calsync.server.dav;

import io.calsync.core.model.Item;
import io.calsync.ical.EventFacts;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code time-range} of a calendar-query (RFC 4791 §9.9), approximated on the safe side: an
 * item may be answered although it falls just outside the range, never left out although it
 * overlaps. The ical module reads times day-accurately (a TZID time is read as if it were UTC),
 * so the range is widened by a day each way; a recurring item counts from its start to its
 * RRULE's UNTIL (for ever with COUNT or without an end), without expanding occurrences. Clients
 * filter what they display themselves, so a few extra events cost only bytes.
 */
final class TimeRangeFilter {
  private static final Duration SLACK = Duration.ofDays(1);

  private final Instant start;
  private final Instant end;

  /** @param start inclusive, or null for open; @param end exclusive, or null for open */
  TimeRangeFilter(Instant start, Instant end) {
    this.start = start == null ? null : start.minus(SLACK);
    this.end = end == null ? null : end.plus(SLACK);
  }

  boolean overlaps(Item item) {
    EventFacts facts;
    try {
      facts = EventFacts.of(item);
    } catch (RuntimeException e) {
      return true; // unreadable times: answer it rather than hide it
    }
    if (facts.start() == null) return true;
    Instant itemEnd = facts.recurring() ? facts.recursUntil() : facts.end();
    boolean startsBeforeEnd = end == null || facts.start().isBefore(end);
    boolean endsAfterStart = start == null || itemEnd == null || !itemEnd.isBefore(start);
    return startsBeforeEnd && endsAfterStart;
  }
}
