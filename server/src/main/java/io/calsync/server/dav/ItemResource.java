package io.calsync.server.dav;

import io.calsync.core.model.Item;
import io.calsync.core.storage.StorageException;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.ItemChange;
import io.calsync.protocol.ItemOutcome;
import io.calsync.server.ItemService;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.ItemRepository.StoredItem;
import io.calsync.server.store.Transactions;
import java.nio.charset.StandardCharsets;

/**
 * GET, PUT and DELETE of one event. Writes are ordinary changes: they go through {@link
 * ItemService#applyFromDav} (decision table, conflict strategy, {@code event_update} fan-out,
 * destination trigger), in one transaction with the binding of the client's resource name.
 */
final class ItemResource {
  private final CalendarRepository calendars;
  private final ItemService items;
  private final DavHrefs hrefs;
  private final ItemLookup lookup;
  private final Transactions tx;

  ItemResource(CalendarRepository calendars, ItemService items, DavHrefs hrefs, ItemLookup lookup, Transactions tx) {
    this.calendars = calendars;
    this.items = items;
    this.hrefs = hrefs;
    this.lookup = lookup;
    this.tx = tx;
  }

  void get(DavRequest req, boolean head) {
    DavPath.Item path = itemPath(req);
    req.calendar(calendars);
    StoredItem item = lookup.live(path).orElseThrow(() -> DavException.of(404, "no event " + path.name()));
    req.ctx().header("ETag", DavResources.etag(item)).contentType("text/calendar; charset=utf-8");
    if (head) req.ctx().status(200);
    else req.ctx().result(item.ics().getBytes(StandardCharsets.UTF_8));
  }

  void put(DavRequest req) {
    DavPath.Item path = itemPath(req);
    req.calendar(calendars);
    req.grant().requireWrite();
    if (!path.name().endsWith(ResourceNames.SUFFIX)) {
      throw DavException.of(403, "event resource names end in .ics");
    }
    String ics = req.ctx().body();
    Item parsed;
    try {
      parsed = IcalCodec.parseItem(ics, path.name());
    } catch (StorageException.Malformed e) {
      throw DavException.precondition(400, DavNs.caldav("valid-calendar-data"), e.getMessage());
    } catch (RuntimeException e) { // ical4j may fail in ways the codec does not map: still the client's input
      throw DavException.precondition(400, DavNs.caldav("valid-calendar-data"), "not valid iCalendar: " + e);
    }
    String uid = parsed.uid();
    String calendarId = path.calendarId();
    String ifMatch = req.ctx().header("If-Match");
    String ifNoneMatch = req.ctx().header("If-None-Match");
    Written w = tx.inTransaction(c -> {
      StoredItem atName = lookup.current(path).orElse(null);
      if (atName != null && !atName.deleted() && !atName.uid().equals(uid)) {
        throw DavException.uidConflict(DavPath.itemHref(calendarId, path.name()), "this resource holds UID '"
            + atName.uid() + "'; a PUT may not change it to '" + uid + "'");
      }
      StoredItem current = items.current(calendarId, uid).orElse(null);
      if (current != null && !current.deleted()) {
        String name = hrefs.nameOf(calendarId, uid);
        if (!name.equals(path.name())) {
          throw DavException.uidConflict(DavPath.itemHref(calendarId, name), "UID '" + uid
              + "' is already used by another event of this calendar");
        }
      }
      Long base = Preconditions.baseVersion(ifMatch, ifNoneMatch, current);
      ItemOutcome outcome = items.applyFromDav(calendarId, ItemChange.put(uid, ics, base));
      if (accepted(outcome)) hrefs.bind(calendarId, path.name(), uid);
      return new Written(outcome, current == null || current.deleted());
    });
    // checked after the commit: a manual conflict's record must be kept even though the PUT is refused
    check(w.outcome());
    req.ctx().status(w.created() ? 201 : 204).header("ETag", "\"v" + w.outcome().version() + "\"");
  }

  void delete(DavRequest req) {
    DavPath.Item path = itemPath(req);
    req.calendar(calendars);
    req.grant().requireWrite();
    String ifMatch = req.ctx().header("If-Match");
    ItemOutcome outcome = tx.inTransaction(c -> {
      StoredItem current = lookup.live(path).orElseThrow(() -> DavException.of(404, "no event " + path.name()));
      Long base = Preconditions.baseVersion(ifMatch, null, current);
      return items.applyFromDav(path.calendarId(), ItemChange.delete(current.uid(), base));
    });
    check(outcome);
    req.ctx().status(204);
  }

  private record Written(ItemOutcome outcome, boolean created) {}

  private static boolean accepted(ItemOutcome outcome) {
    return outcome.outcome().equals(ItemOutcome.APPLIED) || outcome.outcome().equals(ItemOutcome.UNCHANGED);
  }

  /** Anything but applied or unchanged is refused (nothing was written but a manual conflict's record). */
  private static void check(ItemOutcome outcome) {
    switch (outcome.outcome()) {
      case ItemOutcome.APPLIED, ItemOutcome.UNCHANGED -> { }
      case ItemOutcome.SUPERSEDED -> throw DavException.of(412, "a concurrent change won (CONFLICT_RESOLUTION): "
          + outcome.message() + "; fetch the event and try again");
      case ItemOutcome.CONFLICT -> throw DavException.of(409, outcome.message());
      default -> throw DavException.precondition(400, DavNs.caldav("valid-calendar-data"), outcome.message());
    }
  }

  private static DavPath.Item itemPath(DavRequest req) {
    if (req.path() instanceof DavPath.Item i) return i;
    throw DavException.of(405, "only events can be read or written this way; calendars are managed by calsync");
  }
}
