package io.calsync.server.dav;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request path under {@code /dav/} names. The tree is fixed:
 *
 * <pre>
 * /dav/                              the service root (discovery starts here)
 * /dav/principal/                    the caller (one principal per credential)
 * /dav/calendars/                    the calendar home: every calendar the caller may see
 * /dav/calendars/{calendar_id}/      one master calendar
 * /dav/calendars/{calendar_id}/{n}   one item (event) of it
 * </pre>
 */
sealed interface DavPath {
  String ROOT = "/dav/";
  String PRINCIPAL = "/dav/principal/";
  String HOME = "/dav/calendars/";

  record Root() implements DavPath {}

  record Principal() implements DavPath {}

  record Home() implements DavPath {}

  record Calendar(String calendarId) implements DavPath {}

  record Item(String calendarId, String name) implements DavPath {}

  static String calendarHref(String calendarId) {
    return HOME + ResourceNames.encode(calendarId) + "/";
  }

  static String itemHref(String calendarId, String name) {
    return calendarHref(calendarId) + ResourceNames.encode(name);
  }

  /**
   * Parses a raw (percent-encoded) path, or an href a client sent (which may be a full URL).
   *
   * @throws DavException 404 for a path outside the tree
   */
  static DavPath parse(String rawPath) {
    String path = rawPath;
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "/" : path.substring(slash);
    }
    if (!path.equals("/dav") && !path.startsWith(ROOT)) throw notFound(rawPath);
    List<String> segments = new ArrayList<>();
    for (String s : path.substring("/dav".length()).split("/")) {
      if (!s.isEmpty()) segments.add(ResourceNames.decode(s));
    }
    if (segments.isEmpty()) return new Root();
    return switch (segments.get(0)) {
      case "principal" -> {
        if (segments.size() != 1) throw notFound(rawPath);
        yield new Principal();
      }
      case "calendars" -> switch (segments.size()) {
        case 1 -> new Home();
        case 2 -> new Calendar(segments.get(1));
        case 3 -> new Item(segments.get(1), segments.get(2));
        default -> throw notFound(rawPath);
      };
      default -> throw notFound(rawPath);
    };
  }

  private static DavException notFound(String path) {
    return DavException.of(404, "nothing at " + path + " (the calendars are under " + HOME + ")");
  }
}
