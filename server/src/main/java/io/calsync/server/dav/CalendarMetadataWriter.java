package io.calsync.server.dav;

/**
 * Renames a master calendar or changes its color or description the way {@code PUT
 * /calendars/{id}} does (with the {@code calendar_metadata} fan-out to the holders). A null
 * argument leaves that field as it is.
 */
@FunctionalInterface
public interface CalendarMetadataWriter {
  void update(String calendarId, String name, String color, String description);
}
