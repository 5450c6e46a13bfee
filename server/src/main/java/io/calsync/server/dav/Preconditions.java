package io.calsync.server.dav;

import io.calsync.server.store.ItemRepository.StoredItem;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code If-Match} and {@code If-None-Match} of a PUT or DELETE (RFC 9110 §13.1), turned into the
 * {@code base_version} of the change. ETags are the master version ({@code "v7"}), so a client's
 * If-Match names the version its edit is based on.
 */
final class Preconditions {
  private Preconditions() {}

  /**
   * The base version of a change to {@code current} (null: none, or a tombstone).
   *
   * <ul>
   *   <li>{@code If-None-Match: *} on a live item, {@code If-Match} on none, or an If-Match that is
   *       not one of calsync's ETags: 412.
   *   <li>If-Match naming an older version: that version is the base, so the change is concurrent
   *       and {@code CONFLICT_RESOLUTION} settles it (412 when the master's version is kept).
   *   <li>no If-Match: a plain overwrite, based on the current version.
   * </ul>
   */
  static Long baseVersion(String ifMatch, String ifNoneMatch, StoredItem current) {
    boolean live = current != null && !current.deleted();
    if (ifNoneMatch != null && live) {
      List<String> tags = tags(ifNoneMatch);
      if (tags.contains("*") || tags.contains(DavResources.etag(current))) {
        throw DavException.of(412, "the event exists (If-None-Match)");
      }
    }
    if (ifMatch == null || ifMatch.isBlank()) return current == null ? null : current.version();
    if (!live) throw DavException.of(412, "the event does not exist (If-Match)");
    List<String> tags = tags(ifMatch);
    if (tags.contains("*") || tags.contains(DavResources.etag(current))) return current.version();
    if (tags.size() == 1) {
      Long version = version(tags.get(0));
      if (version != null && version >= 1 && version < current.version()) return version;
    }
    throw DavException.of(412, "the event changed: its ETag is " + DavResources.etag(current) + ", not " + ifMatch);
  }

  /** The entity tags of a header value, weak ones compared as strong (clients echo ours). */
  private static List<String> tags(String header) {
    List<String> out = new ArrayList<>();
    for (String part : header.split(",")) {
      String t = part.strip();
      if (t.startsWith("W/")) t = t.substring(2);
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }

  private static Long version(String tag) {
    if (!tag.startsWith("\"v") || !tag.endsWith("\"") || tag.length() < 4) return null;
    try {
      return Long.parseLong(tag.substring(2, tag.length() - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
