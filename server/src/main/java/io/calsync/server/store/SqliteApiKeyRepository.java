package io.calsync.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ApiKeyRepository} on the master's SQLite store (table {@code api_keys}, migration V3). */
public final class SqliteApiKeyRepository implements ApiKeyRepository {
  private static final String COLUMNS = "id, name, role, salt, hash, created_at, revoked_at, last_used_at";
  private final Transactions tx;

  public SqliteApiKeyRepository(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public void insert(StoredKey k) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO api_keys(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        Sql.bind(ps, k.id(), k.name(), k.role(), k.salt(), k.hash(), k.createdAt(), k.revokedAt(), k.lastUsedAt());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<StoredKey> find(String id) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
        Sql.bind(ps, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<StoredKey> list() {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id");
          ResultSet rs = ps.executeQuery()) {
        List<StoredKey> out = new ArrayList<>();
        while (rs.next()) out.add(read(rs));
        return out;
      }
    });
  }

  @Override
  public boolean revoke(String id, Instant now) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
        Sql.bind(ps, now, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void touch(String id, Instant now) {
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
        Sql.bind(ps, now, id);
        return ps.executeUpdate();
      }
    });
  }

  private static StoredKey read(ResultSet rs) throws SQLException {
    return new StoredKey(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("role"),
        rs.getString("salt"),
        rs.getString("hash"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "revoked_at"),
        Sql.instant(rs, "last_used_at"));
  }
}
