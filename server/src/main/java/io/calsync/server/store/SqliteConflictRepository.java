package io.calsync.server.store;

import io.calsync.server.store.ItemRepository.OriginKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ConflictRepository} on the master's SQLite store. */
public final class SqliteConflictRepository implements ConflictRepository {
  private final Transactions tx;

  public SqliteConflictRepository(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Conflict k) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO conflicts(id, calendar_id, uid, state, strategy, base_version, master_version, master_deleted,"
              + " master_ics, incoming_deleted, incoming_ics, incoming_hash, origin_kind, agent_id, source_name,"
              + " created_at, resolved_at, resolution, resolved_version)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Sql.bind(ps, k.id(), k.calendarId(), k.uid(), k.open() ? "open" : "resolved", k.strategy(), k.baseVersion(),
            k.masterVersion(), k.masterDeleted(), k.masterIcs(), k.incomingDeleted(), k.incomingIcs(),
            k.incomingHash(), k.originKind().wireName(), k.agentId(), k.sourceName(), k.createdAt(), k.resolvedAt(),
            k.resolution() == null ? null : k.resolution().wireName(), k.resolvedVersion());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Conflict> find(String id) {
    return one("SELECT * FROM conflicts WHERE id = ?", id);
  }

  @Override
  public Optional<Conflict> findOpen(String calendarId, String uid, String agentId, String sourceName,
      boolean incomingDeleted, String incomingHash) {
    return one("SELECT * FROM conflicts WHERE state = 'open' AND calendar_id = ? AND uid = ? AND agent_id IS ?"
        + " AND source_name IS ? AND incoming_deleted = ? AND incoming_hash IS ? ORDER BY created_at DESC LIMIT 1",
        calendarId, uid, agentId, sourceName, incomingDeleted, incomingHash);
  }

  @Override
  public List<Conflict> recent(int limit) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM conflicts ORDER BY state = 'open' DESC,"
          + " CASE WHEN state = 'open' THEN created_at ELSE resolved_at END DESC, id LIMIT ?")) {
        Sql.bind(ps, limit);
        try (ResultSet rs = ps.executeQuery()) {
          List<Conflict> out = new ArrayList<>();
          while (rs.next()) out.add(read(rs));
          return out;
        }
      }
    });
  }

  @Override
  public boolean markResolved(Conflict k) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE conflicts SET state = 'resolved', resolved_at = ?,"
          + " resolution = ?, resolved_version = ? WHERE id = ? AND state = 'open'")) {
        Sql.bind(ps, k.resolvedAt(), k.resolution().wireName(), k.resolvedVersion(), k.id());
        return ps.executeUpdate() == 1;
      }
    });
  }

  private Optional<Conflict> one(String sql, Object... args) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Sql.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  private static Conflict read(ResultSet rs) throws SQLException {
    long base = rs.getLong("base_version");
    Long baseVersion = rs.wasNull() ? null : base;
    long resolved = rs.getLong("resolved_version");
    Long resolvedVersion = rs.wasNull() ? null : resolved;
    String resolution = rs.getString("resolution");
    return new Conflict(rs.getString("id"), rs.getString("calendar_id"), rs.getString("uid"),
        "open".equals(rs.getString("state")), rs.getString("strategy"), baseVersion, rs.getLong("master_version"),
        rs.getInt("master_deleted") == 1, rs.getString("master_ics"), rs.getInt("incoming_deleted") == 1,
        rs.getString("incoming_ics"), rs.getString("incoming_hash"), OriginKind.parse(rs.getString("origin_kind")),
        rs.getString("agent_id"), rs.getString("source_name"), Sql.instant(rs, "created_at"),
        Sql.instant(rs, "resolved_at"), resolution == null ? null : Resolution.parse(resolution), resolvedVersion);
  }
}
