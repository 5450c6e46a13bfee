package io.calsync.server.dav;

import io.calsync.server.ItemService;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.util.ArrayList;
import java.util.List;

/** Reads every item of a master calendar through {@link ItemService}, page by page. */
public final class CalendarItems {
  private CalendarItems() {}

  /** The calendar's live items (tombstones left out), oldest change first. */
  public static List<StoredItem> live(ItemService items, String calendarId) {
    List<StoredItem> out = new ArrayList<>();
    for (StoredItem i : changedSince(items, calendarId, 0).changes()) {
      if (!i.deleted()) out.add(i);
    }
    return out;
  }

  /** Everything after {@code since} (tombstones included when {@code since > 0}) and the new token. */
  public record Changes(List<StoredItem> changes, long token) {}

  public static Changes changedSince(ItemService items, String calendarId, long since) {
    List<StoredItem> out = new ArrayList<>();
    long token = since;
    boolean more = true;
    // later pages read with since > 0 and so include tombstones: live() filters them
    while (more) {
      ItemService.ItemPage page = items.changesSince(calendarId, token, ItemService.MAX_PAGE);
      out.addAll(page.items());
      token = page.token();
      more = page.more();
    }
    return new Changes(out, token);
  }
}
