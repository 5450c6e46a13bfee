package io.calsync.agent.reconcile;

import io.calsync.agent.master.MasterException;

import io.calsync.agent.master.MasterApi;
import io.calsync.agent.reconcile.LocalChanges.LocalItem;
import io.calsync.agent.state.AgentStateDb;
import io.calsync.agent.state.ItemState;
import io.calsync.agent.state.Sharing;
import io.calsync.agent.state.SourceState;
import io.calsync.core.model.Item;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.ItemChange;
import io.calsync.protocol.ItemListing;
import io.calsync.protocol.ItemOutcome;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.ItemUploadResult;
import io.calsync.protocol.MasterItem;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One reconcile of a source with the master, exactly the two steps of docs/protocol.md ("The
 * agent's side of a source"):
 *
 * <ol>
 *   <li><b>Download</b> the master's changes since the source's token and write each locally where
 *       the local copy is unchanged since the status (If-Match on the recorded etag); a local copy
 *       that changed too is left for step 2, whose upload with the old base lets the master settle
 *       the conflict. On first contact a local item identical to the master's (same content hash)
 *       is linked without a write.
 *   <li><b>Upload</b> the local changes in batches of {@code batch_size}, each with its base
 *       version, and apply the outcomes.
 * </ol>
 *
 * <p>The status is committed after every downloaded page and every uploaded batch, after the
 * storage has flushed the writes it records; a crash in between only repeats work the master
 * answers {@code unchanged}.
 *
 * <p><b>sync_filters</b> apply on upload only. An item that stops passing them (made private, moved
 * out of the date range) is <em>not</em> deleted at the master: the master keeps the version last
 * sent and the agent logs it. Removing events from every other copy because a filter changed here
 * would be a silent mass deletion; the owner deletes the item if it should go.
 *
 * <p>Not thread-safe for one source: the runtime never reconciles a source on two threads at once.
 */
public final class SourceReconciler {
  /** About half the master's default {@code MAX_REQUEST_BYTES}: room for JSON escaping and the other fields. */
  static final long MAX_BATCH_BYTES = 512 * 1024;


  private static final System.Logger LOG = System.getLogger(SourceReconciler.class.getName());
  /** Items per download page. */
  static final int PAGE = 500;

  private final MasterApi master;
  private final AgentStateDb state;
  private final Clock clock;

  public SourceReconciler(MasterApi master, AgentStateDb state, Clock clock) {
    this.master = master;
    this.state = state;
    this.clock = clock;
  }

  /**
   * Reconciles the source once.
   *
   * @throws io.calsync.agent.master.MasterException when the master cannot be reached or refuses
   * @throws StorageException when the local storage cannot be listed or written
   */
  public ReconcileReport reconcile(SourceSettings settings, CalendarStorage storage) {
    return new Run(settings, storage, false).run();
  }

  /**
   * Reconciles the source once, listing the whole local storage even where its sync token would
   * give the changes alone: the periodic safety net behind tokens, polls and file watches.
   */
  public ReconcileReport reconcileFully(SourceSettings settings, CalendarStorage storage) {
    return new Run(settings, storage, true).run();
  }

  /** The state of one reconcile: the source's status, what is to be committed, the counts. */
  private final class Run {
    final SourceSettings settings;
    final CalendarStorage storage;
    final boolean fullScan;
    final Map<String, ItemState> items;
    SourceState source;
    final Map<String, ItemState> dirty = new HashMap<>();
    final Set<String> forgotten = new HashSet<>();
    int written, deletedLocally, linked, uploaded, applied, unchanged, superseded, conflicts, rejected, heldBack;

    Run(SourceSettings settings, CalendarStorage storage, boolean fullScan) {
      this.settings = settings;
      this.storage = storage;
      this.fullScan = fullScan;
      this.items = new HashMap<>(state.items(settings.name()));
      this.source = state.source(settings.name());
    }

    ReconcileReport run() {
      LocalChanges changes =
          LocalScanner.scan(settings.name(), storage, items, fullScan ? null : source.localSyncToken(),
              settings.allowMassDeletes());
      if (settings.download()) {
        download(changes);
      }
      upload(changes);
      source = source.withLocalSyncToken(changes.syncToken());
      commit();
      return new ReconcileReport(written, deletedLocally, linked, uploaded, applied, unchanged, superseded,
          conflicts, rejected, heldBack, changes.heldDeletes());
    }

    // ---- step 1

    private void download(LocalChanges changes) {
      // A listing since 0 is the master's whole calendar without tombstones (an empty calendar
      // hands out token 0 too): what the agent agreed on before and is not in it was deleted.
      boolean whole = source.masterToken() == 0;
      Set<String> listed = new HashSet<>();
      ItemListing page;
      do {
        page = master.download(settings.name(), source.masterToken(), PAGE);
        for (MasterItem m : page.items()) {
          listed.add(m.uid());
          takeMasterVersion(m, changes);
        }
        source = source.withMasterToken(page.token(), page.masterCalendarId());
        commit();
      } while (page.more());
      if (whole) {
        takeAbsencesAsDeletions(listed, changes);
      }
    }

    private void takeAbsencesAsDeletions(Set<String> listed, LocalChanges changes) {
      List<ItemState> gone = items.values().stream()
          .filter(s -> s.baseVersion() != null && s.href() != null && !listed.contains(s.uid()))
          .filter(s -> !changes.touches(s.uid()))
          .toList();
      if (!settings.allowEventUpdates() || gone.isEmpty()) {
        return;
      }
      if (listed.isEmpty() && gone.size() >= 2 && !settings.allowMassDeletes()) {
        LOG.log(Level.ERROR, "{0}: the master lists none of the {1} items agreed on before; NOT deleting them here"
            + " (set allow_mass_deletes: true for this source if they really were all deleted)",
            settings.name(), gone.size());
        return;
      }
      gone.forEach(this::deleteLocally);
      commit();
    }

    private void takeMasterVersion(MasterItem m, LocalChanges changes) {
      ItemState known = items.get(m.uid());
      if (known != null && known.baseVersion() != null && known.baseVersion() >= m.version()) {
        return; // already here (our own upload, or a repeated delivery)
      }
      LocalItem local = changes.changed().get(m.uid());
      if (known == null && local != null) {
        Item theirs = m.deleted() ? null : parse(m);
        if (theirs != null && theirs.hash().equals(local.item().hash())) {
          put(ItemState.agreed(m.uid(), local.href(), local.etag(), local.item().hash(), m.version(), Sharing.FULL));
          changes.changed().remove(m.uid());
          linked++;
        }
        return; // different: step 2 uploads it with base null and the master settles it
      }
      if (changes.touches(m.uid()) || !settings.allowEventUpdates()) {
        return; // changed here too (step 2 uploads it), or this source takes no writes
      }
      if (known != null && known.sharing() == Sharing.BUSY) {
        // The master holds a busy block of a private event: never write that over the original.
        put(known.withBase(m.version()));
        return;
      }
      if (m.deleted()) {
        if (known != null) {
          deleteLocally(known);
        }
        return;
      }
      Item item = parse(m);
      if (known != null && known.href() != null && item.hash().equals(known.hash())) {
        put(known.withBase(m.version()));
        return;
      }
      WriteResult w = writeLocally(known == null ? null : known.href(), known == null ? null : known.etag(), item);
      if (w != null) {
        Sharing sharing = known == null ? Sharing.FULL : known.sharing();
        put(ItemState.agreed(m.uid(), w.href(), w.etag(), item.hash(), m.version(), sharing));
      }
    }

    // ---- step 2

    /** One change on its way to the master. */
    private record Pending(ItemChange change, String uploadHash, Sharing sharing, LocalItem local) {}

    private void upload(LocalChanges changes) {
      List<Pending> pending = new ArrayList<>();
      UploadFilter filter = new UploadFilter(settings.filters(), clock);
      changes.etagOnly().forEach((uid, local) -> put(items.get(uid).withLocal(local.href(), local.etag(), local.item().hash())));
      changes.changed().forEach((uid, local) -> {
        ItemState known = items.get(uid);
        UploadFilter.Decision d = filter.decide(local.item());
        if (d.sharing() == Sharing.HELD_BACK) {
          heldBack++;
          if (known != null && known.baseVersion() != null && known.sharing() != Sharing.HELD_BACK) {
            LOG.log(Level.INFO, "{0}: {1} no longer passes sync_filters; the master keeps the version last sent"
                + " (not deleted there)", settings.name(), uid);
          }
          put(known == null
              ? ItemState.agreed(uid, local.href(), local.etag(), local.item().hash(), null, Sharing.HELD_BACK)
              : known.withLocal(local.href(), local.etag(), local.item().hash()).withSharing(Sharing.HELD_BACK));
          return;
        }
        if (known != null && known.alreadyRefused(d.upload().hash())) {
          put(known.withLocal(local.href(), local.etag(), local.item().hash()));
          return; // the master has this exact content parked or refused: not again
        }
        Long base = known == null ? null : known.baseVersion();
        pending.add(new Pending(ItemChange.put(uid, d.upload().text(), base), d.upload().hash(), d.sharing(), local));
      });
      for (String uid : changes.deleted()) {
        ItemState known = items.get(uid);
        if (known.baseVersion() == null) {
          forget(uid); // the master never had it
        } else if (!known.alreadyRefused(ItemState.DELETION)) {
          pending.add(new Pending(ItemChange.delete(uid, known.baseVersion()), ItemState.DELETION, known.sharing(), null));
        }
      }
      for (List<Pending> batch : batches(pending, settings.batchSize())) {
        send(batch);
      }
    }

    /**
     * Sends one batch and settles its outcomes. A batch the master finds too large (413: its
     * {@code MAX_REQUEST_BYTES} is smaller than what the agent guessed) is sent again in halves.
     */
    private void send(List<Pending> batch) {
      ItemUploadResult result;
      try {
        result = master.upload(new ItemUpload(settings.name(), batch.stream().map(Pending::change).toList()));
      } catch (MasterException.Refused e) {
        if (e.status() != 413 || batch.size() == 1) throw e;
        int half = batch.size() / 2;
        send(batch.subList(0, half));
        send(batch.subList(half, batch.size()));
        return;
      }
      if (result.results().size() != batch.size()) {
        throw new IllegalStateException("the master answered " + result.results().size() + " outcomes for "
            + batch.size() + " changes of " + settings.name());
      }
      uploaded += batch.size();
      for (int i = 0; i < batch.size(); i++) {
        settle(batch.get(i), result.results().get(i));
      }
      commit();
    }

    /**
     * Splits the changes into batches of at most {@code batchSize} changes and about
     * {@link #MAX_BATCH_BYTES} of iCalendar text, so that a batch stays under the master's default
     * body limit (1 MiB) even uncompressed; an item larger than that goes alone.
     */
    private static List<List<Pending>> batches(List<Pending> pending, int batchSize) {
      List<List<Pending>> out = new ArrayList<>();
      int from = 0;
      long bytes = 0;
      for (int i = 0; i < pending.size(); i++) {
        String ics = pending.get(i).change().ics();
        long size = ics == null ? 64 : ics.length() + 64L;
        if (i > from && (i - from >= batchSize || bytes + size > MAX_BATCH_BYTES)) {
          out.add(pending.subList(from, i));
          from = i;
          bytes = 0;
        }
        bytes += size;
      }
      if (from < pending.size()) out.add(pending.subList(from, pending.size()));
      return out;
    }

    private void settle(Pending p, ItemOutcome o) {
      String uid = p.change().uid();
      ItemState known = items.get(uid);
      switch (o.outcome()) {
        case ItemOutcome.APPLIED, ItemOutcome.UNCHANGED -> {
          if (ItemOutcome.APPLIED.equals(o.outcome())) applied++; else unchanged++;
          agree(p, o.version());
        }
        case ItemOutcome.SUPERSEDED -> {
          superseded++;
          takeSuperseded(p, o, known);
        }
        case ItemOutcome.CONFLICT -> {
          conflicts++;
          LOG.log(Level.WARNING, "{0}: {1} conflicts with the master''s version (conflict {2}); kept here as it is,"
              + " not sent again until it changes or the conflict is resolved", settings.name(), uid, o.conflictId());
          put(refusedState(p, known).inConflict(p.uploadHash()));
        }
        case ItemOutcome.REJECTED -> {
          rejected++;
          LOG.log(Level.WARNING, "{0}: the master rejected {1}: {2}; not sent again until it changes",
              settings.name(), uid, o.message());
          put(refusedState(p, known).rejected(p.uploadHash()));
        }
        default -> LOG.log(Level.WARNING, "{0}: unknown outcome ''{1}'' for {2}; will send it again",
            settings.name(), o.outcome(), uid);
      }
    }

    private void agree(Pending p, Long version) {
      if (p.change().isDelete()) {
        forget(p.change().uid());
      } else {
        LocalItem l = p.local();
        put(ItemState.agreed(p.change().uid(), l.href(), l.etag(), l.item().hash(), version, p.sharing()));
      }
    }

    /** The master kept its own version: it becomes the local one (never over a private original). */
    private void takeSuperseded(Pending p, ItemOutcome o, ItemState known) {
      String uid = p.change().uid();
      if (p.sharing() == Sharing.BUSY) {
        agree(p, o.version());
        return;
      }
      if (!settings.allowEventUpdates()) {
        LOG.log(Level.WARNING, "{0}: the master kept its version of {1}, which this source may not take"
            + " (allow_event_updates: false); the local copy stays as it is", settings.name(), uid);
        put(refusedState(p, known).inConflict(p.uploadHash()));
        return;
      }
      LOG.log(Level.INFO, "{0}: the master kept its version of {1} (conflict_resolution); writing it here",
          settings.name(), uid);
      LocalItem l = p.local();
      if (o.isDeleted()) {
        if (l != null) {
          deleteLocally(ItemState.agreed(uid, l.href(), l.etag(), l.item().hash(), o.version(), p.sharing()));
        } else {
          forget(uid);
        }
        return;
      }
      Item item = IcalCodec.parseItem(o.ics(), "the master's version of " + uid);
      WriteResult w = writeLocally(l == null ? null : l.href(), l == null ? null : l.etag(), item);
      if (w != null) {
        put(ItemState.agreed(uid, w.href(), w.etag(), item.hash(), o.version(), Sharing.FULL));
      }
    }

    /** The status of an upload the master parked or refused: the local copy, the old base. */
    private ItemState refusedState(Pending p, ItemState known) {
      Long base = known == null ? null : known.baseVersion();
      LocalItem l = p.local();
      return l == null
          ? new ItemState(p.change().uid(), null, null, known == null ? null : known.hash(), base, p.sharing(), null, null)
          : new ItemState(p.change().uid(), l.href(), l.etag(), l.item().hash(), base, p.sharing(), null, null);
    }

    // ---- local writes

    /**
     * Writes {@code item} at {@code href} if its etag is still {@code etag} (or creates it when
     * {@code href} is null); null when the local copy changed meanwhile (the next reconcile
     * uploads that change) or a file of that name exists that the status does not know.
     */
    private WriteResult writeLocally(String href, String etag, Item item) {
      try {
        WriteResult w = href == null ? storage.create(item) : storage.update(href, item, etag);
        written++;
        return w;
      } catch (StorageException.ItemNotFound e) {
        return writeLocally(null, null, item); // deleted here meanwhile: the master's version comes back
      } catch (StorageException.PreconditionFailed e) {
        LOG.log(Level.INFO, "{0}: {1} changed here meanwhile, left for the next reconcile: {2}",
            settings.name(), item.uid(), e.getMessage());
        return null;
      }
    }

    private void deleteLocally(ItemState known) {
      if (known.href() != null) {
        try {
          storage.delete(known.href(), known.etag());
        } catch (StorageException.ItemNotFound e) {
          // gone already
        } catch (StorageException.PreconditionFailed e) {
          LOG.log(Level.INFO, "{0}: {1} changed here meanwhile, not deleted: {2}", settings.name(), known.uid(), e.getMessage());
          return;
        }
      }
      deletedLocally++;
      forget(known.uid());
    }

    private Item parse(MasterItem m) {
      return IcalCodec.parseItem(m.ics(), "the master's version " + m.version() + " of " + m.uid());
    }

    // ---- status

    private void put(ItemState s) {
      items.put(s.uid(), s);
      dirty.put(s.uid(), s);
      forgotten.remove(s.uid());
    }

    private void forget(String uid) {
      items.remove(uid);
      dirty.remove(uid);
      forgotten.add(uid);
    }

    /** Flushes the storage's writes, then records them: the status never claims a lost write. */
    private void commit() {
      storage.flush();
      state.commit(settings.name(), source, List.copyOf(dirty.values()), List.copyOf(forgotten));
      dirty.clear();
      forgotten.clear();
    }
  }
}
