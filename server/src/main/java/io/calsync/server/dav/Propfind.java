package io.calsync.server.dav;

import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/** PROPFIND (RFC 4918 §9.1) on every resource of the tree, Depth 0 or 1. */
final class Propfind {
  private final CalendarRepository calendars;
  private final DavResources resources;
  private final ItemLookup lookup;

  Propfind(CalendarRepository calendars, DavResources resources, ItemLookup lookup) {
    this.calendars = calendars;
    this.resources = resources;
    this.lookup = lookup;
  }

  void handle(DavRequest req) {
    DavResources.Wanted wanted = wanted(RequestXml.parse(req.ctx().bodyAsBytes()));
    int depth = req.depth(1);
    Multistatus ms = new Multistatus();
    switch (req.path()) {
      case DavPath.Root r -> {
        resources.root(ms, wanted);
        if (depth > 0) {
          resources.principal(ms, wanted, req.grant());
          resources.home(ms, wanted);
        }
      }
      case DavPath.Principal p -> resources.principal(ms, wanted, req.grant());
      case DavPath.Home h -> {
        resources.home(ms, wanted);
        if (depth > 0) resources.calendars(ms, wanted, req.grant());
      }
      case DavPath.Calendar c -> {
        Calendar cal = req.calendar(calendars);
        resources.calendar(ms, wanted, cal, req.grant());
        if (depth > 0) resources.members(ms, wanted, cal.id());
      }
      case DavPath.Item i -> {
        req.calendar(calendars);
        StoredItem item = lookup.live(i).orElseThrow(() -> DavException.of(404, "no event " + i.name()));
        resources.item(ms, wanted, item, i.name());
      }
    }
    req.multistatus(ms);
  }

  /** The properties a {@code propfind} (or a REPORT's {@code prop}) asks for. */
  static DavResources.Wanted wanted(Element root) {
    if (root == null) return DavResources.Wanted.ALL;
    Element prop = RequestXml.child(root, DavNs.dav("prop"));
    if (prop == null) {
      if (RequestXml.is(root, DavNs.dav("propfind")) && RequestXml.child(root, DavNs.dav("allprop")) == null
          && RequestXml.child(root, DavNs.dav("propname")) == null) {
        throw DavException.of(400, "a propfind needs prop, allprop or propname");
      }
      return DavResources.Wanted.ALL;
    }
    List<QName> names = new ArrayList<>();
    for (Element e : RequestXml.children(prop)) names.add(RequestXml.name(e));
    return new DavResources.Wanted(false, names);
  }
}
