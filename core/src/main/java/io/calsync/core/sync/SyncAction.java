package io.calsync.core.sync;

import io.calsync.core.model.Item;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.SideStatus;
import io.calsync.core.status.SyncedMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of a sync plan. The planner produces them without I/O; the executor applies each in
 * turn and records the outcome in the status store as soon as the write is flushed.
 *
 * <p>Every action that settles a UID ({@link Create}, {@link Update}, {@link Delete}, {@link
 * RecordStatus}, {@link ForgetStatus}) also removes any conflict record of that UID when it is
 * applied.
 *
 * <p>{@link UpdateMetadata} and {@link RecordMetadata} are about the calendar rather than an item:
 * they come last in a plan, one {@code UpdateMetadata} per side at most and one {@code
 * RecordMetadata} after them (see {@link MetadataPlanner}).
 */
public sealed interface SyncAction {

  /** The UID the action is about; empty for actions about the calendar itself (its metadata). */
  String uid();

  /** One human line for {@code --dry-run}: side (source/destination), UID and summary. */
  String describe();

  /**
   * Creates {@code item} on {@code target}, then records the status of both sides.
   *
   * @param from what the other side holds (it becomes that side's status)
   * @param conflict true when this settles a conflict (an edit that beat a deletion, a resolution)
   */
  record Create(Side target, Item item, SideStatus from, boolean conflict) implements SyncAction {
    public Create {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(from, "from");
    }

    @Override
    public String uid() {
      return item.uid();
    }

    @Override
    public String describe() {
      return "create on " + target.label() + ": " + name(uid(), item.summary())
          + " from " + target.other().label() + suffix(conflict, target.other().label() + "'s version wins");
    }
  }

  /**
   * Overwrites the item at {@code href} on {@code target} (if its etag is still {@code ifMatch})
   * with {@code item}, then records the status of both sides.
   */
  record Update(Side target, String href, String ifMatch, Item item, SideStatus from, boolean conflict)
      implements SyncAction {
    public Update {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(href, "href");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(from, "from");
    }

    @Override
    public String uid() {
      return item.uid();
    }

    @Override
    public String describe() {
      return "update on " + target.label() + ": " + name(uid(), item.summary())
          + " with the " + target.other().label() + "'s version"
          + suffix(conflict, target.other().label() + "'s version wins");
    }
  }

  /** Deletes the item at {@code href} on {@code target} (if its etag is still {@code ifMatch}). */
  record Delete(Side target, String uid, String href, String ifMatch, String summary, boolean conflict)
      implements SyncAction {
    public Delete {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(href, "href");
      summary = summary == null ? "" : summary;
    }

    @Override
    public String describe() {
      return "delete from " + target.label() + ": " + name(uid, summary)
          + " (deleted on " + target.other().label() + ")"
          + suffix(conflict, "the deletion wins over the edit on " + target.label());
    }
  }

  /** Both sides agree: write their state to the status store, touch neither side. */
  record RecordStatus(ItemStatus status) implements SyncAction {
    public RecordStatus {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String uid() {
      return status.uid();
    }

    @Override
    public String describe() {
      return "record " + name(uid(), "") + " as in sync (both sides hold the same version)";
    }
  }

  /** The item is gone from both sides: forget its status. */
  record ForgetStatus(String uid) implements SyncAction {
    public ForgetStatus {
      Objects.requireNonNull(uid, "uid");
    }

    @Override
    public String describe() {
      return "forget " + name(uid, "") + " (deleted on both sides)";
    }
  }

  /**
   * Manual strategy: keep both versions in a conflict record (replacing any older record of the
   * UID) and change nothing on either side.
   */
  record RecordConflict(Conflict conflict) implements SyncAction {
    public RecordConflict {
      Objects.requireNonNull(conflict, "conflict");
    }

    @Override
    public String uid() {
      return conflict.uid();
    }

    @Override
    public String describe() {
      return "conflict " + conflict.id() + " on " + name(uid(), conflict.summary())
          + ": source and destination both changed it; both versions kept, nothing overwritten"
          + " (resolve with: calsync conflicts resolve " + conflict.id() + ")";
    }
  }

  /** A conflict record no longer applies (both sides moved on): remove it. */
  record DropConflict(String uid, String conflictId) implements SyncAction {
    public DropConflict {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(conflictId, "conflictId");
    }

    @Override
    public String describe() {
      return "drop conflict " + conflictId + " on " + name(uid, "") + " (no longer applies)";
    }
  }

  /**
   * Renames, recolors or re-describes the calendar on {@code target}: the fields of {@code change}
   * that are not null are set, an empty string clears a field.
   *
   * @param before the target's values now, for {@link #describe()}
   * @param conflict true when both sides changed a field and the strategy picked the other side
   */
  record UpdateMetadata(Side target, MetadataChange change, MetadataValues before, boolean conflict)
      implements SyncAction {
    public UpdateMetadata {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(before, "before");
    }

    @Override
    public String uid() {
      return "";
    }

    /** E.g. {@code rename destination: "Work" → "Project"; recolor destination: #ff0000 → #00aa00}. */
    @Override
    public String describe() {
      String side = target.label();
      List<String> parts = new ArrayList<>();
      if (change.name() != null) {
        parts.add("rename " + side + ": " + quoted(before.name()) + " → " + quoted(change.name()));
      }
      if (change.color() != null) {
        parts.add("recolor " + side + ": " + orNone(before.color()) + " → " + orNone(change.color()));
      }
      if (change.description() != null) {
        parts.add(
            change.description().isEmpty()
                ? "clear the description of " + side
                : "change the description of " + side + ": " + quoted(before.description())
                    + " → " + quoted(change.description()));
      }
      return String.join("; ", parts)
          + suffix(conflict, "both sides changed it, the " + target.other().label() + "'s value wins");
    }
  }

  /**
   * Records the calendar metadata both sides now hold (as each side reads it back after the
   * {@link UpdateMetadata} before it). A field whose update failed keeps {@code previous}.
   *
   * @param status what each side holds once the planned updates succeeded
   * @param previous the status the plan started from, or null on the pair's first sync
   */
  record RecordMetadata(SyncedMetadata status, SyncedMetadata previous) implements SyncAction {
    public RecordMetadata {
      Objects.requireNonNull(status, "status");
    }

    @Override
    public String uid() {
      return "";
    }

    @Override
    public String describe() {
      List<String> differing = new ArrayList<>();
      MetadataValues a = status.a();
      MetadataValues b = status.b();
      if (!Objects.equals(a.name(), b.name())) {
        differing.add("name (source " + quoted(a.name()) + ", destination " + quoted(b.name()) + ")");
      }
      if (!Objects.equals(a.color(), b.color())) {
        differing.add("color (source " + orNone(a.color()) + ", destination " + orNone(b.color()) + ")");
      }
      if (!Objects.equals(a.description(), b.description())) {
        differing.add("description (source " + quoted(a.description()) + ", destination "
            + quoted(b.description()) + ")");
      }
      return "record the calendar's name, color and description as synced"
          + (differing.isEmpty() ? "" : "; they differ and are left as they are: " + String.join(", ", differing));
    }
  }

  private static String quoted(String value) {
    return value == null || value.isEmpty() ? "(none)" : "\"" + value + "\"";
  }

  private static String orNone(String value) {
    return value == null || value.isEmpty() ? "(none)" : value;
  }

  private static String name(String uid, String summary) {
    return summary == null || summary.isEmpty() ? "UID " + uid : "\"" + summary + "\" (UID " + uid + ")";
  }

  private static String suffix(boolean conflict, String text) {
    return conflict ? " [conflict: " + text + "]" : "";
  }
}
