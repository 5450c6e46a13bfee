package io.calsync.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Master calendars and the mapping to each agent source that holds a copy. */
public interface CalendarRepository {
  record Calendar(
      String id,
      String name,
      String color,
      String description,
      String ownerAgent,
      Instant createdAt,
      Instant updatedAt) {}

  /** One agent source that holds a copy of a master calendar. */
  record SourceMapping(
      String agentId,
      String sourceName,
      String calendarId,
      String type,
      String calendarName,
      String providerCalendarId,
      boolean allowMetadataUpdates,
      boolean allowEventUpdates,
      String conflictResolution) {}

  Optional<Calendar> find(String calendarId);

  List<Calendar> list();

  /** The calendars with exactly this name (names are not unique), oldest first. */
  List<Calendar> findByName(String name);

  void insert(Calendar calendar);

  void update(Calendar calendar);

  /** Deletes the calendar and its mappings; false if it did not exist. */
  boolean delete(String calendarId);

  List<SourceMapping> sourcesOf(String calendarId);

  /** The mapping of one agent source, if the agent announced it. */
  Optional<SourceMapping> findSource(String agentId, String sourceName);

  /** Replaces every mapping of {@code agentId} with {@code mappings}. */
  void replaceAgentSources(String agentId, List<SourceMapping> mappings);
}
