package io.calsync.server.dav;

import io.calsync.server.store.CalendarRepository.Calendar;
import io.javalin.http.Context;

/** One authenticated request under {@code /dav/}: the exchange, the caller's grant and the path. */
record DavRequest(Context ctx, CalendarGrant grant, DavPath path) {

  /** The calendar of a calendar or item path the caller may see; 404 otherwise (never 403: no hint that it exists). */
  Calendar calendar(io.calsync.server.store.CalendarRepository calendars) {
    String id = switch (path) {
      case DavPath.Calendar c -> c.calendarId();
      case DavPath.Item i -> i.calendarId();
      default -> throw DavException.of(405, "this is not a calendar or an event");
    };
    if (!grant.sees(id)) throw DavException.of(404, "no calendar '" + id + "' for this credential");
    return calendars.find(id).orElseThrow(() -> DavException.of(404, "no calendar '" + id + "'"));
  }

  /** {@code Depth}: 0 or 1 (infinity is answered as 1: the tree is never deeper below a collection). */
  int depth(int dflt) {
    String d = ctx.header("Depth");
    if (d == null || d.isBlank()) return dflt;
    return switch (d.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "0" -> 0;
      case "1", "infinity" -> 1;
      default -> throw DavException.of(400, "Depth must be 0, 1 or infinity");
    };
  }

  /** 207 with the multistatus body. */
  void multistatus(Multistatus ms) {
    ctx.status(207).contentType("application/xml; charset=utf-8").result(ms.toXml());
  }
}
