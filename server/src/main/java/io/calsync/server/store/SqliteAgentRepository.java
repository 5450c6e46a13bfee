package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AgentRepository} on the master's SQLite store. */
public final class SqliteAgentRepository implements AgentRepository {
  private static final String COLUMNS =
      "id, name, environment, registered_at, last_check_in, config, secret_hash IS NOT NULL AS has_secret";
  private final Transactions tx;

  public SqliteAgentRepository(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Agent> find(String agentId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agents WHERE id = ?")) {
        Sql.bind(ps, agentId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<Agent> list() {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM agents ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        List<Agent> out = new ArrayList<>();
        while (rs.next()) out.add(read(rs));
        return out;
      }
    });
  }

  @Override
  public boolean createIfAbsent(String agentId, Instant now) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO agents(id, registered_at) VALUES (?, ?) ON CONFLICT(id) DO NOTHING")) {
        Sql.bind(ps, agentId, now);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void checkIn(String agentId, String name, String environment, String configJson, Instant now) {
    tx.inTransaction(c -> {
      createIfAbsent(agentId, now);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE agents SET name = COALESCE(?, name), environment = COALESCE(?, environment),"
              + " config = COALESCE(?, config), last_check_in = ? WHERE id = ?")) {
        Sql.bind(ps, name, environment, configJson, now, agentId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void touch(Map<String, Instant> checkIns) {
    if (checkIns.isEmpty()) return;
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE agents SET last_check_in = MAX(COALESCE(last_check_in, 0), ?) WHERE id = ?")) {
        for (Map.Entry<String, Instant> e : checkIns.entrySet()) {
          Sql.bind(ps, e.getValue(), e.getKey());
          ps.addBatch();
        }
        return ps.executeBatch();
      }
    });
  }

  @Override
  public void setSecret(String agentId, String secretId, String salt, String hash) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE agents SET secret_id = ?, secret_salt = ?, secret_hash = ? WHERE id = ?")) {
        Sql.bind(ps, secretId, salt, hash, agentId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<StoredSecret> findSecret(String secretId) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, secret_id, secret_salt, secret_hash FROM agents WHERE secret_id = ?")) {
        Sql.bind(ps, secretId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new StoredSecret(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
              : Optional.empty();
        }
      }
    });
  }

  private static Agent read(ResultSet rs) throws SQLException {
    return new Agent(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("environment"),
        Sql.instant(rs, "registered_at"),
        Sql.instant(rs, "last_check_in"),
        rs.getString("config"),
        rs.getInt("has_secret") == 1);
  }
}
