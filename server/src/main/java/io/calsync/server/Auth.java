package io.calsync.server;

import io.calsync.server.store.AgentRepository;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling. Admins present the key in {@code DATA_DIR/admin.key}; agents present the token
 * issued by {@code POST /admin/agents/{agent_id}/secret}. Either goes in {@code X-API-Key} or
 * {@code Authorization: Bearer}.
 *
 * <p>An agent token is {@code csa_<secret_id>.<secret>}: the public {@code secret_id} finds the
 * agent, and only {@code SHA-256(salt || secret)} is stored. The secret is 256 random bits, so a
 * fast salted hash is enough (a slow KDF protects low-entropy passwords, not random keys).
 * Comparisons are constant-time. No credential is ever logged.
 */
final class Auth {
  private static final Logger log = LoggerFactory.getLogger(Auth.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String AGENT_PREFIX = "csa_";

  /** The authenticated caller. */
  sealed interface Principal {
    String name();
  }

  record Admin() implements Principal {
    public String name() {
      return "admin";
    }
  }

  record AgentPrincipal(String agentId) implements Principal {
    public String name() {
      return "agent:" + agentId;
    }
  }

  record Anonymous() implements Principal {
    public String name() {
      return "anonymous";
    }
  }

  /** A newly issued agent secret, returned once. */
  record IssuedSecret(String agentId, String token) {}

  static final String ATTRIBUTE = "calsync.principal";

  private final ServerConfig config;
  private final AgentRepository agents;
  private final byte[] adminKeyDigest;

  Auth(ServerConfig config, AgentRepository agents) {
    this.config = config;
    this.agents = agents;
    this.adminKeyDigest = config.authEnabled() ? sha256(loadOrCreateAdminKey(config.dataDir()).getBytes(StandardCharsets.UTF_8)) : null;
    if (!config.authEnabled()) {
      log.warn("AUTH_ENABLED=false: every endpoint is open and agents register themselves on their first heartbeat;"
          + " use this only on a trusted network");
    }
  }

  /** Reads {@code admin.key}, creating it (mode 0600) with a random key on first start. */
  static String loadOrCreateAdminKey(Path dataDir) {
    Path file = dataDir.resolve("admin.key");
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        String key = "csk_" + random(32);
        try {
          try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not POSIX (Windows): the file inherits the directory's ACL
          }
          Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
          log.info("created the admin API key in {} (readable by this user only); send it as X-API-Key", file.toAbsolutePath());
          return key;
        } catch (FileAlreadyExistsException raced) {
          // another process created it first: read theirs
        }
      }
      String key = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) throw new ConfigException("DATA_DIR", file + " is empty: delete it to have a new admin key created");
      log.info("admin API key: {}", file.toAbsolutePath());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin key " + file, e);
    }
  }

  /** Authenticates the request's credential, if any; a wrong one is 401. */
  Principal principal(Context ctx) {
    Object cached = ctx.attribute(ATTRIBUTE);
    if (cached instanceof Principal p) return p;
    Principal p = resolve(credential(ctx));
    ctx.attribute(ATTRIBUTE, p);
    return p;
  }

  private Principal resolve(String credential) {
    if (credential == null) return new Anonymous();
    if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, sha256(credential.getBytes(StandardCharsets.UTF_8)))) {
      return new Admin();
    }
    if (credential.startsWith(AGENT_PREFIX)) {
      int dot = credential.indexOf('.');
      if (dot > AGENT_PREFIX.length()) {
        String secretId = credential.substring(AGENT_PREFIX.length(), dot);
        String secret = credential.substring(dot + 1);
        var stored = agents.findSecret(secretId);
        if (stored.isPresent() && MessageDigest.isEqual(
            HexFormat.of().parseHex(stored.get().hash()), hash(stored.get().salt(), secret))) {
          return new AgentPrincipal(stored.get().agentId());
        }
      }
    }
    throw ApiException.unauthorized("the API key or agent secret is not valid");
  }

  private static String credential(Context ctx) {
    String key = ctx.header("X-API-Key");
    if (key != null && !key.isBlank()) return key.strip();
    String authz = ctx.header("Authorization");
    if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) return authz.substring(7).strip();
    return null;
  }

  /** Admin only. */
  void requireAdmin(Context ctx) {
    if (!config.authEnabled()) return;
    switch (principal(ctx)) {
      case Admin a -> { }
      case Anonymous a -> throw missing();
      case AgentPrincipal a -> throw ApiException.forbidden("this endpoint needs the admin API key, not an agent secret");
    }
  }

  /** Admin for reads; open when {@code API_KEY_REQUIRED=false}. */
  void requireAdminRead(Context ctx) {
    if (!config.authEnabled() || !config.apiKeyRequired()) {
      if (config.authEnabled()) principal(ctx); // still reject a wrong credential
      return;
    }
    requireAdmin(ctx);
  }

  /** The admin or the agent itself. */
  void requireAgentOrAdmin(Context ctx, String agentId) {
    if (!config.authEnabled()) return;
    switch (principal(ctx)) {
      case Admin a -> { }
      case Anonymous a -> throw missing();
      case AgentPrincipal a -> {
        if (!a.agentId().equals(agentId)) {
          throw ApiException.forbidden("agent '" + a.agentId() + "' may only use its own queue, not that of '" + agentId + "'");
        }
      }
    }
  }

  private static ApiException missing() {
    return ApiException.unauthorized("send the admin API key (DATA_DIR/admin.key) or the agent secret in X-API-Key or"
        + " Authorization: Bearer");
  }

  /** Issues a new secret for the agent (replacing any old one). */
  IssuedSecret issue(String agentId) {
    String secretId = HexFormat.of().formatHex(randomBytes(12));
    String secret = random(32);
    String salt = HexFormat.of().formatHex(randomBytes(16));
    agents.setSecret(agentId, secretId, salt, HexFormat.of().formatHex(hash(salt, secret)));
    return new IssuedSecret(agentId, AGENT_PREFIX + secretId + "." + secret);
  }

  private static byte[] hash(String saltHex, String secret) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(HexFormat.of().parseHex(saltHex));
      return md.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String random(int n) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(n));
  }
}
