package io.calsync.core.status;

import io.calsync.core.model.Side;
import java.util.Objects;

/**
 * The synced state of one item (by UID) on both sides. Both sides are present: an item is
 * recorded only once it exists on both.
 */
public record ItemStatus(String uid, SideStatus a, SideStatus b) {
  public ItemStatus {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
  }

  public SideStatus side(Side side) {
    return side == Side.A ? a : b;
  }

  public ItemStatus with(Side side, SideStatus status) {
    return side == Side.A ? new ItemStatus(uid, status, b) : new ItemStatus(uid, a, status);
  }
}
