package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ActivityLog} on the master's SQLite store. */
public final class SqliteActivityLog implements ActivityLog {
  private final Transactions tx;

  public SqliteActivityLog(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void record(Instant at, String kind, String agentId, String calendarId, String updateId, String message) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO activity(at, kind, agent_id, calendar_id, update_id, message) VALUES (?, ?, ?, ?, ?, ?)")) {
        Sql.bind(ps, at, kind, agentId, calendarId, updateId, message);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Entry> recent(int limit) {
    return query("SELECT * FROM activity ORDER BY id DESC LIMIT ?", limit);
  }

  @Override
  public List<Entry> forAgent(String agentId, int limit) {
    return query("SELECT * FROM activity WHERE agent_id = ? ORDER BY id DESC LIMIT ?", agentId, limit);
  }

  @Override
  public void audit(Instant at, String actor, String action, String target, int status, String remote) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO audit(at, actor, action, target, outcome, remote) VALUES (?, ?, ?, ?, ?, ?)")) {
        Sql.bind(ps, at, actor, action, target, status, remote);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public int auditCount() {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit"); ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  private List<Entry> query(String sql, Object... args) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Sql.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          List<Entry> out = new ArrayList<>();
          while (rs.next()) out.add(read(rs));
          return out;
        }
      }
    });
  }

  private static Entry read(ResultSet rs) throws SQLException {
    return new Entry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("kind"), rs.getString("agent_id"),
        rs.getString("calendar_id"), rs.getString("update_id"), rs.getString("message"));
  }
}
