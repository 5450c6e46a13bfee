package io.calsync.provider.caldav;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.StorageException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A CalDAV calendar home as a {@link CalendarAccount}. Calendar ids are the decoded names of the
 * calendar collections inside the home ({@code personal}, {@code work}). Task-only and
 * journal-only collections are left out.
 */
public final class CaldavAccount implements CalendarAccount {

  private final DavClient client;
  private final URI home;
  private final String homePath;
  private final boolean sogo;

  CaldavAccount(DavClient client, URI home, boolean sogo) {
    this.client = client;
    this.home = DavPaths.asCollection(home);
    this.homePath = DavPaths.withSlash(DavPaths.decodedPath(this.home, this.home.getRawPath()));
    this.sogo = sogo;
  }

  /**
   * Discovers the calendar home from any URL (server root, principal, home, or a calendar inside
   * the home) and opens it.
   */
  public static CaldavAccount discover(URI url, CaldavSettings settings) {
    DavClient client = new DavClient(settings, url);
    try {
      Discovery.Found f = Discovery.discover(client, url);
      URI home = f.home();
      if (home == null) {
        // the URL is a calendar: its parent is the home
        home = f.calendar().uri().resolve("..");
      }
      return new CaldavAccount(client, home, f.sogo());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The calendar home URL. */
  public URI home() {
    return home;
  }

  @Override
  public String location() {
    return "caldav:" + DavClient.safe(home);
  }

  /** Every calendar collection in the home, with its metadata (including task-only ones). */
  List<CollectionInfo> collections() {
    return client.execute(
        DavClient.Request.of("PROPFIND", home).depth("1").xml(CollectionInfo.PROPFIND),
        resp -> {
          if (resp.status() != 207) {
            throw DavClient.error("PROPFIND", resp.uri(), resp.status(), resp.text(2000));
          }
          List<CollectionInfo> out = new ArrayList<>();
          DavXml.parseMultistatus(resp.body(), r -> {
            if (r.href() == null || r.isMissing()) return;
            String p = DavPaths.decodedPath(home, r.href());
            if (DavPaths.samePath(p, homePath)) return;
            CollectionInfo i = CollectionInfo.from(DavPaths.asCollection(DavPaths.onServer(home, p)), r);
            if (i.calendar()) out.add(i);
          });
          return out;
        });
  }

  @Override
  public List<CalendarMeta> listCalendars() {
    List<CalendarMeta> out = new ArrayList<>();
    for (CollectionInfo i : collections()) {
      if (!i.holdsEvents()) continue;
      out.add(i.meta(idOf(i.uri())));
    }
    return out;
  }

  /**
   * Every calendar collection in the home (task-only and journal-only ones included, see {@link
   * DiscoveredCalendar#holdsEvents()}), in the server's order.
   */
  public List<DiscoveredCalendar> discoveredCalendars() {
    List<DiscoveredCalendar> out = new ArrayList<>();
    for (CollectionInfo i : collections()) {
      String id = idOf(i.uri());
      out.add(new DiscoveredCalendar(id, i.uri(), i.displayName() == null ? id : i.displayName(),
          i.color(), i.description(), i.components(), !i.writable(), !i.propsWritable()));
    }
    return out;
  }

  private String idOf(URI collection) {
    String p = DavPaths.decodedPath(home, collection.getRawPath());
    String rest = p.startsWith(homePath) ? p.substring(homePath.length()) : p;
    return DavPaths.withoutSlash(rest);
  }

  private URI uriOf(String calendarId) {
    if (calendarId.isEmpty() || calendarId.contains("/") || calendarId.equals("..") || calendarId.equals(".")) {
      throw new StorageException.ItemNotFound(location() + ": no calendar '" + calendarId + "'");
    }
    return home.resolve(DavPaths.encodeSegment(calendarId) + "/");
  }

  @Override
  public CaldavStorage open(String calendarId) {
    URI u = uriOf(calendarId);
    DavClient c = new DavClient(client.settings(), u);
    try {
      CaldavStorage.Probe p = CaldavStorage.probe(c, u);
      if (p.info() == null || !p.info().calendar()) {
        throw new StorageException.ItemNotFound(location() + ": no calendar '" + calendarId + "'");
      }
      return CaldavStorage.justRead(c, p.info(), calendarId, sogo || p.sogo());
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public CalendarMeta createCalendar(CalendarMeta meta) {
    String wish = slug(meta.id());
    for (int attempt = 0; attempt < 5; attempt++) {
      String id = attempt == 0 ? wish : wish + "-" + UUID.randomUUID().toString().substring(0, 8);
      URI u = uriOf(id);
      if (mkcalendar(u, meta)) {
        return new CalendarMeta(id, meta.name(), meta.color(), meta.description(), meta.timeZone(), false);
      }
    }
    throw new StorageException.ItemAlreadyExists(location() + ": could not find a free name for calendar " + meta.id());
  }

  /** True when created, false when something exists at that URL already. */
  private boolean mkcalendar(URI u, CalendarMeta meta) {
    if (CaldavStorage.probe(client, u).info() != null) return false;
    StringBuilder props = new StringBuilder();
    props.append("<d:displayname>").append(DavXml.escape(meta.name())).append("</d:displayname>");
    if (meta.color() != null) {
      props.append("<a:calendar-color>").append(DavXml.escape(meta.color())).append("</a:calendar-color>");
    }
    if (meta.description() != null) {
      props.append("<c:calendar-description>").append(DavXml.escape(meta.description())).append("</c:calendar-description>");
    }
    props.append("<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/></c:supported-calendar-component-set>");
    String body =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
            + " xmlns:a=\"http://apple.com/ns/ical/\"><d:set><d:prop>" + props
            + "</d:prop></d:set></c:mkcalendar>";
    Outcome outcome = send(DavClient.Request.of("MKCALENDAR", u).xml(body), u);
    if (outcome == Outcome.EXISTS) return false;
    if (outcome == Outcome.REFUSED) {
      // some servers refuse properties inside MKCALENDAR: create it bare, the PROPPATCH below sets them
      outcome = send(DavClient.Request.of("MKCALENDAR", u), u);
      if (outcome == Outcome.EXISTS) return false;
      if (outcome == Outcome.REFUSED) {
        throw new StorageException.ItemRejected(location() + ": the server refused MKCALENDAR " + DavClient.safe(u), null);
      }
    }
    // not every server takes every property from MKCALENDAR (Xandikos drops the colour): check
    CaldavStorage.Probe p = CaldavStorage.probe(client, u);
    CollectionInfo made = p.info();
    if (made == null) throw new StorageException.Unavailable(location() + ": " + DavClient.safe(u) + " vanished right after MKCALENDAR", null);
    MetadataChange missing = new MetadataChange(
        java.util.Objects.equals(made.displayName(), meta.name()) ? null : meta.name(),
        meta.color() == null || sameColor(made.color(), meta.color()) ? null : meta.color(),
        meta.description() == null || meta.description().equals(made.description()) ? null : meta.description(),
        meta.timeZone() == null || meta.timeZone().equals(made.timeZone()) ? null : meta.timeZone());
    if (!missing.isEmpty()) CaldavStorage.proppatch(client, u, missing);
    return true;
  }

  static boolean sameColor(String a, String b) {
    if (a == null || b == null) return a == b;
    String x = a.strip().toUpperCase(java.util.Locale.ROOT);
    String y = b.strip().toUpperCase(java.util.Locale.ROOT);
    if (x.length() == 9 && x.endsWith("FF")) x = x.substring(0, 7);
    if (y.length() == 9 && y.endsWith("FF")) y = y.substring(0, 7);
    return x.equals(y);
  }

  private enum Outcome { CREATED, EXISTS, REFUSED }

  private Outcome send(DavClient.Request req, URI u) {
    for (int attempt = 0; ; attempt++) {
      try {
        return client.executeOrLose(req, resp -> {
          int st = resp.status();
          if (st == 201 || st == 200 || st == 204) return Outcome.CREATED;
          String text = resp.text(4096);
          if (st == 405 || text.contains("resource-must-be-null")) return Outcome.EXISTS;
          if (st == 403 || st == 409 || st == 400 || st == 415 || st == 422 || st == 207) return Outcome.REFUSED;
          throw DavClient.error(req.method(), resp.uri(), st, text);
        });
      } catch (DavClient.ConnectionLost lost) {
        // did it happen? the name was free just before, so a calendar there now is ours
        CaldavStorage.Probe p = CaldavStorage.probe(client, u);
        if (p.info() != null) return Outcome.CREATED;
        if (attempt >= client.settings().maxRetries()) {
          throw new StorageException.Unavailable(lost.getMessage(), lost.getCause());
        }
      }
    }
  }

  private static String slug(String id) {
    String s = id == null ? "" : id.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
    s = s.replaceAll("^[.-]+", "");
    if (s.length() > 64) s = s.substring(0, 64);
    return s.isEmpty() ? UUID.randomUUID().toString() : s;
  }

  @Override
  public void deleteCalendar(String calendarId) {
    URI u = uriOf(calendarId);
    CaldavStorage.Probe p = CaldavStorage.probe(client, u);
    if (p.info() == null || !p.info().calendar()) {
      throw new StorageException.ItemNotFound(location() + ": no calendar '" + calendarId + "'");
    }
    for (int attempt = 0; ; attempt++) {
      try {
        client.executeOrLose(
            DavClient.Request.of("DELETE", u),
            resp -> {
              int st = resp.status();
              if (st >= 200 && st < 300) return null;
              if (st == 404 || st == 410) {
                throw new StorageException.ItemNotFound(location() + ": no calendar '" + calendarId + "'");
              }
              throw DavClient.error("DELETE", resp.uri(), st, resp.text(2000));
            });
        return;
      } catch (DavClient.ConnectionLost lost) {
        if (CaldavStorage.probe(client, u).info() == null) return; // it is gone
        if (attempt >= client.settings().maxRetries()) {
          throw new StorageException.Unavailable(lost.getMessage(), lost.getCause());
        }
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return location();
  }
}
