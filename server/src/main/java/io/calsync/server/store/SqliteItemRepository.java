package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ItemRepository} on the master's SQLite store. */
public final class SqliteItemRepository implements ItemRepository {
  private final Transactions tx;

  public SqliteItemRepository(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Optional<StoredItem> find(String calendarId, String uid) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE calendar_id = ? AND uid = ?")) {
        Sql.bind(ps, calendarId, uid);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public long nextSeq() {
    return tx.inTransaction(c -> {
      try (PreparedStatement up = c.prepareStatement("UPDATE change_sequence SET value = value + 1 WHERE id = 1")) {
        up.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM change_sequence WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public void save(StoredItem i) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR REPLACE INTO items(calendar_id, uid, version, deleted, ics, content_hash, seq, updated_at,"
              + " origin_kind, origin_agent, origin_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Sql.bind(ps, i.calendarId(), i.uid(), i.version(), i.deleted(), i.ics(), i.contentHash(), i.seq(),
            i.updatedAt(), i.originKind().wireName(), i.originAgent(), i.originSource());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<StoredItem> changedSince(String calendarId, long since, boolean includeTombstones, int limit) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM items WHERE calendar_id = ? AND seq > ?"
          + (includeTombstones ? "" : " AND deleted = 0") + " ORDER BY seq LIMIT ?")) {
        Sql.bind(ps, calendarId, since, limit);
        try (ResultSet rs = ps.executeQuery()) {
          List<StoredItem> out = new ArrayList<>();
          while (rs.next()) out.add(read(rs));
          return out;
        }
      }
    });
  }

  @Override
  public long lastSeq(String calendarId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM items WHERE calendar_id = ?")) {
        Sql.bind(ps, calendarId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private static StoredItem read(ResultSet rs) throws SQLException {
    return new StoredItem(rs.getString("calendar_id"), rs.getString("uid"), rs.getLong("version"),
        rs.getInt("deleted") == 1, rs.getString("ics"), rs.getString("content_hash"), rs.getLong("seq"),
        Sql.instant(rs, "updated_at"), OriginKind.parse(rs.getString("origin_kind")), rs.getString("origin_agent"),
        rs.getString("origin_source"));
  }
}
