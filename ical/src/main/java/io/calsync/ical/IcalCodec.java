package io.calsync.ical;

import io.calsync.core.model.Item;
import io.calsync.core.storage.StorageException;
import java.util.List;
import java.util.Map;

/** Reads and writes iCalendar text as calsync {@link Item}s. The only door to ical4j. */
public final class IcalCodec {

  private IcalCodec() {}

  /**
   * Parses a VCALENDAR that holds exactly one item (one UID, with any overrides and VTIMEZONEs).
   *
   * @param source names the input in error messages (a file name, an href)
   * @throws StorageException.Malformed naming {@code source} and the reason
   */
  public static Item parseItem(String text, String source) {
    throw new IllegalStateException("being implemented");
  }

  /**
   * Parses a VCALENDAR holding any number of items and splits it by UID.
   *
   * @throws StorageException.Malformed when the text as a whole is not iCalendar
   */
  public static ParsedCalendar parseCalendar(String text, String source) {
    throw new IllegalStateException("being implemented");
  }

  /**
   * Joins items into one VCALENDAR text: every component of every item, each VTIMEZONE once, and
   * the given calendar-level properties (see {@link ParsedCalendar#properties()}).
   */
  public static String joinCalendar(List<Item> items, Map<String, String> properties) {
    throw new IllegalStateException("being implemented");
  }
}
