package io.calsync.server.store;

import java.time.Instant;
import java.util.Optional;

/** Which calendar of the destination account holds each master calendar. */
public interface DestinationCalendarRepository {

  /**
   * One master calendar's destination calendar.
   *
   * @param destinationCalendarId the id the destination account gave it
   * @param missing the calendar was deleted at the destination: leave it alone
   */
  record DestinationCalendar(String destinationUrl, String calendarId, String destinationCalendarId,
      boolean missing, Instant createdAt) {}

  Optional<DestinationCalendar> find(String destinationUrl, String calendarId);

  void insert(DestinationCalendar mapping);

  void markMissing(String destinationUrl, String calendarId);
}
