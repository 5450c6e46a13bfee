package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** A master calendar as {@code GET /calendars} shows it, with the agents that hold a copy. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalendarView(
    String id,
    String name,
    String color,
    String description,
    String ownerAgent,
    Instant createdAt,
    Instant updatedAt,
    List<Copy> sources) {

  /** One agent's copy of the calendar. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Copy(
      String agentId,
      String sourceName,
      String type,
      String calendarName,
      String calendarId,
      boolean allowMetadataUpdates,
      boolean allowEventUpdates) {}
}
