package io.calsync.provider.caldav;

import io.calsync.core.model.CalendarMeta;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PROPFIND told about one collection.
 *
 * @param uri the collection URL (trailing slash)
 * @param calendar the resource type includes {@code C:calendar}
 * @param components supported components (empty when the server did not say)
 * @param displayName may be null
 * @param color {@code #RRGGBB[AA]} or null
 * @param description may be null
 * @param timeZone a TZID from {@code calendar-timezone}, or null
 * @param writable the current user may write items (true when the server did not say)
 * @param propsWritable the current user may change properties (true when the server did not say)
 * @param syncToken RFC 6578 token, or null (also when not asked: see {@link #PROPS})
 * @param ctag {@code CS:getctag}, or null (likewise)
 */
record CollectionInfo(
    URI uri,
    boolean calendar,
    List<String> components,
    String displayName,
    String color,
    String description,
    String timeZone,
    boolean writable,
    boolean propsWritable,
    String syncToken,
    String ctag) {

  /**
   * What the collection is and shows. No {@code sync-token} or {@code getctag}: Radicale computes
   * those over every item of the collection (2.5 s at 10,000 events), so they are asked only where
   * they are needed ({@link #TOKEN_PROPFIND}), not on every discovery and metadata read.
   */
  static final String PROPS =
      "<d:resourcetype/><d:displayname/><d:current-user-privilege-set/>"
          + "<c:supported-calendar-component-set/><c:calendar-description/><c:calendar-timezone/>"
          + "<a:calendar-color/>";

  static final String PROPFIND = propfind(PROPS);

  /** The collection's version only: {@link #syncToken} and {@link #ctag}. */
  static final String TOKEN_PROPFIND = propfind("<d:sync-token/><cs:getctag/>");

  private static String propfind(String props) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\""
        + " xmlns:cs=\"http://calendarserver.org/ns/\" xmlns:a=\"http://apple.com/ns/ical/\">"
        + "<d:prop>" + props + "</d:prop></d:propfind>";
  }

  private static final Pattern TZID = Pattern.compile("(?m)^TZID[^:]*:(.+?)\\r?$");

  static CollectionInfo from(URI uri, DavXml.Response r) {
    DavXml.Prop rt = r.prop(DavXml.RESOURCETYPE);
    boolean calendar = rt != null && rt.descendants().contains(DavXml.CALENDAR_TYPE);
    DavXml.Prop comps = r.prop(DavXml.SUPPORTED_COMPONENTS);
    List<String> components =
        comps == null ? List.of() : comps.names().stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList();
    DavXml.Prop priv = r.prop(DavXml.CURRENT_USER_PRIVILEGE_SET);
    boolean writable = true;
    boolean propsWritable = true;
    if (priv != null && !priv.descendants().isEmpty()) {
      Set<String> p = priv.descendants();
      boolean all = p.contains("{DAV:}all") || p.contains("{DAV:}write");
      writable = all || p.contains("{DAV:}write-content") || p.contains("{DAV:}bind");
      propsWritable = all || p.contains("{DAV:}write-properties");
    }
    String tz = null;
    String tzText = r.text(DavXml.CALENDAR_TIMEZONE);
    if (tzText != null) {
      Matcher m = TZID.matcher(tzText);
      if (m.find()) tz = m.group(1).strip();
    }
    return new CollectionInfo(
        uri,
        calendar,
        components,
        r.text(DavXml.DISPLAYNAME),
        normaliseColor(r.text(DavXml.CALENDAR_COLOR)),
        r.text(DavXml.CALENDAR_DESCRIPTION),
        tz,
        writable,
        propsWritable,
        r.text(DavXml.SYNC_TOKEN),
        r.text(DavXml.GETCTAG));
  }

  /** True when the calendar may hold events (task-only and journal-only lists are not). */
  boolean holdsEvents() {
    return components.isEmpty() || components.contains("VEVENT");
  }

  CalendarMeta meta(String id) {
    return new CalendarMeta(id, displayName == null ? id : displayName, color, description, timeZone, !writable);
  }

  static String normaliseColor(String c) {
    if (c == null) return null;
    String s = c.strip();
    return s.isEmpty() ? null : s;
  }
}
