package io.calsync.core.storage;

import io.calsync.core.model.CalendarMeta;
import java.util.List;

/**
 * The place that holds calendars: a folder of vdir collections, a CalDAV calendar home, an
 * Outlook profile. Lists, opens, creates and deletes calendars.
 */
public interface CalendarAccount extends AutoCloseable {

  /** A human-readable location for messages. Never a secret. */
  String location();

  /** Every calendar with its metadata. */
  List<CalendarMeta> listCalendars() throws StorageException;

  /**
   * Opens one calendar by its id.
   *
   * @throws StorageException.ItemNotFound if there is no such calendar
   */
  CalendarStorage open(String calendarId) throws StorageException;

  /**
   * Creates a calendar. The id of {@code meta} is a wish; the returned metadata carries the id the
   * storage chose.
   */
  CalendarMeta createCalendar(CalendarMeta meta) throws StorageException;

  /** Deletes a calendar and everything in it. */
  void deleteCalendar(String calendarId) throws StorageException;

  @Override
  default void close() throws StorageException {}
}
