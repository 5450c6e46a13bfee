package io.calsync.server;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.status.SideStatus;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.Capabilities;
import io.calsync.core.storage.StorageException;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.CalendarRequest;
import io.calsync.protocol.ItemChange;
import io.calsync.protocol.ItemOutcome;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One master calendar as a {@link CalendarStorage}, so the engine can sync it with a destination
 * calendar. Reads come from the master's items; every write is a change from the destination
 * ({@link ItemService#applyFromDestination}), decided by the master's table and fanned out to the
 * agents.
 *
 * <ul>
 *   <li>The href of an item is its UID; the etag carries its master version ({@code "v7"}).
 *   <li>The sync token is the master's change sequence: {@link #changesSince} is a range read.
 *   <li>Outcomes: applied and unchanged answer the new etag; superseded (the master kept its
 *       version) and conflict (kept for manual resolution) answer {@link
 *       StorageException.EtagMismatch}, so the engine reads again instead of recording the write;
 *       rejected answers {@link StorageException.ItemRejected}.
 *   <li>Under {@code manual} the change's base is the version the destination last agreed with
 *       (from the pair's status, {@code agreedVersion}) rather than the etag the engine just read,
 *       so an agent's edit since then is seen as concurrent and kept as a conflict record.
 * </ul>
 *
 * <p>Made per sync run; not thread-safe (the engine uses a storage from one thread).
 */
final class ConsolidatedStorage implements CalendarStorage {
  private static final int PAGE = ItemService.MAX_PAGE;

  private final String calendarId;
  private final ItemService items;
  private final CalendarRepository calendars;
  private final SyncService sync;
  private final Function<String, Long> agreedVersion;
  private final Map<String, SideStatus> keptAsConflict = new HashMap<>();

  /**
   * @param agreedVersion UID to the master version the destination last agreed with, or null to
   *     base each change on the etag it names
   */
  ConsolidatedStorage(String calendarId, ItemService items, CalendarRepository calendars, SyncService sync,
      Function<String, Long> agreedVersion) {
    this.calendarId = calendarId;
    this.items = items;
    this.calendars = calendars;
    this.sync = sync;
    this.agreedVersion = agreedVersion;
  }

  /**
   * The items whose change this run the master kept as a conflict record (manual strategy), each
   * with the master's live version then (as the engine's status records a side); a conflict with
   * a master tombstone is left out.
   */
  Map<String, SideStatus> keptAsConflict() {
    return Map.copyOf(keptAsConflict);
  }

  static String etag(long version) {
    return "\"v" + version + "\"";
  }

  /** The version an etag of this storage carries, or null for anything else. */
  static Long version(String etag) {
    if (etag == null || !etag.startsWith("\"v") || !etag.endsWith("\"") || etag.length() < 4) return null;
    try {
      return Long.parseLong(etag.substring(2, etag.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String location() {
    return "calsync-master:" + calendarId;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true, true);
  }

  @Override
  public CalendarMeta metadata() {
    Calendar c = calendar();
    return new CalendarMeta(c.id(), c.name(), c.color(), c.description(), null, false);
  }

  @Override
  public Listing list() {
    List<ListedItem> live = new ArrayList<>();
    long since = 0;
    ItemService.ItemPage page;
    do {
      page = items.changesSince(calendarId, since, PAGE);
      for (StoredItem i : page.items()) {
        if (!i.deleted()) live.add(listed(i));
      }
      // a first page (since 0) lists live items only; later pages may hold tombstones, skipped above
      since = page.token();
    } while (page.more());
    return new Listing(live, true, token(page.token()));
  }

  @Override
  public Optional<Changes> changesSince(String syncToken) {
    Long since = syncToken != null && syncToken.startsWith("seq:") ? parse(syncToken.substring(4)) : null;
    if (since == null || since < 1) return Optional.empty();
    List<ListedItem> changed = new ArrayList<>();
    Set<String> deleted = new LinkedHashSet<>();
    ItemService.ItemPage page;
    do {
      page = items.changesSince(calendarId, since, PAGE);
      for (StoredItem i : page.items()) {
        if (i.deleted()) {
          deleted.add(i.uid());
        } else {
          changed.add(listed(i));
        }
      }
      since = page.token();
    } while (page.more());
    return Optional.of(new Changes(changed, List.copyOf(deleted), token(page.token())));
  }

  @Override
  public List<Fetched> get(Collection<String> hrefs) {
    List<Fetched> out = new ArrayList<>();
    for (String uid : new LinkedHashSet<>(hrefs)) {
      StoredItem i = live(uid).orElse(null);
      if (i == null) {
        out.add(new Fetched.Missing(uid));
        continue;
      }
      try {
        out.add(new Fetched.Found(uid, etag(i.version()), IcalCodec.parseItem(i.ics(), location() + "/" + uid)));
      } catch (StorageException.Malformed e) {
        out.add(new Fetched.Unreadable(uid, etag(i.version()), e.getMessage()));
      }
    }
    return out;
  }

  @Override
  public WriteResult create(Item item) {
    if (live(item.uid()).isPresent()) {
      throw new StorageException.ItemAlreadyExists(location() + ": an item with UID " + item.uid() + " exists already");
    }
    return write(item.uid(), ItemChange.put(item.uid(), item.text(), base(item.uid(), null)));
  }

  @Override
  public WriteResult update(String href, Item item, String ifMatch) {
    StoredItem current = requireCurrent(href, ifMatch);
    if (!item.uid().equals(href)) {
      throw new StorageException.ItemRejected(location() + ": item " + item.uid() + " cannot be stored at " + href, null);
    }
    return write(href, ItemChange.put(href, item.text(), base(href, current.version())));
  }

  @Override
  public void delete(String href, String ifMatch) {
    StoredItem current = requireCurrent(href, ifMatch);
    write(href, ItemChange.delete(href, base(href, current.version())));
  }

  @Override
  public void updateMetadata(MetadataChange change) {
    String name = blankToNull(change.name());
    String color = blankToNull(change.color());
    if (name == null && color == null && change.description() == null) {
      return; // a time zone (or a cleared name) alone: the master keeps neither
    }
    try {
      // the path of PUT /calendars/{id}: the agents holding the calendar get calendar_metadata
      sync.updateCalendar(calendarId, new CalendarRequest(null, name, color, change.description(), null, null));
    } catch (ApiException e) {
      throw new StorageException.ItemRejected(location() + ": calendar properties refused: " + e.getMessage(), e);
    }
  }

  // ---- internals ---------------------------------------------------------------------------

  private WriteResult write(String uid, ItemChange change) {
    ItemOutcome o = items.applyFromDestination(calendarId, change);
    return switch (o.outcome()) {
      case ItemOutcome.APPLIED, ItemOutcome.UNCHANGED ->
          new WriteResult(uid, o.version() == null ? null : etag(o.version()));
      case ItemOutcome.SUPERSEDED -> throw new StorageException.EtagMismatch(location() + ": " + uid + ": " + o.message());
      case ItemOutcome.CONFLICT -> {
        live(uid).ifPresent(m -> keptAsConflict.put(uid, new SideStatus(uid, etag(m.version()), m.contentHash())));
        throw new StorageException.EtagMismatch(location() + ": " + uid + ": conflict " + o.conflictId()
            + " kept for manual resolution");
      }
      default -> throw new StorageException.ItemRejected(location() + ": " + uid + ": " + o.message(), null);
    };
  }

  /** Under manual the version the destination agreed with, else the one the write names. */
  private Long base(String uid, Long named) {
    Long agreed = agreedVersion == null ? null : agreedVersion.apply(uid);
    return agreed != null ? agreed : named;
  }

  private StoredItem requireCurrent(String uid, String ifMatch) {
    StoredItem current = live(uid).orElseThrow(
        () -> new StorageException.ItemNotFound(location() + ": nothing stored at " + uid));
    if (ifMatch != null && !ifMatch.equals(etag(current.version()))) {
      throw new StorageException.EtagMismatch(location() + ": " + uid + " has etag " + etag(current.version())
          + ", not " + ifMatch);
    }
    return current;
  }

  private Optional<StoredItem> live(String uid) {
    return items.current(calendarId, uid).filter(i -> !i.deleted());
  }

  private Calendar calendar() {
    return calendars.find(calendarId).orElseThrow(
        () -> new StorageException.ItemNotFound(location() + ": the master calendar no longer exists"));
  }

  private static ListedItem listed(StoredItem i) {
    return new ListedItem(i.uid(), etag(i.version()));
  }

  private static String token(long seq) {
    return "seq:" + seq;
  }

  private static Long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
