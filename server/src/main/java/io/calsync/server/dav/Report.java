package io.calsync.server.dav;

import io.calsync.ical.IcalCodec;
import io.calsync.server.ItemService;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * REPORT on a calendar: {@code calendar-query} (RFC 4791 §7.8, by component and {@link
 * TimeRangeFilter time range}), {@code calendar-multiget} (§7.9) and {@code sync-collection}
 * (RFC 6578).
 */
final class Report {
  private static final DateTimeFormatter UTC_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

  private final CalendarRepository calendars;
  private final ItemService items;
  private final DavHrefs hrefs;
  private final DavResources resources;
  private final ItemLookup lookup;

  Report(CalendarRepository calendars, ItemService items, DavHrefs hrefs, DavResources resources, ItemLookup lookup) {
    this.calendars = calendars;
    this.items = items;
    this.hrefs = hrefs;
    this.resources = resources;
    this.lookup = lookup;
  }

  void handle(DavRequest req) {
    if (!(req.path() instanceof DavPath.Calendar)) {
      throw DavException.precondition(403, DavNs.dav("supported-report"), "REPORT is answered on calendars only");
    }
    Calendar cal = req.calendar(calendars);
    Element root = RequestXml.parse(req.ctx().bodyAsBytes());
    if (root == null) throw DavException.of(400, "a REPORT needs a body");
    DavResources.Wanted wanted = Propfind.wanted(root);
    Multistatus ms = new Multistatus();
    if (RequestXml.is(root, DavNs.caldav("calendar-multiget"))) {
      multiget(ms, wanted, cal, root);
    } else if (RequestXml.is(root, DavNs.caldav("calendar-query"))) {
      query(ms, wanted, cal, root);
    } else if (RequestXml.is(root, DavNs.dav("sync-collection"))) {
      sync(ms, wanted, cal, root);
    } else {
      throw DavException.precondition(403, DavNs.dav("supported-report"), "unsupported report "
          + RequestXml.name(root) + " (calendar-query, calendar-multiget and sync-collection are)");
    }
    req.multistatus(ms);
  }

  private void multiget(Multistatus ms, DavResources.Wanted wanted, Calendar cal, Element root) {
    for (Element href : RequestXml.children(root)) {
      if (!RequestXml.is(href, DavNs.dav("href"))) continue;
      String text = RequestXml.text(href);
      DavPath path;
      try {
        path = DavPath.parse(text);
      } catch (DavException e) {
        ms.response(text).status(404);
        continue;
      }
      if (path instanceof DavPath.Item i && i.calendarId().equals(cal.id())) {
        var item = lookup.live(i);
        if (item.isPresent()) {
          resources.item(ms, wanted, item.get(), i.name());
          continue;
        }
      }
      ms.response(text).status(404);
    }
  }

  private void query(Multistatus ms, DavResources.Wanted wanted, Calendar cal, Element root) {
    Element filter = RequestXml.child(root, DavNs.caldav("filter"));
    Element calendarFilter = RequestXml.child(filter, DavNs.caldav("comp-filter"));
    Element componentFilter = RequestXml.child(calendarFilter, DavNs.caldav("comp-filter"));
    String component = componentFilter == null ? null : componentFilter.getAttribute("name");
    TimeRangeFilter range = timeRange(RequestXml.child(componentFilter, DavNs.caldav("time-range")));
    Map<String, String> bound = hrefs.boundNames(cal.id());
    for (StoredItem i : CalendarItems.live(items, cal.id())) {
      if (component != null && !component.isEmpty()
          && !component.equalsIgnoreCase(IcalCodec.componentName(i.ics(), "item " + i.uid()))) {
        continue;
      }
      if (range != null && !range.overlaps(IcalCodec.parseItem(i.ics(), "item " + i.uid()))) continue;
      resources.item(ms, wanted, i, bound.getOrDefault(i.uid(), ResourceNames.derived(i.uid())));
    }
  }

  private static TimeRangeFilter timeRange(Element e) {
    if (e == null) return null;
    return new TimeRangeFilter(utc(e.getAttribute("start")), utc(e.getAttribute("end")));
  }

  private static Instant utc(String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return LocalDateTime.parse(value.strip(), UTC_BASIC).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw DavException.of(400, "time-range start and end must be UTC date-times like 20260115T100000Z, not "
          + value);
    }
  }

  private void sync(Multistatus ms, DavResources.Wanted wanted, Calendar cal, Element root) {
    long since = SyncToken.parse(RequestXml.text(RequestXml.child(root, DavNs.SYNC_TOKEN)), resources.lastSeq(cal.id()));
    CalendarItems.Changes changes = CalendarItems.changedSince(items, cal.id(), since);
    Map<String, String> bound = hrefs.boundNames(cal.id());
    for (StoredItem i : changes.changes()) {
      String name = bound.getOrDefault(i.uid(), ResourceNames.derived(i.uid()));
      if (i.deleted()) ms.response(DavPath.itemHref(cal.id(), name)).status(404);
      else resources.item(ms, wanted, i, name);
    }
    ms.syncToken(SyncToken.of(changes.token()));
  }
}
