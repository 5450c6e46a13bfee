package io.calsync.core.sync;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.Side;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.SyncedMetadata;
import io.calsync.core.sync.SyncAction.RecordMetadata;
import io.calsync.core.sync.SyncAction.UpdateMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides what a run does with the calendar's own metadata (name, colour, description): a pure
 * function like {@link SyncPlanner}, whose essay ("Calendar metadata") states the rules this class
 * implements. Each field is decided on its own, three-way, against {@link SyncedMetadata}: what
 * each side held after the last sync.
 *
 * <p>The plan holds at most one {@link UpdateMetadata} per side (every field that side gets) and,
 * when anything is to be recorded, one {@link RecordMetadata} after them. A second run over
 * unchanged sides plans nothing.
 */
public final class MetadataPlanner {

  /**
   * One side as the metadata planner sees it.
   *
   * @param meta the metadata the storage holds now
   * @param writable whether {@code updateMetadata} may be called (not read-only, and {@code
   *     metadataWritable})
   * @param readOnly whether the whole side is read-only (only for the wording of problems)
   */
  public record SideMeta(CalendarMeta meta, boolean writable, boolean readOnly) {
    public SideMeta {
      Objects.requireNonNull(meta, "meta");
    }
  }

  private enum Field {
    NAME("name", MetadataValues::name, CalendarMeta::name),
    COLOR("color", MetadataValues::color, CalendarMeta::color),
    DESCRIPTION("description", MetadataValues::description, CalendarMeta::description);

    final String word;
    final Function<MetadataValues, String> normal;
    final Function<CalendarMeta, String> raw;

    Field(String word, Function<MetadataValues, String> normal, Function<CalendarMeta, String> raw) {
      this.word = word;
      this.normal = normal;
      this.raw = raw;
    }
  }

  private final SyncedMetadata previous;
  private final SideMeta a;
  private final SideMeta b;
  private final ConflictStrategy strategy;
  private final MetadataValues nowA;
  private final MetadataValues nowB;
  /** The status to record, per side and field (normalised). */
  private final String[][] next = new String[2][3];
  /** What to write, per side and field (raw; "" clears); null = leave. */
  private final String[][] write = new String[2][3];
  private final boolean[] conflictWrite = new boolean[2];
  private final List<String> problems = new ArrayList<>();
  private final int[] errors = new int[2];

  private MetadataPlanner(SyncedMetadata previous, SideMeta a, SideMeta b, ConflictStrategy strategy) {
    this.previous = previous;
    this.a = Objects.requireNonNull(a, "a");
    this.b = Objects.requireNonNull(b, "b");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.nowA = MetadataValues.of(a.meta());
    this.nowB = MetadataValues.of(b.meta());
  }

  /**
   * Plans the metadata part of a run.
   *
   * @param previous what each side held after the last sync, or null before the first one
   * @param a the source now
   * @param b the destination now
   * @param strategy how a field changed on both sides is settled
   * @return the actions (none when nothing changed) and the problems (writes a side refuses,
   *     manual conflicts)
   */
  public static SyncPlan plan(
      SyncedMetadata previous, SideMeta a, SideMeta b, ConflictStrategy strategy) {
    return new MetadataPlanner(previous, a, b, strategy).plan();
  }

  private SyncPlan plan() {
    for (Field f : Field.values()) {
      if (previous == null) {
        firstContact(f);
      } else {
        decide(f);
      }
    }
    List<SyncAction> actions = new ArrayList<>();
    for (Side side : Side.values()) {
      String[] w = write[side.ordinal()];
      if (w[0] != null || w[1] != null || w[2] != null) {
        actions.add(
            new UpdateMetadata(
                side, new MetadataChange(w[0], w[1], w[2], null), now(side), conflictWrite[side.ordinal()]));
      }
    }
    SyncedMetadata status =
        new SyncedMetadata(
            new MetadataValues(next[0][0], next[0][1], next[0][2]),
            new MetadataValues(next[1][0], next[1][1], next[1][2]));
    boolean nothingToRemember = previous == null && status.equals(SyncedMetadata.agreed(MetadataValues.EMPTY));
    if (!status.equals(previous) && !nothingToRemember) {
      actions.add(new RecordMetadata(status, previous));
    }
    return new SyncPlan(actions, problems, 0, errors[0], errors[1]);
  }

  /** No status yet: fill an empty field from the other side, leave two set values alone. */
  private void firstContact(Field f) {
    String va = f.normal.apply(nowA);
    String vb = f.normal.apply(nowB);
    keep(f, va, vb);
    if (Objects.equals(va, vb) || (va != null && vb != null)) {
      return; // agree, or two existing calendars that differ: leave both as they are
    }
    Side empty = va == null ? Side.A : Side.B;
    if (side(empty).writable()) { // fill-ins never become problems: nobody asked for them
      put(f, empty, false);
    }
  }

  /** Three-way, against the status. */
  private void decide(Field f) {
    String sa = f.normal.apply(previous.a());
    String sb = f.normal.apply(previous.b());
    String va = f.normal.apply(nowA);
    String vb = f.normal.apply(nowB);
    boolean aChanged = changed(f, sa, va);
    boolean bChanged = changed(f, sb, vb);
    keep(f, aChanged ? va : sa, bChanged ? vb : sb);
    if (!aChanged && !bChanged) {
      return; // nothing moved (the sides may differ by agreement or because one cannot store it)
    }
    if (Objects.equals(va, vb)) {
      keep(f, va, vb); // both sides made the same change
    } else if (aChanged && !bChanged) {
      carry(f, Side.B, false, sa, sb);
    } else if (!aChanged) {
      carry(f, Side.A, false, sa, sb);
    } else {
      conflict(f, va, vb, sa, sb);
    }
  }

  /** Both sides changed {@code f} to different values. */
  private void conflict(Field f, String va, String vb, String sa, String sb) {
    Side winner =
        switch (strategy) {
          case SOURCE_WINS -> Side.A;
          case DESTINATION_WINS -> Side.B;
          // No timestamps for metadata: the source wins, except that a value beats a clear.
          case LATEST_WINS -> va == null ? Side.B : Side.A;
          // A value beats a clear (as an edit beats a deletion); otherwise a person decides.
          case MANUAL -> va == null ? Side.B : vb == null ? Side.A : null;
        };
    if (winner == null) {
      keep(f, sa, sb);
      problems.add(
          "calendar " + f.word + " differs: source " + shown(f, a.meta()) + ", destination "
              + shown(f, b.meta()) + "; pick one with --conflict source_wins|destination_wins");
      return;
    }
    carry(f, winner.other(), true, sa, sb);
  }

  /** Writes the other side's value of {@code f} to {@code target}, or reports why it cannot. */
  private void carry(Field f, Side target, boolean conflict, String sa, String sb) {
    SideMeta t = side(target);
    if (!t.writable()) {
      keep(f, sa, sb); // not advanced: the change is still pending next run
      errors[target.ordinal()]++;
      problems.add(
          target.label() + (t.readOnly() ? " is read-only" : "'s calendar properties cannot be changed")
              + ", not applied: " + describeOne(f, target));
      return;
    }
    put(f, target, conflict);
  }

  /** Plans writing the other side's value of {@code f} to {@code target}; both then hold it. */
  private void put(Field f, Side target, boolean conflict) {
    Side from = target.other();
    String raw = writable(f, f.raw.apply(side(from).meta()));
    write[target.ordinal()][f.ordinal()] = raw;
    conflictWrite[target.ordinal()] |= conflict;
    String value = f.normal.apply(now(from));
    next[0][f.ordinal()] = value;
    next[1][f.ordinal()] = value;
  }

  private void keep(Field f, String forA, String forB) {
    next[0][f.ordinal()] = forA;
    next[1][f.ordinal()] = forB;
  }

  /**
   * A side changed a field when its value differs from the one recorded for it. A name that
   * became empty is no change: a calendar is never left without a name on the other side.
   */
  private static boolean changed(Field f, String recorded, String now) {
    return !Objects.equals(recorded, now) && !(f == Field.NAME && now == null);
  }

  /** The value to write: trimmed, an opaque {@code #RRGGBBFF} as {@code #RRGGBB}, "" to clear. */
  private static String writable(Field f, String raw) {
    String v = raw == null ? "" : raw.strip();
    if (f == Field.COLOR && v.length() == 9 && MetadataValues.color(v).length() == 7) {
      v = v.substring(0, 7);
    }
    return v;
  }

  private String describeOne(Field f, Side target) {
    MetadataChange change =
        switch (f) {
          case NAME -> new MetadataChange(writable(f, side(target.other()).meta().name()), null, null, null);
          case COLOR -> new MetadataChange(null, writable(f, side(target.other()).meta().color()), null, null);
          case DESCRIPTION ->
              new MetadataChange(null, null, writable(f, side(target.other()).meta().description()), null);
        };
    return new UpdateMetadata(target, change, now(target), false).describe();
  }

  private static String shown(Field f, CalendarMeta meta) {
    String v = f.raw.apply(meta);
    return v == null || v.isBlank() ? "(none)" : "'" + v.strip() + "'";
  }

  private SideMeta side(Side side) {
    return side == Side.A ? a : b;
  }

  private MetadataValues now(Side side) {
    return side == Side.A ? nowA : nowB;
  }
}
