package io.calsync.server.dav;

import io.calsync.server.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The resource name each item has under {@code /dav/} (table {@code dav_hrefs}, migration V5):
 * the name a client chose when it created the item, else the derived one ({@link ResourceNames}).
 * A name stays bound after the item is deleted so that sync-collection reports the deletion under
 * the name the client knows.
 */
final class DavHrefs {
  private final Transactions tx;

  DavHrefs(Transactions tx) {
    this.tx = tx;
  }

  /** The UID the resource {@code name} of the calendar stands for, or null when there is none. */
  String uidAt(String calendarId, String name) {
    Optional<String> bound = tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM dav_hrefs WHERE calendar_id = ? AND name = ?")) {
        ps.setString(1, calendarId);
        ps.setString(2, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
    if (bound.isPresent()) return bound.get();
    String derived = ResourceNames.uidOfDerived(name);
    // a derived name means nothing once the UID was given a name of its own
    return derived != null && boundName(calendarId, derived).isEmpty() ? derived : null;
  }

  /** The resource name of {@code uid} in the calendar. */
  String nameOf(String calendarId, String uid) {
    return boundName(calendarId, uid).orElseGet(() -> ResourceNames.derived(uid));
  }

  /** Every bound name of the calendar by UID, for listings (UIDs absent here have derived names). */
  Map<String, String> boundNames(String calendarId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT uid, name FROM dav_hrefs WHERE calendar_id = ?")) {
        ps.setString(1, calendarId);
        try (ResultSet rs = ps.executeQuery()) {
          Map<String, String> out = new HashMap<>();
          while (rs.next()) out.put(rs.getString(1), rs.getString(2));
          return out;
        }
      }
    });
  }

  /** Binds {@code name} to {@code uid}, replacing what either was bound to before. */
  void bind(String calendarId, String name, String uid) {
    tx.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement(
          "DELETE FROM dav_hrefs WHERE calendar_id = ? AND (name = ? OR uid = ?)")) {
        del.setString(1, calendarId);
        del.setString(2, name);
        del.setString(3, uid);
        del.executeUpdate();
      }
      if (name.equals(ResourceNames.derived(uid))) return 0; // the derived name needs no row
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO dav_hrefs(calendar_id, name, uid) VALUES (?, ?, ?)")) {
        ins.setString(1, calendarId);
        ins.setString(2, name);
        ins.setString(3, uid);
        return ins.executeUpdate();
      }
    });
  }

  private Optional<String> boundName(String calendarId, String uid) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM dav_hrefs WHERE calendar_id = ? AND uid = ?")) {
        ps.setString(1, calendarId);
        ps.setString(2, uid);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }
}
