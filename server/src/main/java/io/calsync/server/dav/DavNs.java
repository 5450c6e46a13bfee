package io.calsync.server.dav;

import javax.xml.namespace.QName;

/** The XML namespaces and element names the master's CalDAV endpoint reads and writes. */
final class DavNs {
  static final String DAV = "DAV:";
  static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  /** Apple's namespace: {@code calendar-color}, which every common client reads. */
  static final String APPLE = "http://apple.com/ns/ical/";
  /** CalendarServer's namespace: {@code getctag}, which older clients poll instead of sync-token. */
  static final String CS = "http://calendarserver.org/ns/";

  static final QName RESOURCETYPE = dav("resourcetype");
  static final QName DISPLAYNAME = dav("displayname");
  static final QName CURRENT_USER_PRINCIPAL = dav("current-user-principal");
  static final QName PRINCIPAL_URL = dav("principal-URL");
  static final QName OWNER = dav("owner");
  static final QName SYNC_TOKEN = dav("sync-token");
  static final QName CURRENT_USER_PRIVILEGE_SET = dav("current-user-privilege-set");
  static final QName SUPPORTED_REPORT_SET = dav("supported-report-set");
  static final QName GETETAG = dav("getetag");
  static final QName GETCONTENTTYPE = dav("getcontenttype");
  static final QName CALENDAR_HOME_SET = caldav("calendar-home-set");
  static final QName CALENDAR_USER_ADDRESS_SET = caldav("calendar-user-address-set");
  static final QName CALENDAR_DESCRIPTION = caldav("calendar-description");
  static final QName SUPPORTED_CALENDAR_COMPONENT_SET = caldav("supported-calendar-component-set");
  static final QName CALENDAR_DATA = caldav("calendar-data");
  static final QName CALENDAR_COLOR = new QName(APPLE, "calendar-color");
  static final QName GETCTAG = new QName(CS, "getctag");

  private DavNs() {}

  static QName dav(String local) {
    return new QName(DAV, local);
  }

  static QName caldav(String local) {
    return new QName(CALDAV, local);
  }

  /** The prefix written for a namespace (others get one made up by the writer). */
  static String prefix(String namespace) {
    return switch (namespace) {
      case DAV -> "D";
      case CALDAV -> "C";
      case APPLE -> "A";
      case CS -> "CS";
      default -> null;
    };
  }
}
