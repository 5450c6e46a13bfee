package io.calsync.server.feeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.calsync.server.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Secret feed tokens (table {@code feed_tokens}, migration V6). A token is 256 random bits shown
 * once; only its SHA-256 is stored, which is also how a request's token is found.
 */
final class FeedTokenStore {
  static final String PREFIX = "cft_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final TypeReference<List<String>> IDS = new TypeReference<>() {};

  /** A new token's record and its secret, which is not kept. */
  record Issued(FeedToken token, String secret) {}

  private final Transactions tx;
  private final ObjectMapper json;

  FeedTokenStore(Transactions tx, ObjectMapper json) {
    this.tx = tx;
    this.json = json;
  }

  Issued create(String name, boolean all, List<String> calendarIds, boolean busyOnly, Instant now) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byte[] idBytes = new byte[8];
    RANDOM.nextBytes(idBytes);
    FeedToken token = new FeedToken("ft-" + HexFormat.of().formatHex(idBytes), name, all, calendarIds, busyOnly, now);
    tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO feed_tokens(id, token_hash, name, all_calendars,"
          + " calendar_ids, busy_only, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, token.id());
        ps.setString(2, hash(secret));
        ps.setString(3, name);
        ps.setInt(4, all ? 1 : 0);
        ps.setString(5, json.writeValueAsString(calendarIds));
        ps.setInt(6, busyOnly ? 1 : 0);
        ps.setLong(7, now.toEpochMilli());
        return ps.executeUpdate();
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    });
    return new Issued(token, secret);
  }

  Optional<FeedToken> findBySecret(String secret) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM feed_tokens WHERE token_hash = ?")) {
        ps.setString(1, hash(secret));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<FeedToken>empty();
        }
      }
    });
  }

  List<FeedToken> list() {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM feed_tokens ORDER BY created_at, id");
          ResultSet rs = ps.executeQuery()) {
        List<FeedToken> out = new ArrayList<>();
        while (rs.next()) out.add(read(rs));
        return out;
      }
    });
  }

  /** False when there was no such token. */
  boolean delete(String id) {
    return tx.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM feed_tokens WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private FeedToken read(ResultSet rs) throws SQLException {
    List<String> ids;
    try {
      ids = json.readValue(rs.getString("calendar_ids"), IDS);
    } catch (JsonProcessingException e) {
      throw new SQLException("feed_tokens.calendar_ids is not a JSON array", e);
    }
    return new FeedToken(rs.getString("id"), rs.getString("name"), rs.getInt("all_calendars") == 1, ids,
        rs.getInt("busy_only") == 1, Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
