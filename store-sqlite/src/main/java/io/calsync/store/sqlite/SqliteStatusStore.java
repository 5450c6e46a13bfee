package io.calsync.store.sqlite;

import static io.calsync.store.sqlite.SqliteStateDb.instant;
import static io.calsync.store.sqlite.SqliteStateDb.timestamp;

import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ConflictVersion;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.SideStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.status.SyncedMetadata;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link StatusStore} of one pair in a {@link SqliteStateDb} (tables {@code item_status},
 * {@code sync_token}, {@code conflict}, {@code pair_metadata}). Every call is one statement that
 * commits at once unless a {@link #transaction} is open.
 */
final class SqliteStatusStore implements StatusStore {

  private static final String ITEM_COLUMNS = "uid, a_href, a_etag, a_hash, b_href, b_etag, b_hash";
  private static final String CONFLICT_COLUMNS =
      "id, uid, summary, detected_at, a_href, a_etag, a_hash, a_text,"
          + " b_href, b_etag, b_hash, b_text, resolution, resolved_at";

  private static final String METADATA_COLUMNS =
      "a_name, a_color, a_description, b_name, b_color, b_description";

  private final SqliteStateDb db;
  private final String pairId;

  SqliteStatusStore(SqliteStateDb db, String pairId) {
    this.db = db;
    this.pairId = pairId;
  }

  @Override
  public Map<String, ItemStatus> items() {
    return db.sql(
        "read the item status of pair " + pairId,
        c -> {
          Map<String, ItemStatus> items = new HashMap<>(1024);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + ITEM_COLUMNS + " FROM item_status WHERE pair_id = ?")) {
            ps.setString(1, pairId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String uid = text(rs, 1);
                items.put(
                    uid,
                    new ItemStatus(
                        uid,
                        new SideStatus(text(rs, 2), text(rs, 3), text(rs, 4)),
                        new SideStatus(text(rs, 5), text(rs, 6), text(rs, 7))));
              }
            }
          }
          return Map.copyOf(items);
        });
  }

  @Override
  public void putItem(ItemStatus status) {
    Objects.requireNonNull(status, "status");
    db.sql(
        "record the status of " + status.uid(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO item_status (pair_id, "
                      + ITEM_COLUMNS
                      + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (pair_id, uid) DO UPDATE SET"
                      + " a_href = excluded.a_href, a_etag = excluded.a_etag,"
                      + " a_hash = excluded.a_hash, b_href = excluded.b_href,"
                      + " b_etag = excluded.b_etag, b_hash = excluded.b_hash,"
                      + " updated_at = excluded.updated_at")) {
            ps.setString(1, pairId);
            ps.setString(2, status.uid());
            ps.setString(3, status.a().href());
            ps.setString(4, status.a().etag());
            ps.setString(5, status.a().hash());
            ps.setString(6, status.b().href());
            ps.setString(7, status.b().etag());
            ps.setString(8, status.b().hash());
            ps.setString(9, timestamp(db.now()));
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void removeItem(String uid) {
    Objects.requireNonNull(uid, "uid");
    update("forget the status of " + uid, "DELETE FROM item_status WHERE pair_id = ? AND uid = ?", uid);
  }

  @Override
  public Optional<String> syncToken(Side side) {
    Objects.requireNonNull(side, "side");
    return db.sql(
        "read the " + side.label() + " sync token",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT token FROM sync_token WHERE pair_id = ? AND side = ?")) {
            ps.setString(1, pairId);
            ps.setString(2, side.name());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public void putSyncToken(Side side, String token) {
    Objects.requireNonNull(side, "side");
    if (token == null) {
      update(
          "forget the " + side.label() + " sync token",
          "DELETE FROM sync_token WHERE pair_id = ? AND side = ?",
          side.name());
      return;
    }
    db.sql(
        "record the " + side.label() + " sync token",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO sync_token (pair_id, side, token, updated_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (pair_id, side) DO UPDATE SET"
                      + " token = excluded.token, updated_at = excluded.updated_at")) {
            ps.setString(1, pairId);
            ps.setString(2, side.name());
            ps.setString(3, token);
            ps.setString(4, timestamp(db.now()));
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<Conflict> conflicts() {
    return db.sql(
        "list the conflicts of pair " + pairId,
        c -> {
          List<Conflict> conflicts = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + CONFLICT_COLUMNS + " FROM conflict WHERE pair_id = ? ORDER BY rowid")) {
            ps.setString(1, pairId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                conflicts.add(conflict(rs));
              }
            }
          }
          return conflicts;
        });
  }

  @Override
  public Optional<Conflict> conflict(String id) {
    Objects.requireNonNull(id, "id");
    return db.sql(
        "read conflict " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + CONFLICT_COLUMNS + " FROM conflict WHERE pair_id = ? AND id = ?")) {
            ps.setString(1, pairId);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(conflict(rs)) : Optional.<Conflict>empty();
            }
          }
        });
  }

  @Override
  public void putConflict(Conflict conflict) {
    Objects.requireNonNull(conflict, "conflict");
    db.sql(
        "record conflict " + conflict.id(),
        c -> {
          // An upsert, not INSERT OR REPLACE: the row keeps its rowid, so the conflict keeps its
          // place in the listing.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO conflict (pair_id, "
                      + CONFLICT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (pair_id, id) DO UPDATE SET"
                      + " uid = excluded.uid, summary = excluded.summary,"
                      + " detected_at = excluded.detected_at,"
                      + " a_href = excluded.a_href, a_etag = excluded.a_etag,"
                      + " a_hash = excluded.a_hash, a_text = excluded.a_text,"
                      + " b_href = excluded.b_href, b_etag = excluded.b_etag,"
                      + " b_hash = excluded.b_hash, b_text = excluded.b_text,"
                      + " resolution = excluded.resolution, resolved_at = excluded.resolved_at")) {
            int i = 1;
            ps.setString(i++, pairId);
            ps.setString(i++, conflict.id());
            ps.setString(i++, conflict.uid());
            ps.setString(i++, conflict.summary());
            ps.setString(i++, timestamp(conflict.detectedAt()));
            for (ConflictVersion v : List.of(conflict.a(), conflict.b())) {
              ps.setString(i++, v.href());
              ps.setString(i++, v.etag());
              ps.setString(i++, v.hash());
              ps.setString(i++, v.text());
            }
            ps.setString(i++, conflict.resolution() == null ? null : conflict.resolution().name());
            ps.setString(i, timestamp(conflict.resolvedAt()));
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public void removeConflict(String id) {
    Objects.requireNonNull(id, "id");
    update("forget conflict " + id, "DELETE FROM conflict WHERE pair_id = ? AND id = ?", id);
  }

  @Override
  public Optional<SyncedMetadata> metadata() {
    return db.sql(
        "read the calendar metadata of pair " + pairId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + METADATA_COLUMNS + " FROM pair_metadata WHERE pair_id = ?")) {
            ps.setString(1, pairId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.<SyncedMetadata>empty();
              }
              return Optional.of(
                  new SyncedMetadata(
                      new MetadataValues(text(rs, 1), text(rs, 2), text(rs, 3)),
                      new MetadataValues(text(rs, 4), text(rs, 5), text(rs, 6))));
            }
          }
        });
  }

  @Override
  public void putMetadata(SyncedMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    db.sql(
        "record the calendar metadata of pair " + pairId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO pair_metadata (pair_id, "
                      + METADATA_COLUMNS
                      + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (pair_id) DO UPDATE SET"
                      + " a_name = excluded.a_name, a_color = excluded.a_color,"
                      + " a_description = excluded.a_description, b_name = excluded.b_name,"
                      + " b_color = excluded.b_color, b_description = excluded.b_description,"
                      + " updated_at = excluded.updated_at")) {
            int i = 1;
            ps.setString(i++, pairId);
            for (MetadataValues v : List.of(metadata.a(), metadata.b())) {
              ps.setString(i++, v.name());
              ps.setString(i++, v.color());
              ps.setString(i++, v.description());
            }
            ps.setString(i, timestamp(db.now()));
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public <T> T transaction(Supplier<T> work) {
    return db.transaction(work);
  }

  @Override
  public String toString() {
    return "SqliteStatusStore[" + db.file() + ", pair " + pairId + "]";
  }

  private void update(String what, String sql, String key) {
    db.sql(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pairId);
            ps.setString(2, key);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * A TEXT column. sqlite-jdbc's {@code getBytes} plus decoding here is several times faster than
   * its {@code getString}, which matters for {@link #items()} on large calendars.
   */
  private static String text(ResultSet rs, int column) throws SQLException {
    byte[] bytes = rs.getBytes(column);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static Conflict conflict(ResultSet rs) throws SQLException {
    String resolution = rs.getString(13);
    return new Conflict(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        instant(rs.getString(4)),
        new ConflictVersion(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)),
        new ConflictVersion(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)),
        resolution == null ? null : Side.valueOf(resolution),
        instant(rs.getString(14)));
  }
}
