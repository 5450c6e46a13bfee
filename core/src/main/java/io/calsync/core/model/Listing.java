package io.calsync.core.model;

import java.util.List;

/**
 * What a storage listed.
 *
 * @param items every item the listing covers
 * @param complete true when the listing covers the whole calendar. A storage that lists only a
 *     date window, or that could list only part of the calendar, returns false: the engine then
 *     never takes an absent item for a deleted one without asking the storage for it.
 * @param syncToken a token for {@code changesSince} on the next run, or null
 */
public record Listing(List<ListedItem> items, boolean complete, String syncToken) {
  public Listing {
    items = List.copyOf(items);
  }

  public static Listing complete(List<ListedItem> items) {
    return new Listing(items, true, null);
  }
}
