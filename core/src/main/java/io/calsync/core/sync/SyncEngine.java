package io.calsync.core.sync;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.Capabilities;
import io.calsync.core.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings two calendars into agreement against a status store: reads both sides, asks {@link
 * SyncPlanner} for a plan, and applies it, recording each step in the status as it succeeds.
 *
 * <p>A run goes through three stages, and only the last one writes:
 *
 * <ol>
 *   <li><b>Read.</b> List each side (incrementally when the storage can and a token is stored) and
 *       fetch every href whose etag moved; both sides at once. Any failure here aborts the run; nothing is written and
 *       nothing counts as deleted.
 *   <li><b>Plan.</b> Pure; safety stops ({@link SafetyStop}) are raised here.
 *   <li><b>Apply.</b> One action at a time; the status records of each flushed batch of writes are
 *       committed together. With {@code
 *       dryRun} this stage is skipped and the report carries the plan.
 * </ol>
 *
 * <p>The calendar's own metadata (name, colour, description) is read with the items, planned by
 * {@link MetadataPlanner} and applied after the items; a side whose metadata cannot be read or
 * written costs only the metadata, never the items.
 *
 * <p>Sync tokens are stored only after a run that finished without item problems; after a run
 * with item problems they are forgotten, so the next run lists everything again and nothing set
 * aside is missed.
 *
 * <p>Not thread-safe: run one sync of a pair at a time.
 */
public final class SyncEngine {

  private final SyncOptions options;
  private final Clock clock;
  private final SyncListener listener;

  /**
   * @param options strategy, dry run and safety settings
   * @param clock gives {@code detectedAt} of new conflict records
   * @param listener receives progress; {@link SyncListener#silent()} for none
   */
  public SyncEngine(SyncOptions options, Clock clock, SyncListener listener) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Syncs {@code a} (the source) and {@code b} (the destination).
   *
   * @return what was done (or, in a dry run, what would be done)
   * @throws SafetyStop when the plan looks like data loss and {@code forceDelete} is off; nothing
   *     was written
   * @throws io.calsync.core.storage.StorageException when a side cannot be listed or read
   *     (nothing was written), or a storage stayed unavailable for several writes in a row
   */
  public SyncReport run(CalendarStorage a, CalendarStorage b, StatusStore status) {
    Map<String, ItemStatus> snapshot = status.items();
    List<Conflict> conflicts = status.conflicts();

    List<String> metadataProblems = new ArrayList<>();
    int[] metadataErrors = new int[2];
    CalendarMeta metaA = readMetadata(a, Side.A, metadataProblems, metadataErrors);
    CalendarMeta metaB = readMetadata(b, Side.B, metadataProblems, metadataErrors);

    // Both sides are read at once: listing and fetching wait on disks and servers, and the two
    // storages are independent. Each storage is still used by one thread only.
    SideReader reader = new SideReader(options, serialised(listener));
    Optional<String> tokenA = status.syncToken(Side.A);
    Optional<String> tokenB = status.syncToken(Side.B);
    SideReader.Read readA;
    SideReader.Read readB;
    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<SideReader.Read> futureB = readers.submit(() -> reader.read(b, Side.B, snapshot, conflicts, tokenB));
      readA = reader.read(a, Side.A, snapshot, conflicts, tokenA);
      readB = await(futureB);
    }

    SyncPlan itemPlan =
        SyncPlanner.plan(snapshot, conflicts, readA.state(), readB.state(), options, clock.instant());
    SyncPlan metadataPlan =
        metaA == null || metaB == null
            ? new SyncPlan(List.of(), metadataProblems, 0, metadataErrors[0], metadataErrors[1])
            : MetadataPlanner.plan(
                status.metadata().orElse(null),
                sideMeta(a, metaA),
                sideMeta(b, metaB),
                options.strategy());
    SyncPlan plan = itemPlan.followedBy(metadataPlan);

    if (options.dryRun()) {
      for (SyncAction action : plan.actions()) {
        listener.applied(action, "skipped (dry run)");
      }
      return new SyncReport(
          new SideCounts(0, 0, 0, 0, plan.errorsA()),
          new SideCounts(0, 0, 0, 0, plan.errorsB()),
          plan.problems(),
          plan.conflictsPending(),
          plan.actions(),
          true);
    }

    Set<String> uidsWithConflicts = new HashSet<>();
    conflicts.forEach(c -> uidsWithConflicts.add(c.uid()));
    PlanExecutor executor = new PlanExecutor(a, b, status, listener, uidsWithConflicts);
    if (!plan.isEmpty()) {
      executor.execute(plan.actions());
    }

    List<String> problems = new ArrayList<>(plan.problems());
    problems.addAll(executor.problems());
    // Metadata problems say nothing about the item listings: they do not cost the tokens.
    boolean clean = itemPlan.problems().isEmpty() && executor.itemProblems().isEmpty();
    storeToken(status, Side.A, clean ? afterOwnWrites(a, Side.A, readA.syncToken(), executor.written(Side.A), status) : null);
    storeToken(status, Side.B, clean ? afterOwnWrites(b, Side.B, readB.syncToken(), executor.written(Side.B), status) : null);

    return new SyncReport(
        executor.counts(Side.A, plan.errorsA()),
        executor.counts(Side.B, plan.errorsB()),
        problems,
        plan.conflictsPending(),
        plan.actions(),
        false);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the destination", e);
    }
  }

  /** The listener with its calls serialised, since both sides report while they are read. */
  private static SyncListener serialised(SyncListener listener) {
    return new SyncListener() {
      @Override
      public synchronized void phase(String description) {
        listener.phase(description);
      }

      @Override
      public synchronized void progress(long done, long total) {
        listener.progress(done, total);
      }

      @Override
      public synchronized void applied(SyncAction action, String outcome) {
        listener.applied(action, outcome);
      }
    };
  }

  /** A side's metadata, or null (with a problem) when it cannot be read: items still sync. */
  private static CalendarMeta readMetadata(
      CalendarStorage storage, Side side, List<String> problems, int[] errors) {
    try {
      return storage.metadata();
    } catch (StorageException e) {
      errors[side.ordinal()]++;
      problems.add(
          "cannot read the calendar properties of the " + side.label() + " (" + storage.location()
              + "): " + e.getMessage() + "; name, color and description not synced this run");
      return null;
    }
  }

  private static MetadataPlanner.SideMeta sideMeta(CalendarStorage storage, CalendarMeta meta) {
    Capabilities c = storage.capabilities();
    boolean readOnly = c.readOnly() || meta.readOnly();
    return new MetadataPlanner.SideMeta(meta, !readOnly && c.metadataWritable(), readOnly);
  }

  /**
   * The token to keep for a side this run wrote to. The token of the listing predates those
   * writes, so the next run would be told of every one of them again (after a first upload of
   * 10,000 events: the whole calendar, 2.5 MB from SOGo). So the storage is asked once more what
   * changed since that token. When the answer tells nothing the status does not already hold
   * (every changed href is one this run wrote, with the etag the write returned, or one the status
   * knows with that very etag, as servers that re-report an unchanged item give it; every deleted
   * href is one this run deleted or one the status does not know), its new token is kept
   * instead. Anything else in the answer, an etag the storage never told, or no answer keeps the
   * listing's token, and the next run looks at it all: someone else's change between the listing
   * and now is never skipped.
   */
  private static String afterOwnWrites(
      CalendarStorage storage, Side side, String token, Map<String, String> written, StatusStore status) {
    if (token == null || written.isEmpty() || !storage.capabilities().incremental()) {
      return token;
    }
    Optional<Changes> since;
    try {
      since = storage.changesSince(token);
    } catch (StorageException e) {
      return token; // the next run asks again
    }
    if (since.isEmpty() || since.get().syncToken() == null) {
      return token;
    }
    // href → etag as the status now records this side; built only when the answer needs it
    var known = new Object() {
      Map<String, String> etags;

      Map<String, String> get() {
        return etags != null ? etags : (etags = etagsOf(status, side));
      }
    };
    for (ListedItem changed : since.get().changed()) {
      String expected = written.containsKey(changed.href()) ? written.get(changed.href()) : known.get().get(changed.href());
      if (changed.etag() == null || !changed.etag().equals(expected)) {
        return token;
      }
    }
    for (String deleted : since.get().deletedHrefs()) {
      boolean expected = written.containsKey(deleted) ? written.get(deleted) == null : !known.get().containsKey(deleted);
      if (!expected) {
        return token;
      }
    }
    return since.get().syncToken();
  }

  private static Map<String, String> etagsOf(StatusStore status, Side side) {
    Map<String, String> etags = new HashMap<>();
    status.items().values().forEach(s -> etags.put(s.side(side).href(), s.side(side).etag()));
    return etags;
  }

  private static void storeToken(StatusStore status, Side side, String token) {
    if (!Objects.equals(status.syncToken(side).orElse(null), token)) {
      status.putSyncToken(side, token);
    }
  }
}
