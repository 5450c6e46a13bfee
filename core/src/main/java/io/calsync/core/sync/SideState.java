package io.calsync.core.sync;

import io.calsync.core.model.Item;
import io.calsync.core.model.Side;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one side holds now, as the planner sees it: one entry per listed href with its UID and
 * content hash. This is the planner's whole view of a storage.
 *
 * @param side which side this is
 * @param items every readable item listed (the same UID may appear twice: the planner reports it)
 * @param unreadable listed hrefs whose content could not be read; their UIDs are left alone
 * @param confirmedMissing hrefs of status items absent from an incomplete listing that {@code get}
 *     confirmed as gone. For an incomplete listing, only these count as deleted.
 * @param complete whether the listing covered the whole calendar
 * @param readOnly whether the side must never be written
 */
public record SideState(
    Side side,
    List<SideItem> items,
    List<Unreadable> unreadable,
    Set<String> confirmedMissing,
    boolean complete,
    boolean readOnly) {

  public SideState {
    Objects.requireNonNull(side, "side");
    items = List.copyOf(items);
    unreadable = List.copyOf(unreadable);
    confirmedMissing = Set.copyOf(confirmedMissing);
  }

  /** A complete, writable side holding {@code items}. */
  public static SideState of(Side side, List<SideItem> items) {
    return new SideState(side, items, List.of(), Set.of(), true, false);
  }

  /**
   * One item on a side.
   *
   * @param href where it lives
   * @param etag its current version token
   * @param uid its UID
   * @param hash its content hash
   * @param item the item itself when it was fetched; null when it was known from the status
   *     (same href and etag as last time, hence unchanged)
   */
  public record SideItem(String href, String etag, String uid, String hash, Item item) {
    public SideItem {
      Objects.requireNonNull(href, "href");
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(hash, "hash");
    }

    public static SideItem fetched(String href, String etag, Item item) {
      return new SideItem(href, etag, item.uid(), item.hash(), item);
    }
  }

  /** A listed href whose content could not be read, with the reason. */
  public record Unreadable(String href, String reason) {}
}
