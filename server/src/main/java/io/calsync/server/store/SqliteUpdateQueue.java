package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link UpdateQueue} on the master's SQLite store. */
public final class SqliteUpdateQueue implements UpdateQueue {
  private final Transactions tx;

  public SqliteUpdateQueue(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Update enqueue(String id, String agentId, String type, String payloadJson, Instant now) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO updates(id, agent_id, type, payload, created_at, state, next_attempt_at)"
              + " VALUES (?, ?, ?, ?, ?, 'pending', ?)")) {
        Sql.bind(ps, id, agentId, type, payloadJson, now, now);
        ps.executeUpdate();
      }
      return new Update(id, agentId, type, payloadJson, now, 0, 0, UpdateState.PENDING, now, null, null, null);
    });
  }

  @Override
  public List<Update> deliver(String agentId, Instant now, int limit) {
    return tx.inTransaction(c -> {
      List<Update> due = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM updates WHERE agent_id = ? AND state IN ('pending','delivered') AND next_attempt_at <= ?"
              + " ORDER BY seq LIMIT ?")) {
        Sql.bind(ps, agentId, now, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) due.add(read(rs));
        }
      }
      List<Update> out = new ArrayList<>(due.size());
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE updates SET state = 'delivered', deliveries = deliveries + 1, delivered_at = ? WHERE id = ?")) {
        for (Update u : due) {
          Sql.bind(ps, now, u.id());
          ps.addBatch();
          out.add(new Update(u.id(), u.agentId(), u.type(), u.payloadJson(), u.createdAt(), u.attempts(),
              u.deliveries() + 1, UpdateState.DELIVERED, u.nextAttemptAt(), now, u.processedAt(), u.result()));
        }
        ps.executeBatch();
      }
      return out;
    });
  }

  @Override
  public Optional<Instant> nextDue(String agentId, Instant now) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT MIN(next_attempt_at) FROM updates WHERE agent_id = ? AND state IN ('pending','delivered')"
              + " AND next_attempt_at > ?")) {
        Sql.bind(ps, agentId, now);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          long v = rs.getLong(1);
          return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
        }
      }
    });
  }

  @Override
  public Optional<Update> find(String updateId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM updates WHERE id = ?")) {
        Sql.bind(ps, updateId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void saveOutcome(Update u) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE updates SET state = ?, attempts = ?, next_attempt_at = ?, processed_at = ?, result = ? WHERE id = ?")) {
        Sql.bind(ps, u.state().wireName(), u.attempts(), u.nextAttemptAt(), u.processedAt(), u.result(), u.id());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public int countOpen(String agentId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM updates WHERE agent_id = ? AND state IN ('pending','delivered')")) {
        Sql.bind(ps, agentId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
  }

  @Override
  public Map<String, Integer> countOpenByAgent() {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT agent_id, COUNT(*) FROM updates WHERE state IN ('pending','delivered') GROUP BY agent_id");
          ResultSet rs = ps.executeQuery()) {
        Map<String, Integer> out = new LinkedHashMap<>();
        while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
        return out;
      }
    });
  }

  @Override
  public Map<UpdateState, Integer> countByState() {
    return tx.inTransaction(c -> {
      Map<UpdateState, Integer> out = new EnumMap<>(UpdateState.class);
      for (UpdateState s : UpdateState.values()) out.put(s, 0);
      try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM updates GROUP BY state");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(UpdateState.of(rs.getString(1)), rs.getInt(2));
      }
      return out;
    });
  }

  @Override
  public List<Update> inState(UpdateState state, int limit) {
    return query("SELECT * FROM updates WHERE state = ? ORDER BY seq DESC LIMIT ?", state.wireName(), limit);
  }

  @Override
  public List<Update> history(String agentId, int limit) {
    return query("SELECT * FROM updates WHERE agent_id = ? ORDER BY seq DESC LIMIT ?", agentId, limit);
  }

  @Override
  public int purgeFinishedBefore(Instant cutoff) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM updates WHERE state IN ('processed','rejected') AND processed_at < ?")) {
        Sql.bind(ps, cutoff);
        return ps.executeUpdate();
      }
    });
  }

  private List<Update> query(String sql, Object... args) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Sql.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          List<Update> out = new ArrayList<>();
          while (rs.next()) out.add(read(rs));
          return out;
        }
      }
    });
  }

  private static Update read(ResultSet rs) throws SQLException {
    return new Update(rs.getString("id"), rs.getString("agent_id"), rs.getString("type"), rs.getString("payload"),
        Sql.instant(rs, "created_at"), rs.getInt("attempts"), rs.getInt("deliveries"),
        UpdateState.of(rs.getString("state")), Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "delivered_at"),
        Sql.instant(rs, "processed_at"), rs.getString("result"));
  }
}
