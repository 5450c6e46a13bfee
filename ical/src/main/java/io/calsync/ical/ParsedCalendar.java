package io.calsync.ical;

import io.calsync.core.model.Item;
import java.util.List;
import java.util.Map;

/**
 * A whole VCALENDAR split into items.
 *
 * @param items one item per UID (master plus overrides merged), in file order
 * @param properties calendar-level properties worth keeping, by name: {@code X-WR-CALNAME},
 *     {@code X-WR-CALDESC}, {@code X-WR-TIMEZONE}, {@code X-APPLE-CALENDAR-COLOR}
 * @param rejected what could not be taken, one entry per UID (or per component without a UID);
 *     the other items are still returned
 */
public record ParsedCalendar(
    List<Item> items, Map<String, String> properties, List<Rejected> rejected) {

  public ParsedCalendar {
    items = List.copyOf(items);
    properties = Map.copyOf(properties);
    rejected = List.copyOf(rejected);
  }

  /**
   * A part of the calendar that was not turned into an item.
   *
   * @param uid the UID concerned, or null when the component has none
   * @param reason why, naming the component (e.g. "two VEVENTs with UID x and no RECURRENCE-ID")
   */
  public record Rejected(String uid, String reason) {}
}
