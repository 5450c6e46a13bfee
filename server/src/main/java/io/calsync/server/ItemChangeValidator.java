package io.calsync.server;

import io.calsync.core.model.Item;
import io.calsync.core.storage.StorageException;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.ItemChange;
import java.nio.charset.StandardCharsets;

/**
 * Checks one uploaded change before it reaches the store: the action, the UID, the size, and that
 * a put's text is iCalendar holding exactly that UID (parsed by the ical module, never by hand).
 */
final class ItemChangeValidator {
  /** A UID longer than this is not a real calendar's. */
  static final int MAX_UID_CHARS = 1024;
  /** One item (master, overrides and timezones); generous for long recurring series with many overrides. */
  static final int MAX_ICS_BYTES = 1_048_576;

  /** Why a change was refused; becomes a {@code rejected} outcome with this message. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  private ItemChangeValidator() {}

  static IncomingChange validate(ItemChange change) throws Rejected {
    if (change == null) throw new Rejected("the change is null");
    String uid = change.uid();
    if (uid == null || uid.isBlank()) throw new Rejected("uid is required");
    if (uid.length() > MAX_UID_CHARS) throw new Rejected("uid is longer than " + MAX_UID_CHARS + " characters");
    if (change.baseVersion() != null && change.baseVersion() < 1) {
      throw new Rejected("base_version must be 1 or more, or null (got " + change.baseVersion() + ")");
    }
    if (ItemChange.DELETE.equals(change.action())) {
      return new IncomingChange(uid, null, change.baseVersion());
    }
    if (!ItemChange.PUT.equals(change.action())) {
      throw new Rejected("action must be put or delete (got "
          + (change.action() == null ? "nothing" : "'" + SyncService.abbreviate(change.action()) + "'") + ")");
    }
    return new IncomingChange(uid, parse(uid, change.ics()), change.baseVersion());
  }

  /** Parses an item's text and checks that it holds exactly {@code uid}. */
  static Item parse(String uid, String ics) throws Rejected {
    if (ics == null || ics.isBlank()) throw new Rejected("ics is required for put");
    if (ics.getBytes(StandardCharsets.UTF_8).length > MAX_ICS_BYTES) {
      throw new Rejected("ics is larger than " + MAX_ICS_BYTES + " bytes");
    }
    Item item;
    try {
      item = IcalCodec.parseItem(ics, "uid " + uid);
    } catch (StorageException.Malformed e) {
      throw new Rejected("ics is not valid iCalendar: " + e.getMessage());
    } catch (RuntimeException e) {
      // ical4j may fail in ways the codec does not map; bad input must still be a rejection, not a 500
      throw new Rejected("ics is not valid iCalendar: " + e);
    }
    if (!item.uid().equals(uid)) {
      throw new Rejected("ics holds UID '" + SyncService.abbreviate(item.uid()) + "', not the change's uid '"
          + SyncService.abbreviate(uid) + "'");
    }
    return item;
  }
}
