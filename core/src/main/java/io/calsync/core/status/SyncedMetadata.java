package io.calsync.core.status;

import io.calsync.core.model.Side;
import java.util.Objects;

/**
 * The calendar metadata (name, colour, description) of a sync pair as each side held it after the
 * last sync: the third leg of the three-way comparison for metadata, as {@link ItemStatus} is for
 * items.
 *
 * <p>Both sides normally hold the same values. They differ where the sides disagreed on first
 * contact and were left as they are (two existing calendars with different names), and where a
 * side cannot store a field (a storage without a description reads back empty after the engine
 * wrote one). Recording each side's own value is what lets the engine tell "this side changed"
 * from "this side never could hold it", so an empty value on such a side is never taken for a
 * deletion.
 *
 * @param a the source's values
 * @param b the destination's values
 */
public record SyncedMetadata(MetadataValues a, MetadataValues b) {

  public SyncedMetadata {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
  }

  /** Both sides holding the same values. */
  public static SyncedMetadata agreed(MetadataValues values) {
    return new SyncedMetadata(values, values);
  }

  public MetadataValues side(Side side) {
    return side == Side.A ? a : b;
  }

  public SyncedMetadata with(Side side, MetadataValues values) {
    return side == Side.A ? new SyncedMetadata(values, b) : new SyncedMetadata(a, values);
  }
}
