package io.calsync.agent.reconcile;

import io.calsync.agent.reconcile.LocalChanges.LocalItem;
import io.calsync.agent.state.ItemState;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.storage.CalendarStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what changed in a source's storage since the agent's status: through the storage's deltas
 * ({@code changesSince}) when it has a sync token, else by listing and comparing etags. Only items
 * whose etag moved are read.
 *
 * <p>Safety, as the sync engine's: an absent item counts as deleted only in a complete listing; an
 * unreadable item is left alone; and a source that suddenly lists none of the (two or more) items
 * the status holds keeps its deletions back unless {@code allow_mass_deletes} is set, since an
 * unmounted folder, an emptied file or a wrong account look exactly like that. One item gone is an
 * ordinary deletion, not a mass one.
 */
final class LocalScanner {

  private static final System.Logger LOG = System.getLogger(LocalScanner.class.getName());

  private LocalScanner() {}

  static LocalChanges scan(
      String sourceName,
      CalendarStorage storage,
      Map<String, ItemState> known,
      String syncToken,
      boolean allowMassDeletes) {
    Map<String, ItemState> byHref = new HashMap<>();
    for (ItemState s : known.values()) {
      if (s.href() != null) {
        byHref.put(s.href(), s);
      }
    }
    List<ListedItem> candidates;
    Set<String> goneHrefs = new LinkedHashSet<>();
    String newToken;
    boolean listsNothing;
    Optional<Changes> delta =
        storage.capabilities().incremental() && syncToken != null ? storage.changesSince(syncToken) : Optional.empty();
    if (delta.isPresent()) {
      candidates = delta.get().changed();
      goneHrefs.addAll(delta.get().deletedHrefs());
      newToken = delta.get().syncToken();
      listsNothing = false; // judged below: every known item reported deleted
    } else {
      Listing listing = storage.list();
      candidates = new ArrayList<>();
      Set<String> listed = new HashSet<>();
      for (ListedItem li : listing.items()) {
        listed.add(li.href());
        ItemState s = byHref.get(li.href());
        if (s == null || !li.etag().equals(s.etag())) {
          candidates.add(li);
        }
      }
      if (listing.complete()) {
        byHref.keySet().stream().filter(h -> !listed.contains(h)).forEach(goneHrefs::add);
      }
      newToken = listing.syncToken();
      listsNothing = listing.items().isEmpty();
    }

    Map<String, LocalItem> changed = new LinkedHashMap<>();
    Map<String, LocalItem> etagOnly = new LinkedHashMap<>();
    Set<String> unreadable = new LinkedHashSet<>();
    if (!candidates.isEmpty()) {
      for (Fetched f : storage.get(candidates.stream().map(ListedItem::href).toList())) {
        switch (f) {
          case Fetched.Found found -> {
            ItemState s = known.get(found.item().uid());
            LocalItem local = new LocalItem(found.href(), found.etag(), found.item());
            if (s != null && s.href() != null && found.item().hash().equals(s.hash())) {
              etagOnly.put(found.item().uid(), local);
            } else {
              changed.put(found.item().uid(), local);
            }
          }
          case Fetched.Unreadable u -> {
            ItemState s = byHref.get(u.href());
            unreadable.add(s != null ? s.uid() : u.href());
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} cannot be read, left alone: {2}", sourceName, u.href(), u.reason());
          }
          case Fetched.Missing m -> {
            if (byHref.containsKey(m.href())) {
              goneHrefs.add(m.href());
            }
          }
        }
      }
    }

    Set<String> deleted = new LinkedHashSet<>();
    for (String href : goneHrefs) {
      ItemState s = byHref.get(href);
      // moved to another href, or unreadable now: not deleted
      if (s != null && !changed.containsKey(s.uid()) && !etagOnly.containsKey(s.uid()) && !unreadable.contains(s.uid())) {
        deleted.add(s.uid());
      }
    }
    int heldDeletes = 0;
    long liveKnown = byHref.size();
    boolean everythingGone = liveKnown >= 2 && deleted.size() == liveKnown && changed.isEmpty() && etagOnly.isEmpty();
    if (everythingGone && (listsNothing || delta.isPresent()) && !allowMassDeletes) {
      heldDeletes = deleted.size();
      LOG.log(System.Logger.Level.ERROR,
          "{0}: {1} lists none of the {2} items it held; NOT deleting them at the master (an unmounted folder,"
              + " an emptied file or a wrong account look the same). Set allow_mass_deletes: true for this source"
              + " if they really were all deleted.",
          sourceName, storage.location(), liveKnown);
      deleted.clear();
      newToken = syncToken; // look again next time
    }
    return new LocalChanges(changed, etagOnly, deleted, unreadable, heldDeletes, newToken);
  }
}
