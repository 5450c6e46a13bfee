package io.calsync.server.dav;

/**
 * RFC 6578 sync tokens: a URI carrying the master's change sequence number (the same counter the
 * agents' tokens use), so "what changed since" is one index range. Every number up to the
 * calendar's last one is valid, because deletions are kept as tombstones.
 */
final class SyncToken {
  static final String PREFIX = "urn:calsync:sync:";

  private SyncToken() {}

  static String of(long seq) {
    return PREFIX + seq;
  }

  /**
   * The sequence number of a token a client sent: 0 for an empty one (an initial sync).
   *
   * @throws DavException 403 {@code valid-sync-token} when the token is not one of ours or lies
   *     in the future
   */
  static long parse(String token, long lastSeq) {
    if (token == null || token.isBlank()) return 0;
    String t = token.strip();
    if (t.startsWith(PREFIX)) {
      try {
        long seq = Long.parseLong(t.substring(PREFIX.length()));
        if (seq >= 0 && seq <= lastSeq) return seq;
      } catch (NumberFormatException e) {
        // falls through to the precondition
      }
    }
    throw DavException.precondition(403, DavNs.dav("valid-sync-token"),
        "the sync-token is not valid for this calendar: sync again without a token");
  }
}
