package io.calsync.server;

import io.calsync.core.model.Item;
import io.calsync.core.sync.ConflictStrategy;
import java.time.Instant;
import java.util.Comparator;

/**
 * The decision table of docs/protocol.md: what the master does with one change given its current
 * version of the item. Pure: no store, no clock.
 */
final class ItemDecision {

  enum Verdict {
    /** The change becomes the next version. */
    APPLY,
    /** The master already has this content (or the item is already deleted). */
    UNCHANGED,
    /** Concurrent, and the strategy kept the master's version. */
    SUPERSEDE,
    /** Concurrent under {@code manual}: record both, overwrite nothing. */
    CONFLICT
  }

  /**
   * What the master holds now.
   *
   * @param version the current version, or null when the master never had the UID
   * @param item the parsed current text; null for a tombstone or when there is none
   */
  record Current(Long version, boolean deleted, Item item) {
    static final Current NONE = new Current(null, true, null);
  }

  /**
   * LAST-MODIFIED (else DTSTAMP), then SEQUENCE. Unlike the engine's comparison there is no hash
   * tie-break: the protocol gives a tie to the master, which every agent then receives.
   */
  private static final Comparator<Item> LATEST =
      Comparator.comparing(Item::lastModified, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparingInt(Item::sequence);

  private ItemDecision() {}

  static Verdict decide(Current current, IncomingChange change, ConflictStrategy strategy) {
    if (sameContent(current, change)) return Verdict.UNCHANGED;
    if (current.version() == null) return Verdict.APPLY; // deleting nothing was caught as same content
    boolean basedOnCurrent = current.version().equals(change.baseVersion());
    boolean recreatesDeleted = current.deleted() && change.baseVersion() == null;
    if (basedOnCurrent || recreatesDeleted) return Verdict.APPLY;
    return settle(current, change, strategy);
  }

  private static boolean sameContent(Current current, IncomingChange change) {
    if (change.isDelete()) return current.deleted();
    return !current.deleted() && current.item().hash().equals(change.contentHash());
  }

  /** A concurrent change: neither side saw the other's version. */
  private static Verdict settle(Current current, IncomingChange change, ConflictStrategy strategy) {
    return switch (strategy) {
      case SOURCE_WINS -> Verdict.APPLY;
      case DESTINATION_WINS -> Verdict.SUPERSEDE;
      case MANUAL -> Verdict.CONFLICT;
      case LATEST_WINS -> {
        // An edit beats a delete: a deletion has no time stamp to compare, and losing an edit is
        // worse than keeping an event someone deleted.
        if (change.isDelete()) yield Verdict.SUPERSEDE;
        if (current.deleted()) yield Verdict.APPLY;
        yield LATEST.compare(change.item(), current.item()) > 0 ? Verdict.APPLY : Verdict.SUPERSEDE;
      }
    };
  }
}
