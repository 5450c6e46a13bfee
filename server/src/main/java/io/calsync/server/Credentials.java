package io.calsync.server;

import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.AgentRepository;
import io.calsync.server.store.ApiKeyRepository;
import io.calsync.server.store.ApiKeyRepository.StoredKey;
import io.calsync.server.store.Database;
import io.calsync.server.store.SqliteActivityLog;
import io.calsync.server.store.SqliteAgentRepository;
import io.calsync.server.store.SqliteApiKeyRepository;
import io.calsync.server.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues, checks and revokes the credentials stored in the master's DB: agent secrets and named
 * API keys. The {@code /admin} endpoints and {@code calsync admin} both work through this class,
 * so a key made on the command line behaves exactly like one made over HTTP (and takes effect in a
 * running master at once: nothing is cached).
 *
 * <p>Token formats: agent secrets are {@code csa_<secret_id>.<secret>}, API keys {@code
 * cak_<id>.<secret>}. The public id before the dot finds the stored salted hash; the secret is 256
 * random bits. Secrets are returned once, when issued, and never stored, logged or listed.
 */
public final class Credentials {
  static final String AGENT_PREFIX = "csa_";
  static final String API_KEY_PREFIX = "cak_";
  private static final int MAX_NAME = 100;
  /** last_used_at is a hint for spotting unused keys, so one write a minute per key is plenty. */
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  /** What an API key may do: {@code admin} everything an admin may, {@code read} GET requests only. */
  public enum Role {
    ADMIN,
    READ;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin} or {@code read} (any case); anything else is a 400 naming the field. */
    public static Role parse(String field, String value) {
      for (Role r : values()) {
        if (r.wireName().equalsIgnoreCase(value == null ? "" : value.strip())) return r;
      }
      throw ApiException.badRequest(field, field + " must be admin or read (got "
          + (value == null ? "nothing" : "'" + SyncService.abbreviate(value) + "'") + ")");
    }
  }

  /** A newly issued agent secret; {@code registered} when the agent was unknown until now. */
  public record IssuedAgentSecret(String agentId, String secret, boolean registered) {}

  /** A newly created API key: {@code key} is shown once. */
  public record IssuedApiKey(ApiKeyInfo info, String key) {}

  /** What may be shown of an API key: everything but the secret and its hash. */
  public record ApiKeyInfo(String id, String name, Role role, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
    public boolean revoked() {
      return revokedAt != null;
    }
  }

  private final Transactions tx;
  private final AgentRepository agents;
  private final ApiKeyRepository apiKeys;
  private final ActivityLog activity;
  private final Clock clock;

  public Credentials(Transactions tx, AgentRepository agents, ApiKeyRepository apiKeys, ActivityLog activity, Clock clock) {
    this.tx = tx;
    this.agents = agents;
    this.apiKeys = apiKeys;
    this.activity = activity;
    this.clock = clock;
  }

  /** On the master's SQLite store: what the server and {@code calsync admin} both use. */
  public static Credentials on(Database db, Clock clock) {
    return new Credentials(db, new SqliteAgentRepository(db), new SqliteApiKeyRepository(db), new SqliteActivityLog(db), clock);
  }

  // ---- agent secrets --------------------------------------------------------------------------

  /** Issues a new secret for the agent, replacing any old one; registers the agent if unknown. */
  public IssuedAgentSecret issueAgentSecret(String agentId) {
    SyncService.checkId("agent_id", agentId);
    String secretId = Secrets.randomId(12);
    String secret = Secrets.randomToken(32);
    Secrets.Hashed hashed = Secrets.hash(secret);
    boolean registered = tx.inTransaction(c -> {
      Instant now = clock.instant();
      boolean created = agents.createIfAbsent(agentId, now);
      if (created) activity.record(now, "agent_registered", agentId, null, null, "agent registered by an admin");
      agents.setSecret(agentId, secretId, hashed.salt(), hashed.hash());
      activity.record(now, "agent_secret_issued", agentId, null, null, "agent secret issued (the old one, if any, no longer works)");
      return created;
    });
    return new IssuedAgentSecret(agentId, AGENT_PREFIX + secretId + "." + secret, registered);
  }

  /**
   * Revokes the agent's secret: it cannot authenticate until a new one is issued. Returns false
   * when it had none.
   *
   * @throws ApiException 404 when the agent is unknown
   */
  public boolean revokeAgentSecret(String agentId) {
    SyncService.checkId("agent_id", agentId);
    return tx.inTransaction(c -> {
      var agent = agents.find(agentId).orElseThrow(() -> ApiException.notFound("unknown agent '" + agentId + "'"));
      if (!agent.hasSecret()) return false;
      agents.setSecret(agentId, null, null, null);
      activity.record(clock.instant(), "agent_secret_revoked", agentId, null, null, "agent secret revoked");
      return true;
    });
  }

  /** The agent an agent token belongs to, if the token is valid. */
  Optional<String> agentForToken(String token) {
    return split(token, AGENT_PREFIX)
        .flatMap(parts -> agents.findSecret(parts[0])
            .filter(s -> Secrets.matches(new Secrets.Hashed(s.salt(), s.hash()), parts[1]))
            .map(AgentRepository.StoredSecret::agentId));
  }

  // ---- API keys -------------------------------------------------------------------------------

  /** Creates a named key; the returned {@code key} is the only time it is shown. */
  public IssuedApiKey createApiKey(String name, Role role) {
    String clean = name == null ? "" : name.strip();
    if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("name", "name must be 1-" + MAX_NAME + " printable characters, e.g. 'grafana' or 'backup script'");
    }
    String id = Secrets.randomId(8);
    String secret = Secrets.randomToken(32);
    Secrets.Hashed hashed = Secrets.hash(secret);
    Instant now = clock.instant();
    StoredKey stored = new StoredKey(id, clean, role.wireName(), hashed.salt(), hashed.hash(), now, null, null);
    tx.inTransaction(c -> {
      apiKeys.insert(stored);
      activity.record(now, "api_key_created", null, null, null, "API key " + id + " ('" + clean + "', " + role.wireName() + ") created");
      return null;
    });
    return new IssuedApiKey(info(stored), API_KEY_PREFIX + id + "." + secret);
  }

  /** Every key, revoked ones included; never the secrets. */
  public List<ApiKeyInfo> listApiKeys() {
    return apiKeys.list().stream().map(Credentials::info).toList();
  }

  /**
   * Revokes the key: from now on it is refused with 401. Revoking twice keeps the first time.
   *
   * @throws ApiException 404 when there is no such key
   */
  public ApiKeyInfo revokeApiKey(String id) {
    return tx.inTransaction(c -> {
      if (!apiKeys.revoke(id, clock.instant())) throw ApiException.notFound("no API key with id '" + SyncService.abbreviate(id) + "'");
      activity.record(clock.instant(), "api_key_revoked", null, null, null, "API key " + id + " revoked");
      return info(apiKeys.find(id).orElseThrow());
    });
  }

  /** The key a token belongs to, if the token is valid and the key not revoked. */
  Optional<ApiKeyInfo> apiKeyForToken(String token) {
    Optional<StoredKey> key = split(token, API_KEY_PREFIX)
        .flatMap(parts -> apiKeys.find(parts[0])
            .filter(k -> !k.revoked() && Secrets.matches(new Secrets.Hashed(k.salt(), k.hash()), parts[1])));
    key.ifPresent(this::touch);
    return key.map(Credentials::info);
  }

  private void touch(StoredKey key) {
    Instant now = clock.instant();
    if (key.lastUsedAt() == null || key.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
      apiKeys.touch(key.id(), now);
    }
  }

  /** {@code prefix<id>.<secret>} split into id and secret. */
  private static Optional<String[]> split(String token, String prefix) {
    if (!token.startsWith(prefix)) return Optional.empty();
    int dot = token.indexOf('.', prefix.length());
    if (dot <= prefix.length() || dot == token.length() - 1) return Optional.empty();
    return Optional.of(new String[] {token.substring(prefix.length(), dot), token.substring(dot + 1)});
  }

  private static ApiKeyInfo info(StoredKey k) {
    return new ApiKeyInfo(k.id(), k.name(), Role.parse("role", k.role()), k.createdAt(), k.revokedAt(), k.lastUsedAt());
  }
}
