package io.calsync.provider.caldav;

import io.calsync.core.storage.StorageException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Finds the calendar home from any URL a user may give: a calendar, the principal, the calendar
 * home, the server root (through {@code current-user-principal} and RFC 6764 {@code
 * /.well-known/caldav}).
 */
final class Discovery {

  private static final Logger LOG = Logger.getLogger(Discovery.class.getName());

  private static final String PROPFIND =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
          + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
          + " xmlns:cs=\"http://calendarserver.org/ns/\" xmlns:a=\"http://apple.com/ns/ical/\">"
          + "<d:prop><d:current-user-principal/><c:calendar-home-set/>" + CollectionInfo.PROPS
          + "</d:prop></d:propfind>";

  private Discovery() {}

  /**
   * What a URL turned out to be.
   *
   * @param calendar the calendar the URL names, or null
   * @param home the calendar home, or null when only a calendar was found
   * @param principal the principal, or null
   * @param sogo the server looks like SOGo
   */
  record Found(CollectionInfo calendar, URI home, URI principal, boolean sogo) {}

  private record Answer(boolean ok, DavXml.Response self, URI at, boolean sogo) {}

  static Found discover(DavClient client, URI start) {
    boolean sogo = false;
    Answer a = propfind(client, start);
    sogo |= a.sogo();
    if (a.ok() && a.self() != null) {
      DavXml.Prop rt = a.self().prop(DavXml.RESOURCETYPE);
      if (rt != null && rt.descendants().contains(DavXml.CALENDAR_TYPE)) {
        return new Found(CollectionInfo.from(DavPaths.asCollection(a.at()), a.self()), null, null, sogo);
      }
    }
    URI principal = null;
    URI home = null;
    if (a.ok() && a.self() != null) {
      home = firstHref(a.at(), a.self().prop(DavXml.CALENDAR_HOME_SET));
      principal = firstHref(a.at(), a.self().prop(DavXml.CURRENT_USER_PRINCIPAL));
    }
    if (home == null && principal == null) {
      URI wellKnown = start.resolve("/.well-known/caldav");
      Answer w = propfind(client, wellKnown);
      sogo |= w.sogo();
      if (w.ok() && w.self() != null) {
        home = firstHref(w.at(), w.self().prop(DavXml.CALENDAR_HOME_SET));
        principal = firstHref(w.at(), w.self().prop(DavXml.CURRENT_USER_PRINCIPAL));
      }
    }
    if (home == null && principal != null) {
      Answer p = propfind(client, principal);
      sogo |= p.sogo();
      if (p.ok() && p.self() != null) home = firstHref(p.at(), p.self().prop(DavXml.CALENDAR_HOME_SET));
    }
    if (home == null && a.ok()) {
      // no home-set anywhere: maybe the URL itself holds calendars
      home = DavPaths.asCollection(a.at());
      LOG.fine(() -> "no calendar-home-set found; using " + DavClient.safe(start) + " as the home");
    }
    if (home == null) {
      throw new StorageException.InvalidConfiguration(
          "no CalDAV calendar home found from " + DavClient.safe(start)
              + " (tried the URL, current-user-principal and /.well-known/caldav)");
    }
    return new Found(null, DavPaths.asCollection(home), principal, sogo);
  }

  private static URI firstHref(URI base, DavXml.Prop p) {
    if (p == null || p.hrefs().isEmpty()) return null;
    return base.resolve(p.hrefs().getFirst().strip());
  }

  private static Answer propfind(DavClient client, URI at) {
    return client.execute(
        DavClient.Request.of("PROPFIND", at).depth("0").xml(PROPFIND),
        resp -> {
          boolean sogo = resp.header("Server").map(s -> s.contains("SOGo")).orElse(false)
              || (resp.uri().getRawPath() != null && resp.uri().getRawPath().contains("/SOGo/"));
          if (resp.status() == 401) throw DavClient.error("PROPFIND", resp.uri(), 401, null);
          if (resp.status() != 207) return new Answer(false, null, resp.uri(), sogo);
          List<DavXml.Response> rs = new ArrayList<>();
          DavXml.parseMultistatus(resp.body(), rs::add);
          String self = DavPaths.decodedPath(resp.uri(), resp.uri().getRawPath() == null ? "/" : resp.uri().getRawPath());
          DavXml.Response found = null;
          for (DavXml.Response r : rs) {
            if (r.href() != null && DavPaths.samePath(DavPaths.decodedPath(resp.uri(), r.href()), self)) {
              found = r;
            }
          }
          if (found == null && rs.size() == 1) found = rs.getFirst();
          return new Answer(true, found, resp.uri(), sogo);
        });
  }
}
