package io.calsync.core.sync;

import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.Side;
import io.calsync.core.model.WriteResult;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.SideStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.status.SyncedMetadata;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.core.sync.SyncAction.Create;
import io.calsync.core.sync.SyncAction.Delete;
import io.calsync.core.sync.SyncAction.DropConflict;
import io.calsync.core.sync.SyncAction.ForgetStatus;
import io.calsync.core.sync.SyncAction.RecordConflict;
import io.calsync.core.sync.SyncAction.RecordMetadata;
import io.calsync.core.sync.SyncAction.RecordStatus;
import io.calsync.core.sync.SyncAction.UpdateMetadata;
import io.calsync.core.sync.SyncAction.Update;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a plan. Writes go to a storage one at a time, or several at once where the storage
 * allows it (a {@link WritePipeline} hands their outcomes back in plan order, so what follows is
 * the same either way); their status records are collected and, every {@value #STATUS_BATCH} writes and at the end, both storages are {@linkplain
 * CalendarStorage#flush() flushed} and then the collected records are committed in one
 * transaction. So the status never claims what a buffering storage (one file holding a whole
 * calendar) has not written out, a first sync of 10,000 items costs a few dozen commits instead
 * of 10,000, and a run killed at any point leaves only writes without status, which the next run
 * recognises (both sides hold the same hash) instead of repeating.
 *
 * <p>Failures of one item are reported and the rest goes on; an {@link
 * StorageException.Unavailable} repeated for {@value #MAX_CONSECUTIVE_UNAVAILABLE} items in a row
 * aborts the run (the storage is down; hammering it helps nobody). Calendar metadata actions come
 * after every item is flushed and recorded, and their failures never abort anything. Exceptions
 * that are not {@link StorageException}s are bugs or kills and propagate.
 */
final class PlanExecutor {

  static final int MAX_CONSECUTIVE_UNAVAILABLE = 5;
  static final int STATUS_BATCH = 256;

  private final CalendarStorage a;
  private final CalendarStorage b;
  private final StatusStore status;
  private final SyncListener listener;
  private final Set<String> uidsWithConflicts;

  private final List<String> problems = new ArrayList<>();
  private final List<String> metadataProblems = new ArrayList<>();
  /** Status changes of writes not yet flushed, in plan order, with the side each one wrote to. */
  private final List<PendingStatus> pending = new ArrayList<>();

  private final int[][] counts = new int[2][5]; // side × created, updated, deleted, conflicts, errors
  private int total;
  private int done;
  private int consecutiveUnavailable;
  /** Per side, what this run's successful writes left: href → etag (null for a delete). */
  private final List<Map<String, String>> written = List.of(new HashMap<>(), new HashMap<>());

  PlanExecutor(
      CalendarStorage a, CalendarStorage b, StatusStore status, SyncListener listener, Set<String> uidsWithConflicts) {
    this.a = a;
    this.b = b;
    this.status = status;
    this.listener = listener;
    this.uidsWithConflicts = uidsWithConflicts;
  }

  /** Every problem: items first, then calendar metadata. */
  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    all.addAll(metadataProblems);
    return all;
  }

  /** The problems with items only (they decide whether sync tokens may be kept). */
  List<String> itemProblems() {
    return problems;
  }

  /**
   * What this run's writes to {@code side} left there: href → the etag the storage answered (null
   * for a deleted href, and for a write whose etag the storage did not tell). Empty when nothing
   * was written.
   */
  Map<String, String> written(Side side) {
    return Collections.unmodifiableMap(written.get(side.ordinal()));
  }

  SideCounts counts(Side side, int extraErrors) {
    int[] c = counts[side.ordinal()];
    return new SideCounts(c[0], c[1], c[2], c[3], c[4] + extraErrors);
  }

  void execute(List<SyncAction> plan) {
    listener.phase("applying " + plan.size() + " changes");
    total = plan.size();
    List<SyncAction> metadata = new ArrayList<>();
    try (WritePipeline writes = new WritePipeline(concurrency(Side.A), concurrency(Side.B))) {
      for (SyncAction action : plan) {
        if (action instanceof UpdateMetadata || action instanceof RecordMetadata) {
          metadata.add(action); // after every item write is flushed and recorded
          continue;
        }
        writes.submit(action, target(action), () -> perform(action)).forEach(this::retire);
        if (pending.size() >= STATUS_BATCH) {
          writes.drain().forEach(this::retire);
          flushAndCommit();
        }
      }
      writes.drain().forEach(this::retire);
    }
    flushAndCommit();
    applyMetadata(metadata);
  }

  private int concurrency(Side side) {
    return Math.max(1, storage(side).writeConcurrency());
  }

  /**
   * Takes the outcome of one item action, in plan order: records its status change (to be
   * committed after the next flush), counts it, reports it.
   */
  private void retire(WritePipeline.Done finished) {
    SyncAction action = finished.action();
    String outcome;
    try {
      finished.result().run();
      outcome = "ok";
      consecutiveUnavailable = 0;
    } catch (StorageException.ItemAlreadyExists e) {
      outcome = fail(action, "an item with this UID already exists there; will look again next run", e);
      consecutiveUnavailable = 0;
    } catch (StorageException.PreconditionFailed e) {
      outcome = fail(action, "changed during sync, will be retried next run", e);
      consecutiveUnavailable = 0;
    } catch (StorageException.Unavailable e) {
      if (++consecutiveUnavailable >= MAX_CONSECUTIVE_UNAVAILABLE) {
        listener.applied(action, "failed: " + e.getMessage());
        throw e;
      }
      outcome = fail(action, "storage unavailable, will be retried next run", e);
    } catch (StorageException e) {
      outcome = fail(action, "set aside", e);
      consecutiveUnavailable = 0;
    }
    listener.applied(action, outcome);
    listener.progress(++done, total);
  }

  // ---- calendar metadata ---------------------------------------------------------------------

  /**
   * Applies the metadata actions, after the items (so a metadata failure can never cost an item
   * its status record). Failures become problems; none aborts the run. Each update is flushed and
   * read back at once: what a side holds afterwards is what its status records, so a side that
   * cannot store a field (reads it back empty) is not taken for one that cleared it next run.
   */
  private void applyMetadata(List<SyncAction> actions) {
    Map<Side, MetadataValues> readBack = new EnumMap<>(Side.class);
    List<UpdateMetadata> updates = new ArrayList<>();
    for (SyncAction action : actions) {
      String outcome =
          switch (action) {
            case UpdateMetadata u -> {
              updates.add(u);
              yield updateMetadata(u, readBack);
            }
            case RecordMetadata r -> recordMetadata(r, updates, readBack);
            default -> throw new IllegalStateException("not a metadata action: " + action);
          };
      listener.applied(action, outcome);
      listener.progress(++done, total);
    }
  }

  private String updateMetadata(UpdateMetadata u, Map<Side, MetadataValues> readBack) {
    CalendarStorage target = storage(u.target());
    try {
      target.updateMetadata(u.change());
      target.flush();
    } catch (StorageException e) {
      return fail(u, "will be retried next run", e, metadataProblems);
    }
    try {
      readBack.put(u.target(), MetadataValues.of(target.metadata()));
      return "ok";
    } catch (StorageException e) {
      return fail(u, "done, but could not be read back; will be checked next run", e, metadataProblems);
    }
  }

  /**
   * Records the planned status, corrected by what the updates did: a field an update wrote gets,
   * for the side written, what that side reads back when it reads back nothing (it cannot store
   * the field) or when a clear did not take; otherwise the value written. A field whose update
   * failed keeps the previous status on both sides, so that the next run plans it again; on a
   * first sync nothing is recorded then.
   */
  private String recordMetadata(
      RecordMetadata r, List<UpdateMetadata> updates, Map<Side, MetadataValues> readBack) {
    SyncedMetadata result = r.status();
    for (UpdateMetadata u : updates) {
      MetadataValues back = readBack.get(u.target());
      if (back == null) {
        if (r.previous() == null) {
          return "skipped: an update failed, the next run compares again";
        }
        result = notAdvanced(result, r.previous(), u.change());
      } else {
        result = result.with(u.target(), settled(result.side(u.target()), back, u.change()));
      }
    }
    if (!result.equals(r.previous())) {
      status.putMetadata(result);
    }
    return "ok";
  }

  private static MetadataValues settled(MetadataValues planned, MetadataValues back, MetadataChange c) {
    return new MetadataValues(
        c.name() == null ? planned.name() : settled(planned.name(), back.name()),
        c.color() == null ? planned.color() : settled(planned.color(), back.color()),
        c.description() == null ? planned.description() : settled(planned.description(), back.description()));
  }

  private static String settled(String written, String back) {
    return back == null || written == null ? back : written;
  }

  private static SyncedMetadata notAdvanced(SyncedMetadata result, SyncedMetadata previous, MetadataChange c) {
    SyncedMetadata out = result;
    for (Side side : Side.values()) {
      MetadataValues now = out.side(side);
      MetadataValues before = previous.side(side);
      out =
          out.with(
              side,
              new MetadataValues(
                  c.name() == null ? now.name() : before.name(),
                  c.color() == null ? now.color() : before.color(),
                  c.description() == null ? now.description() : before.description()));
    }
    return out;
  }

  /**
   * Flushes both storages, then commits the status of every write that is now durable. A side
   * whose flush failed keeps its writes unrecorded: the next run finds them (or their absence)
   * and converges.
   */
  private void flushAndCommit() {
    if (pending.isEmpty()) {
      return;
    }
    boolean[] flushed = {flush(Side.A), flush(Side.B)};
    List<PendingStatus> batch = List.copyOf(pending);
    pending.clear();
    status.transaction(
        () -> {
          for (PendingStatus p : batch) {
            if (p.wrote() == null || flushed[p.wrote().ordinal()]) {
              p.change().run();
            }
          }
          return null;
        });
  }

  private boolean flush(Side side) {
    boolean wrote = pending.stream().anyMatch(p -> p.wrote() == side);
    if (!wrote) {
      return true;
    }
    try {
      storage(side).flush();
      return true;
    } catch (StorageException e) {
      List<String> uids = pending.stream().filter(p -> p.wrote() == side).map(PendingStatus::uid).toList();
      String shown = String.join(", ", uids.subList(0, Math.min(5, uids.size())));
      problems.add(
          side.label() + " (" + storage(side).location() + "): could not write out "
              + uids.size() + " change(s) (" + shown + (uids.size() > 5 ? ", …" : "")
              + "); they will be checked again next run (" + e.getMessage() + ")");
      counts[side.ordinal()][4]++;
      return false;
    }
  }

  /** A status change that becomes true once the side it {@code wrote} to (if any) is flushed. */
  private record PendingStatus(Side wrote, String uid, Runnable change) {}

  private String fail(SyncAction action, String what, StorageException e) {
    return fail(action, what, e, problems);
  }

  private String fail(SyncAction action, String what, StorageException e, List<String> problems) {
    String line = action.describe() + ": failed: " + what + " (" + e.getMessage() + ")";
    problems.add(line);
    Side target = target(action);
    if (target != null) {
      counts[target.ordinal()][4]++;
    }
    return "failed: " + what + " (" + e.getMessage() + ")";
  }

  /**
   * Does the storage part of an item action (possibly on a writer thread: it touches only the
   * target storage) and returns the rest, which {@link #retire} runs on the engine's thread.
   */
  private Runnable perform(SyncAction action) {
    return switch (action) {
      case Create c -> {
        WriteResult r = storage(c.target()).create(c.item());
        yield () -> {
          ItemStatus after = statusAfterWrite(c.uid(), c.target(), r, c.item().hash(), c.from());
          later(c.target(), c.uid(), () -> record(c.uid(), after));
          wrote(c.target(), r.href(), r.etag());
          count(c.target(), 0, c.conflict());
        };
      }
      case Update u -> {
        WriteResult r = storage(u.target()).update(u.href(), u.item(), u.ifMatch());
        yield () -> {
          ItemStatus after = statusAfterWrite(u.uid(), u.target(), r, u.item().hash(), u.from());
          later(u.target(), u.uid(), () -> record(u.uid(), after));
          wrote(u.target(), r.href(), r.etag());
          if (!r.href().equals(u.href())) {
            wrote(u.target(), u.href(), null); // the server moved it: the old href is gone
          }
          count(u.target(), 1, u.conflict());
        };
      }
      case Delete d -> {
        storage(d.target()).delete(d.href(), d.ifMatch());
        yield () -> {
          later(d.target(), d.uid(), () -> record(d.uid(), null));
          wrote(d.target(), d.href(), null);
          count(d.target(), 2, d.conflict());
        };
      }
      case RecordStatus r -> () -> later(null, r.uid(), () -> record(r.uid(), r.status()));
      case ForgetStatus f -> () -> later(null, f.uid(), () -> record(f.uid(), null));
      case RecordConflict rc ->
          () ->
              later(
                  null,
                  rc.uid(),
                  () -> {
                    removeConflictsOf(rc.uid());
                    status.putConflict(rc.conflict());
                  });
      case DropConflict dc -> () -> later(null, dc.uid(), () -> status.removeConflict(dc.conflictId()));
      case UpdateMetadata u -> throw new IllegalStateException("applied by applyMetadata: " + u);
      case RecordMetadata r -> throw new IllegalStateException("applied by applyMetadata: " + r);
    };
  }

  private void wrote(Side side, String href, String etag) {
    written.get(side.ordinal()).put(href, etag);
  }

  private void later(Side wrote, String uid, Runnable change) {
    pending.add(new PendingStatus(wrote, uid, change));
  }

  private static ItemStatus statusAfterWrite(
      String uid, Side target, WriteResult r, String hash, SideStatus from) {
    SideStatus written = new SideStatus(r.href(), r.etag(), hash);
    return target == Side.A ? new ItemStatus(uid, written, from) : new ItemStatus(uid, from, written);
  }

  /** Records an item's status, or forgets it when {@code item} is null; settles its conflicts. */
  private void record(String uid, ItemStatus item) {
    if (item == null) {
      status.removeItem(uid);
    } else {
      status.putItem(item);
    }
    removeConflictsOf(uid);
  }

  private void removeConflictsOf(String uid) {
    if (!uidsWithConflicts.contains(uid)) {
      return;
    }
    for (Conflict c : status.conflicts()) {
      if (c.uid().equals(uid)) {
        status.removeConflict(c.id());
      }
    }
  }

  private void count(Side target, int column, boolean conflict) {
    counts[target.ordinal()][column]++;
    if (conflict) {
      counts[target.ordinal()][3]++;
    }
  }

  private CalendarStorage storage(Side side) {
    return side == Side.A ? a : b;
  }

  private static Side target(SyncAction action) {
    return switch (action) {
      case Create c -> c.target();
      case Update u -> u.target();
      case Delete d -> d.target();
      case UpdateMetadata u -> u.target();
      default -> null;
    };
  }
}
