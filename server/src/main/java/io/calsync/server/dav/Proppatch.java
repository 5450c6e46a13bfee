package io.calsync.server.dav;

import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * PROPPATCH (RFC 4918 §9.2) of a calendar's {@code displayname}, {@code calendar-color} and
 * {@code calendar-description}: all or nothing, so one property calsync cannot change (403)
 * fails the others (424) and nothing is written.
 */
final class Proppatch {
  private static final Set<QName> WRITABLE = Set.of(DavNs.DISPLAYNAME, DavNs.CALENDAR_COLOR, DavNs.CALENDAR_DESCRIPTION);

  private final CalendarRepository calendars;
  private final CalendarMetadataWriter metadata;

  Proppatch(CalendarRepository calendars, CalendarMetadataWriter metadata) {
    this.calendars = calendars;
    this.metadata = metadata;
  }

  void handle(DavRequest req) {
    if (!(req.path() instanceof DavPath.Calendar)) {
      throw DavException.of(403, "only a calendar's displayname, calendar-color and calendar-description can be changed");
    }
    Calendar cal = req.calendar(calendars);
    req.grant().requireWrite();
    Element root = RequestXml.parse(req.ctx().bodyAsBytes());
    if (!RequestXml.is(root, DavNs.dav("propertyupdate"))) throw DavException.of(400, "a PROPPATCH needs a propertyupdate body");
    Map<QName, String> changes = new LinkedHashMap<>(); // null value: removed
    for (Element op : RequestXml.children(root)) {
      boolean set = RequestXml.is(op, DavNs.dav("set"));
      if (!set && !RequestXml.is(op, DavNs.dav("remove"))) continue;
      for (Element p : RequestXml.children(RequestXml.child(op, DavNs.dav("prop")))) {
        changes.put(RequestXml.name(p), set ? RequestXml.text(p) : null);
      }
    }
    boolean allowed = !changes.isEmpty() && changes.entrySet().stream().allMatch(e -> changeable(e.getKey(), e.getValue()));
    Multistatus ms = new Multistatus();
    Multistatus.Response r = ms.response(DavPath.calendarHref(cal.id()));
    if (!allowed) {
      changes.forEach((name, value) -> r.failed(name, changeable(name, value) ? 424 : 403));
    } else {
      metadata.update(cal.id(), changes.get(DavNs.DISPLAYNAME), changes.get(DavNs.CALENDAR_COLOR),
          changes.containsKey(DavNs.CALENDAR_DESCRIPTION) ? orEmpty(changes.get(DavNs.CALENDAR_DESCRIPTION)) : null);
      changes.keySet().forEach(name -> r.found(name, out -> { }));
    }
    req.multistatus(ms);
  }

  /** Names and colors cannot be removed (a calendar always has a name; colors are set, not cleared). */
  private static boolean changeable(QName name, String value) {
    if (!WRITABLE.contains(name)) return false;
    return value != null ? !value.isBlank() || name.equals(DavNs.CALENDAR_DESCRIPTION) : name.equals(DavNs.CALENDAR_DESCRIPTION);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
