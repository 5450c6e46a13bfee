package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One local calendar an agent syncs, as announced in its heartbeat. Credentials are deliberately
 * not part of this record: the seed's agent config carries them, but they stay on the agent and the
 * master ignores them if sent.
 *
 * @param type provider type, e.g. {@code outlook}, {@code google}, {@code exchange}
 * @param name display name of this source in the agent config; unique within the agent
 * @param calendarName provider-local calendar name, or null
 * @param calendarId provider-local calendar id, or null
 * @param allowMetadataUpdates whether the master may rename/recolour this calendar (default false)
 * @param allowEventUpdates whether the master may write events to it (default false)
 * @param conflictResolution per-source override of {@code CONFLICT_RESOLUTION}, or null
 * @param masterCalendarId the master calendar this source is a copy of, by id or by name (the
 *     agent config's {@code master_calendar}); created on first use; null makes the source a master
 *     calendar of its own, named after the source
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalendarSource(
    String type,
    String name,
    String calendarName,
    String calendarId,
    Boolean allowMetadataUpdates,
    Boolean allowEventUpdates,
    String conflictResolution,
    String masterCalendarId) {

  public boolean metadataUpdatesAllowed() {
    return Boolean.TRUE.equals(allowMetadataUpdates);
  }

  public boolean eventUpdatesAllowed() {
    return Boolean.TRUE.equals(allowEventUpdates);
  }
}
