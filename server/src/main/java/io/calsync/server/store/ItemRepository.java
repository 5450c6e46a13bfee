package io.calsync.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The master's items: the current version of each UID of each master calendar, tombstones
 * included, and the master's global change sequence. Callers run these inside {@link
 * Transactions#inTransaction} so a change, its sequence number and its queue entries commit together.
 */
public interface ItemRepository {

  /**
   * Who made a version: an agent's source, the destination, a person resolving a conflict, or a
   * CalDAV client of the master's own {@code /dav/} endpoint.
   */
  enum OriginKind {
    AGENT, DESTINATION, RESOLUTION, DAV;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static OriginKind parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /**
   * One item as the master holds it.
   *
   * @param version counts up from 1 per accepted change of this UID (a deletion is a version too)
   * @param deleted a tombstone: {@code ics} and {@code contentHash} are null
   * @param seq the master's change sequence number of this version (the agents' token)
   * @param originAgent the agent of an {@link OriginKind#AGENT} origin, else null
   * @param originSource that agent's source name, else null
   */
  record StoredItem(
      String calendarId,
      String uid,
      long version,
      boolean deleted,
      String ics,
      String contentHash,
      long seq,
      Instant updatedAt,
      OriginKind originKind,
      String originAgent,
      String originSource) {}

  Optional<StoredItem> find(String calendarId, String uid);

  /** Takes the next number of the master's global change sequence. */
  long nextSeq();

  /** Inserts or replaces the item's row (its current version). */
  void save(StoredItem item);

  /**
   * The calendar's items with {@code seq > since}, oldest change first, at most {@code limit}.
   *
   * @param includeTombstones false lists live items only (an agent's first view of a calendar)
   */
  List<StoredItem> changedSince(String calendarId, long since, boolean includeTombstones, int limit);

  /** The highest sequence number of any item (tombstones included) of the calendar, 0 if none. */
  long lastSeq(String calendarId);
}
