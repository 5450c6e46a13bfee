package io.calsync.server.dav;

import io.calsync.server.ItemService;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.util.Optional;

/** Finds the item a resource name stands for, through the names clients chose ({@link DavHrefs}). */
final class ItemLookup {
  private final ItemService items;
  private final DavHrefs hrefs;

  ItemLookup(ItemService items, DavHrefs hrefs) {
    this.items = items;
    this.hrefs = hrefs;
  }

  /** The item's current version, a tombstone included, or empty when the name stands for nothing. */
  Optional<StoredItem> current(DavPath.Item path) {
    String uid = hrefs.uidAt(path.calendarId(), path.name());
    return uid == null ? Optional.empty() : items.current(path.calendarId(), uid);
  }

  /** The item when it exists and is not deleted. */
  Optional<StoredItem> live(DavPath.Item path) {
    return current(path).filter(i -> !i.deleted());
  }
}
