package io.calsync.server.dav;

import javax.xml.namespace.QName;

/**
 * A DAV request the master refuses: the status and, for the RFC 4918/4791/6578 preconditions
 * clients act on ({@code valid-sync-token}, {@code no-uid-conflict}, …), the precondition element
 * for the {@code DAV:error} body.
 */
final class DavException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient QName precondition;
  private final String conflictingHref;

  DavException(int status, String message, QName precondition, String conflictingHref) {
    super(message, null, false, false);
    this.status = status;
    this.precondition = precondition;
    this.conflictingHref = conflictingHref;
  }

  static DavException of(int status, String message) {
    return new DavException(status, message, null, null);
  }

  static DavException precondition(int status, QName precondition, String message) {
    return new DavException(status, message, precondition, null);
  }

  /** RFC 4791 {@code no-uid-conflict}, naming the resource that already holds the UID. */
  static DavException uidConflict(String href, String message) {
    return new DavException(409, message, DavNs.caldav("no-uid-conflict"), href);
  }

  int status() {
    return status;
  }

  QName precondition() {
    return precondition;
  }

  String conflictingHref() {
    return conflictingHref;
  }
}
