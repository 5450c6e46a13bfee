package io.calsync.server.dav;

import io.calsync.server.ItemService;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.namespace.QName;

/**
 * The properties of each kind of resource under {@code /dav/}, and how a set of requested
 * properties becomes one {@link Multistatus.Response}: what the resource has is answered 200,
 * what it lacks 404 (RFC 4918 §9.1).
 */
final class DavResources {
  /** The reports a calendar answers (RFC 3253 supported-report-set). */
  private static final List<QName> REPORTS = List.of(DavNs.caldav("calendar-query"), DavNs.caldav("calendar-multiget"),
      DavNs.dav("sync-collection"));

  private final CalendarRepository calendars;
  private final ItemService items;
  private final DavHrefs hrefs;

  DavResources(CalendarRepository calendars, ItemService items, DavHrefs hrefs) {
    this.calendars = calendars;
    this.items = items;
    this.hrefs = hrefs;
  }

  /** Which properties a PROPFIND or REPORT asked for; {@code all} for allprop (or no body). */
  record Wanted(boolean all, List<QName> names) {
    static final Wanted ALL = new Wanted(true, List.of());

    boolean includes(QName name) {
      return all ? !name.equals(DavNs.CALENDAR_DATA) : names.contains(name);
    }
  }

  static String etag(StoredItem item) {
    return "\"v" + item.version() + "\"";
  }

  void root(Multistatus ms, Wanted wanted) {
    Map<QName, Consumer<XmlOut>> p = principalLinks();
    p.put(DavNs.RESOURCETYPE, out -> out.empty(DavNs.dav("collection")));
    p.put(DavNs.DISPLAYNAME, out -> out.text("calsync"));
    answer(ms.response(DavPath.ROOT), p, wanted);
  }

  void principal(Multistatus ms, Wanted wanted, CalendarGrant grant) {
    Map<QName, Consumer<XmlOut>> p = principalLinks();
    p.put(DavNs.RESOURCETYPE, out -> out.empty(DavNs.dav("collection")).empty(DavNs.dav("principal")));
    p.put(DavNs.DISPLAYNAME, out -> out.text(grant.who()));
    p.put(DavNs.PRINCIPAL_URL, out -> out.element(DavNs.dav("href"), DavPath.PRINCIPAL));
    answer(ms.response(DavPath.PRINCIPAL), p, wanted);
  }

  void home(Multistatus ms, Wanted wanted) {
    Map<QName, Consumer<XmlOut>> p = principalLinks();
    p.put(DavNs.RESOURCETYPE, out -> out.empty(DavNs.dav("collection")));
    p.put(DavNs.DISPLAYNAME, out -> out.text("Calendars"));
    // calendars are created by agents or POST /calendars, not by MKCALENDAR: no bind here
    p.put(DavNs.CURRENT_USER_PRIVILEGE_SET, privileges(false));
    answer(ms.response(DavPath.HOME), p, wanted);
  }

  void calendar(Multistatus ms, Wanted wanted, Calendar cal, CalendarGrant grant) {
    Map<QName, Consumer<XmlOut>> p = principalLinks();
    long lastSeq = lastSeq(cal.id());
    p.put(DavNs.RESOURCETYPE, out -> out.empty(DavNs.dav("collection")).empty(DavNs.caldav("calendar")));
    p.put(DavNs.DISPLAYNAME, out -> out.text(cal.name()));
    if (cal.color() != null) p.put(DavNs.CALENDAR_COLOR, out -> out.text(cal.color()));
    if (cal.description() != null) p.put(DavNs.CALENDAR_DESCRIPTION, out -> out.text(cal.description()));
    p.put(DavNs.GETCTAG, out -> out.text(SyncToken.of(lastSeq)));
    p.put(DavNs.SYNC_TOKEN, out -> out.text(SyncToken.of(lastSeq)));
    p.put(DavNs.OWNER, out -> out.element(DavNs.dav("href"), DavPath.PRINCIPAL));
    p.put(DavNs.SUPPORTED_CALENDAR_COMPONENT_SET, out -> {
      for (String comp : new String[] {"VEVENT", "VTODO"}) {
        out.start(DavNs.caldav("comp"));
        out.attribute("name", comp);
        out.end();
      }
    });
    p.put(DavNs.SUPPORTED_REPORT_SET, out -> {
      for (QName report : REPORTS) {
        out.start(DavNs.dav("supported-report")).start(DavNs.dav("report")).empty(report).end().end();
      }
    });
    p.put(DavNs.CURRENT_USER_PRIVILEGE_SET, privileges(grant.mayWrite()));
    answer(ms.response(DavPath.calendarHref(cal.id())), p, wanted);
  }

  /** One item; {@code name} is its resource name in the calendar. */
  void item(Multistatus ms, Wanted wanted, StoredItem item, String name) {
    Map<QName, Consumer<XmlOut>> p = new LinkedHashMap<>();
    p.put(DavNs.RESOURCETYPE, out -> { });
    p.put(DavNs.GETETAG, out -> out.text(etag(item)));
    p.put(DavNs.GETCONTENTTYPE, out -> out.text("text/calendar; charset=utf-8"));
    p.put(DavNs.CALENDAR_DATA, out -> out.text(item.ics()));
    answer(ms.response(DavPath.itemHref(item.calendarId(), name)), p, wanted);
  }

  /** Every live item of a calendar (PROPFIND Depth 1). */
  void members(Multistatus ms, Wanted wanted, String calendarId) {
    Map<String, String> bound = hrefs.boundNames(calendarId);
    for (StoredItem i : CalendarItems.live(items, calendarId)) {
      item(ms, wanted, i, bound.getOrDefault(i.uid(), ResourceNames.derived(i.uid())));
    }
  }

  /** The calendars the grant sees (PROPFIND Depth 1 on the home). */
  void calendars(Multistatus ms, Wanted wanted, CalendarGrant grant) {
    for (Calendar cal : grant.visible(calendars)) calendar(ms, wanted, cal, grant);
  }

  private static Map<QName, Consumer<XmlOut>> principalLinks() {
    Map<QName, Consumer<XmlOut>> p = new LinkedHashMap<>();
    p.put(DavNs.CURRENT_USER_PRINCIPAL, out -> out.element(DavNs.dav("href"), DavPath.PRINCIPAL));
    p.put(DavNs.CALENDAR_HOME_SET, out -> out.element(DavNs.dav("href"), DavPath.HOME));
    return p;
  }

  private static Consumer<XmlOut> privileges(boolean write) {
    return out -> {
      List<String> names = write
          ? List.of("read", "read-current-user-privilege-set", "write", "write-content", "write-properties", "bind",
              "unbind")
          : List.of("read", "read-current-user-privilege-set");
      for (String n : names) out.start(DavNs.dav("privilege")).empty(DavNs.dav(n)).end();
    };
  }

  private static void answer(Multistatus.Response r, Map<QName, Consumer<XmlOut>> has, Wanted wanted) {
    if (wanted.all()) {
      has.forEach((name, value) -> {
        if (wanted.includes(name)) r.found(name, value);
      });
      return;
    }
    for (QName name : wanted.names()) {
      Consumer<XmlOut> value = has.get(name);
      if (value != null) r.found(name, value);
      else r.failed(name, 404);
    }
  }

  /** The calendar's last change sequence number: its ctag and sync-token. */
  long lastSeq(String calendarId) {
    return items.lastChange(calendarId).map(StoredItem::seq).orElse(0L);
  }
}
