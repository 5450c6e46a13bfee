package io.calsync.core.sync;

import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ConflictVersion;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.SideStatus;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.sync.SideState.SideItem;
import io.calsync.core.sync.SideState.Unreadable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one storage into a {@link SideState}: lists it (incrementally where it can), takes the
 * hash of every href whose etag is unchanged from the status, and fetches the rest in batches.
 * Any exception from the storage propagates: the run stops before anything was written.
 */
final class SideReader {

  /** A side state and the sync token to store once the run finished (null: none). */
  record Read(SideState state, String syncToken) {}

  private final SyncOptions options;
  private final SyncListener listener;

  SideReader(SyncOptions options, SyncListener listener) {
    this.options = options;
    this.listener = listener;
  }

  Read read(
      CalendarStorage storage,
      Side side,
      Map<String, ItemStatus> status,
      List<Conflict> conflicts,
      Optional<String> token) {
    Listing listing = listing(storage, side, status, conflicts, token);
    Map<String, Known> known = new HashMap<>();
    status.values().forEach(s -> known.put(s.side(side).href(), new Known(s.uid(), s.side(side))));

    List<SideItem> items = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    Map<String, String> toFetch = new LinkedHashMap<>();
    Set<String> listedHrefs = new HashSet<>();
    for (ListedItem listed : listing.items()) {
      if (!listedHrefs.add(listed.href())) {
        continue; // a storage listing an href twice
      }
      Known k = known.get(listed.href());
      if (k != null && k.status().etag() != null && k.status().etag().equals(listed.etag())) {
        items.add(new SideItem(listed.href(), listed.etag(), k.uid(), k.status().hash(), null));
      } else {
        toFetch.put(listed.href(), listed.etag());
      }
    }
    if (!toFetch.isEmpty()) {
      listener.phase("fetching " + toFetch.size() + " changed items from " + side.label());
    }
    for (Fetched f : fetch(storage, List.copyOf(toFetch.keySet()))) {
      switch (f) {
        case Fetched.Found found -> items.add(SideItem.fetched(found.href(), found.etag(), found.item()));
        case Fetched.Missing missing -> {} // deleted between listing and fetching: gone
        case Fetched.Unreadable u -> unreadable.add(new Unreadable(u.href(), u.reason()));
      }
    }

    Set<String> confirmedMissing = new HashSet<>();
    if (!listing.complete()) {
      List<String> absent = new ArrayList<>();
      for (ItemStatus s : status.values()) {
        if (!listedHrefs.contains(s.side(side).href())) {
          absent.add(s.side(side).href());
        }
      }
      if (!absent.isEmpty()) {
        listener.phase("checking " + absent.size() + " items outside the listing of " + side.label());
      }
      for (Fetched f : fetch(storage, absent)) {
        switch (f) {
          case Fetched.Found found -> {} // outside the window: left alone
          case Fetched.Missing missing -> confirmedMissing.add(missing.href());
          case Fetched.Unreadable u -> unreadable.add(new Unreadable(u.href(), u.reason()));
        }
      }
    }
    boolean readOnly = storage.capabilities().readOnly();
    SideState state =
        new SideState(side, items, unreadable, confirmedMissing, listing.complete(), readOnly);
    return new Read(state, listing.syncToken());
  }

  private Listing listing(
      CalendarStorage storage,
      Side side,
      Map<String, ItemStatus> status,
      List<Conflict> conflicts,
      Optional<String> token) {
    if (storage.capabilities().incremental() && token.isPresent()) {
      listener.phase("asking " + side.label() + " for changes");
      Optional<Changes> changes = storage.changesSince(token.get());
      if (changes.isPresent()) {
        return fromChanges(changes.get(), side, status, conflicts);
      }
    }
    listener.phase("listing " + side.label());
    return storage.list();
  }

  /**
   * The whole listing implied by a delta: the status' view of the side, minus deleted hrefs,
   * plus changed ones. Items the status never saw and that did not change since the token are
   * not in it; that is why the engine keeps a token only after a run without problems.
   *
   * <p>Items in a conflict record are the exception: a conflict never advances the status, so
   * the status does not describe them (and knows nothing of a UID both sides created). Their
   * hrefs from the record are listed with an etag that never matches, so they are fetched every
   * run while the conflict lasts; there are few of them.
   */
  private static Listing fromChanges(
      Changes changes, Side side, Map<String, ItemStatus> status, List<Conflict> conflicts) {
    Map<String, String> etags = new LinkedHashMap<>();
    for (ItemStatus s : status.values()) {
      SideStatus st = s.side(side);
      etags.put(st.href(), st.etag() == null ? "" : st.etag()); // "" never matches: fetched
    }
    for (Conflict c : conflicts) {
      ConflictVersion v = c.version(side);
      if (!v.deleted() && v.href() != null) {
        etags.put(v.href(), "");
      }
    }
    changes.deletedHrefs().forEach(etags::remove);
    changes.changed().forEach(c -> etags.put(c.href(), c.etag()));
    List<ListedItem> items = new ArrayList<>();
    etags.forEach((href, etag) -> items.add(new ListedItem(href, etag)));
    return new Listing(items, true, changes.syncToken());
  }

  /** Fetches in batches; an href the storage did not answer counts as unreadable. */
  private List<Fetched> fetch(CalendarStorage storage, List<String> hrefs) {
    List<Fetched> all = new ArrayList<>();
    int batch = options.fetchBatchSize();
    for (int from = 0; from < hrefs.size(); from += batch) {
      List<String> chunk = hrefs.subList(from, Math.min(hrefs.size(), from + batch));
      Map<String, Fetched> answers = new LinkedHashMap<>();
      for (Fetched f : storage.get(chunk)) {
        answers.putIfAbsent(f.href(), f);
      }
      for (String href : chunk) {
        Fetched f = answers.get(href);
        all.add(f != null ? f : new Fetched.Unreadable(href, null, "the storage did not answer for it"));
      }
      listener.progress(Math.min(hrefs.size(), from + batch), hrefs.size());
    }
    return all;
  }

  private record Known(String uid, SideStatus status) {}
}
