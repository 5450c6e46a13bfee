package io.calsync.core.sync;

import io.calsync.core.model.Item;
import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ConflictVersion;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.SideStatus;
import io.calsync.core.sync.SideState.SideItem;
import io.calsync.core.sync.SyncAction.Create;
import io.calsync.core.sync.SyncAction.Delete;
import io.calsync.core.sync.SyncAction.DropConflict;
import io.calsync.core.sync.SyncAction.ForgetStatus;
import io.calsync.core.sync.SyncAction.RecordConflict;
import io.calsync.core.sync.SyncAction.RecordStatus;
import io.calsync.core.sync.SyncAction.Update;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a sync run does: a pure function from (status, side A, side B, options) to a
 * {@link SyncPlan}. No I/O, no clock of its own; the same inputs give the same plan on every
 * machine.
 *
 * <h2>The three-way model</h2>
 *
 * The algorithm is vdirsyncer's ({@code vdirsyncer/sync/__init__.py}), which in turn follows the
 * OfflineIMAP write-up "Mailbox synchronization algorithm". Every item is identified by its
 * iCalendar UID. For every UID the planner looks at three things:
 *
 * <ul>
 *   <li><b>S</b>, the status: what both sides held (href, etag, content hash) after the last sync
 *       that reached them both. An item gets a status only once it exists on both sides.
 *   <li><b>A</b>, what the source holds now (href, etag, hash), or nothing.
 *   <li><b>B</b>, the same for the destination.
 * </ul>
 *
 * A side <em>changed</em> an item when its content hash differs from the hash S recorded for that
 * side. Etags are only a shortcut for reading: an href listed with the etag S recorded is known to
 * hold the hash S recorded, and is not fetched. An etag that moved with the hash unchanged (servers
 * rewrite items) is no change; the status is refreshed and nothing is written.
 *
 * <h2>Decision table (per UID)</h2>
 *
 * <pre>
 *  S    A         B         action
 *  --   present   --        create on B (new on A)
 *  --   --        present   create on A (new on B)
 *  --   present   present   equal hashes: record status; else conflict
 *  yes  same      same      nothing; refresh status if an href or etag moved
 *  yes  changed   same      update B with A (record status only if B already equals A)
 *  yes  same      changed   update A with B (record status only if A already equals B)
 *  yes  changed   changed   equal hashes: record status; else conflict
 *  yes  same      gone      delete on A (deletion propagates)
 *  yes  changed   gone      edit vs delete: latest_wins, manual: the edit wins (create on B);
 *                           source_wins: A's version (the edit) wins; destination_wins: B's (the
 *                           deletion) wins, delete on A
 *  yes  gone      same      delete on B
 *  yes  gone      changed   mirror of the row above
 *  yes  gone      gone      forget status
 * </pre>
 *
 * "Record status if the other side already equals the change" is what makes a run that was killed
 * between a write and its status record converge: the next run sees both sides equal and only
 * writes the status, instead of writing the item again or, worse, creating a duplicate.
 *
 * <h2>Conflicts</h2>
 *
 * Both sides changed to different hashes (or both created the UID differently). {@code
 * source_wins} and {@code destination_wins} write that side's version to the other. {@code
 * latest_wins} compares LAST-MODIFIED (absent is oldest), then SEQUENCE, then the greater content
 * hash: a total order, so every machine picks the same winner. {@code manual} writes a {@link
 * Conflict} record holding both versions whole and changes neither side. While the record is
 * pending and neither side moved, the UID is skipped quietly. If a side moved, the UID is planned
 * afresh (against the old status, which a conflict never advances): another conflict refreshes the
 * record, anything else settles it. A resolved record (a person chose a side) is applied when both
 * sides still hold the recorded versions; otherwise the resolution is dropped and the UID planned
 * afresh, because the person chose between versions that no longer exist.
 *
 * <h2>Leaving things alone</h2>
 *
 * A sync tool is judged by the data it did not delete. So:
 *
 * <ul>
 *   <li>An href that could not be read (parse error, server error for that item) is reported; the
 *       UID its status names is left alone on both sides: an unreadable item is never taken for a
 *       deleted one, and never overwritten.
 *   <li>A UID held at two hrefs of one side is reported and left alone; the planner never guesses
 *       which copy is the real one.
 *   <li>A listing that is not complete (a date window, a partial listing) proves nothing about
 *       absent items: a status UID missing from it counts as deleted only when a {@code get} of
 *       its href answered "missing". An item that merely left the window is left alone.
 *   <li>A read-only side is never written; the actions that would write it become problems, and
 *       the other side is not "reverted" to match.
 * </ul>
 *
 * <h2>Safety stops</h2>
 *
 * Checked on the whole plan, before anything is written; {@code --force-delete} skips them
 * (vdirsyncer's {@code StorageEmpty} and its delete guard):
 *
 * <ul>
 *   <li>A side whose complete listing is empty although the status holds at least {@value
 *       #MIN_ITEMS_FOR_EMPTY_SIDE_RULE} items, when that would delete items on the other side: the side was most likely wiped, unmounted or pointed at the
 *       wrong place, and propagating that would empty the other side too.
 *   <li>A plan deleting more than {@link SyncOptions#maxDeleteShare()} of the items synced to a
 *       side, once the side holds at least {@value #MIN_ITEMS_FOR_SHARE_RULE} synced items (so a
 *       small calendar can still lose its last events).
 * </ul>
 *
 * Both throw {@link SafetyStop} with a message saying what would have happened and how to proceed.
 *
 * <h2>Output order</h2>
 *
 * Actions come in UID order, so plans are stable and easy to compare in tests and in {@code
 * --dry-run} output. The calendar metadata actions ({@link MetadataPlanner}) follow them.
 *
 * <h2>Calendar metadata</h2>
 *
 * The calendar's name, colour and description are synced like items, three-way, each field on its
 * own, by {@link MetadataPlanner}. The status ({@link io.calsync.core.status.SyncedMetadata})
 * records what <em>each side</em> held after the last sync, not one agreed value: usually both
 * are the same, but a side that cannot store a field (a storage without descriptions) reads back
 * empty after the engine wrote it, and two calendars may keep different names by consent (see
 * first contact). Values are compared normalised ({@link io.calsync.core.status.MetadataValues}):
 * white space collapsed, empty equals unset, colours case-insensitive with {@code #RRGGBBFF} equal
 * to {@code #RRGGBB}.
 *
 * <pre>
 *  status  A          B          action (per field)
 *  none    = B        = A        record
 *  none    set        empty      write A's value to B if B's metadata is writable, else leave
 *  none    empty      set        mirror: fill A from B
 *  none    set        set, &ne;     leave both as they are, record each side's own value
 *  yes     same       same       nothing (the sides may differ, by consent or lossy storage)
 *  yes     changed    same       write A's value to B ("" when A cleared it)
 *  yes     same       changed    write B's value to A
 *  yes     changed    changed    equal: record; else the strategy: source_wins and latest_wins
 *                                (no timestamps: the source) write A's to B, destination_wins B's
 *                                to A; manual writes nothing and reports "calendar name differs:
 *                                source 'X', destination 'Y'; pick one with --conflict
 *                                source_wins|destination_wins" on every run until settled. Under
 *                                latest_wins and manual a value beats a concurrent clear.
 * </pre>
 *
 * <ul>
 *   <li><b>First contact does not rename.</b> Without a status the planner only fills an empty
 *       field from the other side (either way: it destroys nothing); two calendars with different
 *       names, colours or descriptions keep them, and each side's own value is recorded, so that
 *       from then on a rename on one side carries to the other and neither is taken for a change.
 *       (Recording the source's value for both would make the destination look renamed next run
 *       and rename the source.) A fill-in a side cannot take is skipped silently: nobody asked
 *       for it. Two calendars without any name, colour or description record nothing: the next
 *       run is a first contact again, which plans the same, and plans stay free of bookkeeping.
 *   <li><b>A name is never cleared.</b> A side whose name became empty counts as unchanged; the
 *       other side keeps its name.
 *   <li><b>Empty is not a deletion when a side cannot store it.</b> After a write the executor
 *       reads the side back and records what it holds: empty when it cannot store the field
 *       (Xandikos and descriptions), so that side is "unchanged" next run rather than "cleared".
 *       A clear that did not take is recorded as the value still there. A read-back that differs
 *       otherwise (a storage that rewrote the value) records the value written, so the storage's
 *       own form counts as a change next run and travels back once; a concurrent rename in that
 *       instant is thus not lost.
 *   <li><b>Writes only where allowed.</b> A change for a read-only side or one whose {@code
 *       metadataWritable} is false becomes a problem line (and an error on that side); the status
 *       is not advanced, so the change stays pending and is reported again next run, and the other
 *       side is not "reverted".
 *   <li><b>Failures cost only the metadata.</b> An update that fails, or cannot be read back,
 *       is a problem; the status of its fields is not advanced (on a first sync nothing is
 *       recorded), so the next run plans it again. Metadata is applied after the items, and
 *       metadata problems do not make the engine forget its sync tokens.
 *   <li><b>Idempotent.</b> After a run each side's status equals what it holds (or, in a
 *       pending manual conflict or blocked write, the old status again), so a second run plans
 *       nothing for metadata. A value goes back only when a storage rewrote it, once (storages
 *       rewrite idempotently), so nothing ping-pongs.
 * </ul>
 */
public final class SyncPlanner {

  /** The delete-share rule applies only to sides with at least this many synced items. */
  public static final int MIN_ITEMS_FOR_SHARE_RULE = 4;

  /**
   * A side that lists nothing stops the sync only when at least this many items were synced:
   * deleting the one event a calendar held is an ordinary deletion, while a calendar that lost
   * several events at once more likely moved, was emptied by mistake or was read wrongly.
   */
  public static final int MIN_ITEMS_FOR_EMPTY_SIDE_RULE = 2;

  private final Map<String, ItemStatus> status;
  private final Map<String, Conflict> conflictByUid = new HashMap<>();
  private final SideState stateA;
  private final SideState stateB;
  private final SyncOptions options;
  private final Instant now;

  private final List<SyncAction> actions = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<String> held = new HashSet<>();
  private final int[] errors = new int[2];
  private int pending;
  private int blocked;

  private SyncPlanner(
      Map<String, ItemStatus> status,
      List<Conflict> conflicts,
      SideState a,
      SideState b,
      SyncOptions options,
      Instant now) {
    this.status = Map.copyOf(status);
    for (Conflict c : conflicts) {
      conflictByUid.merge(c.uid(), c, (x, y) -> x.detectedAt().isAfter(y.detectedAt()) ? x : y);
    }
    if (a.side() != Side.A || b.side() != Side.B) {
      throw new IllegalArgumentException("side states must be given as A, then B");
    }
    this.stateA = a;
    this.stateB = b;
    this.options = Objects.requireNonNull(options, "options");
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * Plans a sync run.
   *
   * @param status every item's status, keyed by UID
   * @param conflicts every conflict record (pending and resolved)
   * @param a what the source holds now
   * @param b what the destination holds now
   * @param options the strategy and the safety settings
   * @param now the time new conflict records carry as {@code detectedAt}
   * @return the plan; empty when the sides are in sync
   * @throws SafetyStop when the plan looks like data loss and {@code forceDelete} is off
   */
  public static SyncPlan plan(
      Map<String, ItemStatus> status,
      List<Conflict> conflicts,
      SideState a,
      SideState b,
      SyncOptions options,
      Instant now) {
    return new SyncPlanner(status, conflicts, a, b, options, now).plan();
  }

  private SyncPlan plan() {
    Map<String, SideItem> itemsA = index(stateA);
    Map<String, SideItem> itemsB = index(stateB);
    holdUnreadable(stateA);
    holdUnreadable(stateB);
    holdUnconfirmedAbsent(stateA, itemsA);
    holdUnconfirmedAbsent(stateB, itemsB);

    // every UID once, in order (plans are deterministic); a hash set and one sort cost less than
    // keeping a tree sorted through 30,000 insertions
    Set<String> all = HashSet.newHashSet(status.size() + itemsA.size() / 8 + conflictByUid.size());
    all.addAll(status.keySet());
    all.addAll(itemsA.keySet());
    all.addAll(itemsB.keySet());
    all.addAll(conflictByUid.keySet());
    String[] uids = all.toArray(String[]::new);
    Arrays.sort(uids);
    for (String uid : uids) {
      if (held.contains(uid)) {
        if (conflictByUid.containsKey(uid) && conflictByUid.get(uid).isPending()) {
          pending++;
        }
        continue;
      }
      planUid(uid, itemsA.get(uid), itemsB.get(uid));
    }
    if (!options.forceDelete()) {
      checkEmptySide(stateA);
      checkEmptySide(stateB);
      checkDeleteShare(Side.A);
      checkDeleteShare(Side.B);
    }
    return new SyncPlan(actions, problems, pending, errors[0], errors[1]);
  }

  // ---- side states -------------------------------------------------------------------------

  /** UID → item of one side; UIDs listed at two hrefs are reported and held. */
  private Map<String, SideItem> index(SideState state) {
    Map<String, SideItem> index = HashMap.newHashMap(state.items().size());
    Map<String, List<SideItem>> duplicates = null; // rare: only built when a UID repeats
    for (SideItem item : state.items()) {
      SideItem first = index.putIfAbsent(item.uid(), item);
      if (first != null) {
        if (duplicates == null) {
          duplicates = new LinkedHashMap<>();
        }
        duplicates.computeIfAbsent(item.uid(), k -> new ArrayList<>(List.of(first))).add(item);
      }
    }
    if (duplicates != null) {
      duplicates.forEach(
          (uid, list) -> {
            index.remove(uid);
            held.add(uid);
            errors[state.side().ordinal()]++;
            problems.add(
                state.side().label() + " holds UID " + uid + " at " + list.size() + " hrefs ("
                    + String.join(", ", list.stream().map(SideItem::href).sorted().toList())
                    + "): left alone on both sides; delete or merge the duplicates by hand");
          });
    }
    return index;
  }

  private void holdUnreadable(SideState state) {
    if (state.unreadable().isEmpty()) {
      return;
    }
    Map<String, String> uidByHref = new HashMap<>();
    status.values().forEach(s -> uidByHref.put(s.side(state.side()).href(), s.uid()));
    for (SideState.Unreadable u : state.unreadable()) {
      String uid = uidByHref.get(u.href());
      errors[state.side().ordinal()]++;
      if (uid != null) {
        held.add(uid);
      }
      problems.add(
          "cannot read " + u.href() + " on " + state.side().label() + ": " + u.reason()
              + (uid == null ? "" : "; UID " + uid + " left alone on both sides"));
    }
  }

  /**
   * Incomplete listings: a status UID absent from the listing is deleted only when {@code get}
   * confirmed its href missing; otherwise it may just be outside the window.
   */
  private void holdUnconfirmedAbsent(SideState state, Map<String, SideItem> items) {
    if (state.complete()) {
      return;
    }
    for (ItemStatus s : status.values()) {
      if (!items.containsKey(s.uid())
          && !state.confirmedMissing().contains(s.side(state.side()).href())) {
        held.add(s.uid());
      }
    }
  }

  // ---- one UID -----------------------------------------------------------------------------

  private void planUid(String uid, SideItem a, SideItem b) {
    Conflict conflict = conflictByUid.get(uid);
    if (conflict != null && holds(conflict.a(), a) && holds(conflict.b(), b)) {
      if (conflict.isPending()) {
        pending++; // nobody decided yet and nothing moved: stay quiet
      } else {
        applyResolution(conflict, a, b);
      }
      return;
    }
    int actionsBefore = actions.size();
    int blockedBefore = blocked;
    decide(uid, status.get(uid), a, b, conflict);
    if (conflict != null && actions.size() == actionsBefore && blocked == blockedBefore) {
      // The sides moved on to agree with the status: the record no longer applies.
      actions.add(new DropConflict(uid, conflict.id()));
    }
  }

  private void decide(String uid, ItemStatus s, SideItem a, SideItem b, Conflict conflict) {
    if (s == null) {
      if (a != null && b == null) {
        create(Side.B, a, false); // new on the source
      } else if (a == null && b != null) {
        create(Side.A, b, false); // new on the destination
      } else if (a != null) {
        if (a.hash().equals(b.hash())) {
          record(uid, a, b); // created on both sides alike, or a killed run's create
        } else {
          conflict(uid, a, b, conflict); // created on both sides differently
        }
      }
      return;
    }
    if (a != null && b != null) {
      boolean aChanged = !a.hash().equals(s.a().hash());
      boolean bChanged = !b.hash().equals(s.b().hash());
      if (a.hash().equals(b.hash()) || (!aChanged && !bChanged)) {
        // Same content on both sides (or neither changed): at most the status moved.
        ItemStatus now = new ItemStatus(uid, statusOf(a), statusOf(b));
        if (!now.equals(s)) {
          actions.add(new RecordStatus(now));
        }
      } else if (aChanged && !bChanged) {
        update(Side.B, b, a, false);
      } else if (!aChanged) {
        update(Side.A, a, b, false);
      } else {
        conflict(uid, a, b, conflict);
      }
    } else if (a != null) {
      if (a.hash().equals(s.a().hash())) {
        delete(Side.A, a, false); // deleted on the destination, unchanged here
      } else {
        editVersusDelete(Side.A, a);
      }
    } else if (b != null) {
      if (b.hash().equals(s.b().hash())) {
        delete(Side.B, b, false);
      } else {
        editVersusDelete(Side.B, b);
      }
    } else {
      actions.add(new ForgetStatus(uid)); // deleted on both sides
    }
  }

  /** {@code edited} changed the item while the other side deleted it. */
  private void editVersusDelete(Side edited, SideItem item) {
    Side winner =
        switch (options.strategy()) {
          case LATEST_WINS, MANUAL -> edited; // an edit beats a concurrent delete
          case SOURCE_WINS -> Side.A;
          case DESTINATION_WINS -> Side.B;
        };
    if (winner == edited) {
      create(edited.other(), item, true);
    } else {
      delete(edited, item, true);
    }
  }

  /** Both sides hold the UID with different content and both changed it (or neither had S). */
  private void conflict(String uid, SideItem a, SideItem b, Conflict previous) {
    switch (options.strategy()) {
      case SOURCE_WINS -> update(Side.B, b, a, true);
      case DESTINATION_WINS -> update(Side.A, a, b, true);
      case LATEST_WINS -> {
        if (compareLatest(item(a), item(b)) > 0) {
          update(Side.B, b, a, true);
        } else {
          update(Side.A, a, b, true);
        }
      }
      case MANUAL -> {
        String id = previous != null ? previous.id() : conflictId(uid, a.hash(), b.hash());
        Instant detectedAt = previous != null ? previous.detectedAt() : now;
        String summary = a.item() != null ? a.item().summary() : b.item() != null ? b.item().summary() : "";
        actions.add(
            new RecordConflict(
                new Conflict(id, uid, summary, detectedAt, version(a), version(b), null, null)));
        pending++;
      }
    }
  }

  /** A person chose a side and both sides still hold the versions they chose between. */
  private void applyResolution(Conflict conflict, SideItem a, SideItem b) {
    Side winner = conflict.resolution();
    Side loser = winner.other();
    SideItem won = winner == Side.A ? a : b;
    SideItem lost = loser == Side.A ? a : b;
    if (won == null) {
      if (lost != null) {
        delete(loser, lost, true);
      } else {
        actions.add(new ForgetStatus(conflict.uid()));
      }
    } else if (lost == null) {
      create(loser, withItem(won, conflict.version(winner), conflict.summary()), true);
    } else if (won.hash().equals(lost.hash())) {
      record(conflict.uid(), a, b);
    } else {
      update(loser, lost, withItem(won, conflict.version(winner), conflict.summary()), true);
    }
  }

  // ---- actions -----------------------------------------------------------------------------

  private void create(Side target, SideItem from, boolean conflict) {
    if (from.item() == null) {
      notFetched(from);
      return;
    }
    add(new Create(target, from.item(), statusOf(from), conflict), target);
  }

  private void update(Side target, SideItem current, SideItem from, boolean conflict) {
    if (from.item() == null) {
      notFetched(from);
      return;
    }
    add(new Update(target, current.href(), current.etag(), from.item(), statusOf(from), conflict), target);
  }

  private void delete(Side target, SideItem current, boolean conflict) {
    String summary = current.item() == null ? "" : current.item().summary();
    add(new Delete(target, current.uid(), current.href(), current.etag(), summary, conflict), target);
  }

  private void record(String uid, SideItem a, SideItem b) {
    actions.add(new RecordStatus(new ItemStatus(uid, statusOf(a), statusOf(b))));
  }

  private void add(SyncAction write, Side target) {
    SideState state = target == Side.A ? stateA : stateB;
    if (state.readOnly()) {
      blocked++;
      errors[target.ordinal()]++;
      problems.add(target.label() + " is read-only, not applied: " + write.describe());
    } else {
      actions.add(write);
    }
  }

  private void notFetched(SideItem item) {
    // Cannot happen with the engine's reader (a changed item is always fetched); a bug guard.
    problems.add("internal: " + item.href() + " (UID " + item.uid() + ") was not fetched; left alone");
  }

  // ---- safety ------------------------------------------------------------------------------

  private void checkEmptySide(SideState state) {
    if (status.size() < MIN_ITEMS_FOR_EMPTY_SIDE_RULE
        || !state.complete()
        || !state.items().isEmpty()
        || !state.unreadable().isEmpty()) {
      return;
    }
    Side other = state.side().other();
    long deletions = deletionsOn(other);
    if (deletions > 0) {
      throw new SafetyStop(
          String.format(
              Locale.ROOT,
              "%s lists no items but %d were synced before: this sync would delete %d items from"
                  + " %s. Check that the %s is the right calendar and is reachable;"
                  + " re-run with --force-delete if this is intended",
              state.side().label(), status.size(), deletions, other.label(), state.side().label()));
    }
  }

  private void checkDeleteShare(Side side) {
    int synced = status.size();
    long deletions = deletionsOn(side);
    if (synced >= MIN_ITEMS_FOR_SHARE_RULE && deletions > options.maxDeleteShare() * synced) {
      throw new SafetyStop(
          String.format(
              Locale.ROOT,
              "this sync would delete %d of the %d items synced to the %s (%d%%, more than the"
                  + " allowed %d%%), because they were deleted on the %s;"
                  + " re-run with --force-delete if this is intended",
              deletions, synced, side.label(), Math.round(100.0 * deletions / synced),
              Math.round(100.0 * options.maxDeleteShare()), side.other().label()));
    }
  }

  private long deletionsOn(Side side) {
    return actions.stream().filter(a -> a instanceof Delete d && d.target() == side).count();
  }

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * Orders two versions for {@code latest_wins}: LAST-MODIFIED (null is oldest), then SEQUENCE,
   * then the content hash. Positive when {@code x} is the later one.
   */
  public static int compareLatest(Item x, Item y) {
    return Comparator.comparing(Item::lastModified, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
        .thenComparingInt(Item::sequence)
        .thenComparing(Item::hash)
        .compare(x, y);
  }

  /** First 10 hex digits of SHA-256 over the UID and both hashes: short, stable, typeable. */
  public static String conflictId(String uid, String hashA, String hashB) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest((uid + "\n" + hashA + "\n" + hashB).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** True when a side holds exactly the version a conflict recorded for it. */
  private static boolean holds(ConflictVersion recorded, SideItem now) {
    return recorded.deleted() ? now == null : now != null && recorded.hash().equals(now.hash());
  }

  private static Item item(SideItem item) {
    if (item.item() == null) {
      throw new IllegalStateException("conflicting item was not fetched: " + item.href());
    }
    return item.item();
  }

  private static SideItem withItem(SideItem item, ConflictVersion recorded, String summary) {
    if (item.item() != null || recorded.text() == null) {
      return item;
    }
    Item rebuilt = new Item(item.uid(), recorded.text(), recorded.hash(), null, 0, summary);
    return new SideItem(item.href(), item.etag(), item.uid(), item.hash(), rebuilt);
  }

  private static ConflictVersion version(SideItem item) {
    return new ConflictVersion(item.href(), item.etag(), item.hash(), item(item).text());
  }

  private static SideStatus statusOf(SideItem item) {
    return new SideStatus(item.href(), item.etag(), item.hash());
  }
}
