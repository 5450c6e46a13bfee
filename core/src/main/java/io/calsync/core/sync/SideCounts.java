package io.calsync.core.sync;

/**
 * What one run did to one side.
 *
 * @param created items created on the side
 * @param updated items overwritten on the side
 * @param deleted items deleted from the side
 * @param conflicts conflicts settled by writing to (or deleting from) the side
 * @param errors items that could not be read or written on the side
 */
public record SideCounts(int created, int updated, int deleted, int conflicts, int errors) {

  public static final SideCounts NONE = new SideCounts(0, 0, 0, 0, 0);

  /** True when nothing was written and nothing failed. */
  public boolean isEmpty() {
    return equals(NONE);
  }
}
