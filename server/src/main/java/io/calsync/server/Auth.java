package io.calsync.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling, and what they may do. A credential goes in {@code X-API-Key} or {@code
 * Authorization: Bearer} and is one of:
 *
 * <ul>
 *   <li>the admin key in {@code DATA_DIR/admin.key} (created on first start): admin;
 *   <li>an API key {@code cak_…} ({@link Credentials#createApiKey}): admin, or read (GET only);
 *   <li>an agent secret {@code csa_…} ({@link Credentials#issueAgentSecret}): that agent only;
 *   <li>a JWT signed with {@code JWT_SECRET} ({@link Jwt}): its {@code role}.
 * </ul>
 *
 * <p>A credential that is presented but wrong (unknown, revoked, expired, badly signed) is 401 even
 * on endpoints that need none, so a client learns about it at once. No credential is ever logged:
 * messages say why a credential was refused, never what it was.
 */
public final class Auth {
  private static final Logger log = LoggerFactory.getLogger(Auth.class);

  /** The authenticated caller; {@link #name()} goes to the audit log. */
  public sealed interface Principal {
    String name();
  }

  /** May do everything: the admin key, an admin API key or an admin JWT. */
  public record Admin(String name) implements Principal {}

  /** A read API key or read JWT: GET requests only. */
  public record Reader(String name) implements Principal {}

  public record AgentPrincipal(String agentId) implements Principal {
    public String name() {
      return "agent:" + agentId;
    }
  }

  public record Anonymous() implements Principal {
    public String name() {
      return "anonymous";
    }
  }

  static final String ATTRIBUTE = "calsync.principal";

  private final ServerConfig config;
  private final Credentials credentials;
  private final byte[] adminKeyDigest;
  private final Jwt jwt;

  Auth(ServerConfig config, Credentials credentials, Clock clock) {
    this.config = config;
    this.credentials = credentials;
    this.adminKeyDigest = config.authEnabled() ? Secrets.sha256(loadOrCreateAdminKey(config.dataDir())) : null;
    this.jwt = config.jwtSecret() == null ? null : new Jwt(config.jwtSecret(), clock);
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
        String key = "csk_" + Secrets.randomToken(32);
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
  public Principal principal(Context ctx) {
    Object cached = ctx.attribute(ATTRIBUTE);
    if (cached instanceof Principal p) return p;
    Principal p = resolve(credential(ctx));
    ctx.attribute(ATTRIBUTE, p);
    return p;
  }

  /** Who a credential belongs to (anonymous for null); a wrong credential is a 401 {@link ApiException}. */
  Principal resolve(String credential) {
    if (credential == null) return new Anonymous();
    if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, Secrets.sha256(credential))) {
      return new Admin("admin");
    }
    if (credential.startsWith(Credentials.AGENT_PREFIX)) {
      return credentials.agentForToken(credential).<Principal>map(AgentPrincipal::new)
          .orElseThrow(() -> ApiException.unauthorized("the agent secret is not valid (revoked, replaced or mistyped)"));
    }
    if (credential.startsWith(Credentials.API_KEY_PREFIX)) {
      return credentials.apiKeyForToken(credential)
          .map(k -> k.role() == Credentials.Role.ADMIN ? (Principal) new Admin("api-key:" + k.id()) : new Reader("api-key:" + k.id()))
          .orElseThrow(() -> ApiException.unauthorized("the API key is not valid (revoked or mistyped)"));
    }
    if (Jwt.looksLikeJwt(credential)) return fromJwt(credential);
    throw ApiException.unauthorized("the API key or agent secret is not valid");
  }

  private Principal fromJwt(String token) {
    if (jwt == null) throw ApiException.unauthorized("this master accepts no JWTs: JWT_SECRET is not set");
    Jwt.Claims claims;
    try {
      claims = jwt.verify(token);
    } catch (Jwt.InvalidToken e) {
      throw ApiException.unauthorized("the JWT is not valid: " + e.getMessage());
    }
    return switch (claims.role()) {
      case "admin" -> new Admin("jwt:" + claims.subject());
      case "read" -> new Reader("jwt:" + claims.subject());
      default -> new AgentPrincipal(claims.agentId());
    };
  }

  private static String credential(Context ctx) {
    String key = ctx.header("X-API-Key");
    if (key != null && !key.isBlank()) return key.strip();
    String authz = ctx.header("Authorization");
    if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) return authz.substring(7).strip();
    if (authz != null && authz.regionMatches(true, 0, "Basic ", 0, 6)) return basicPassword(authz.substring(6).strip());
    return null;
  }

  /**
   * CalDAV and webcal clients can only send HTTP Basic: the password is the credential (the admin
   * key, an API key, an agent secret or a JWT) and the user name is ignored.
   */
  private static String basicPassword(String encoded) {
    String decoded;
    try {
      decoded = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.unauthorized("the Basic credentials are not valid base64");
    }
    int colon = decoded.indexOf(':');
    String password = colon < 0 ? "" : decoded.substring(colon + 1).strip();
    if (password.isEmpty()) throw ApiException.unauthorized("send the API key (or admin key) as the Basic password");
    return password;
  }

  /** Admin only. */
  void requireAdmin(Context ctx) {
    if (!config.authEnabled()) return;
    switch (principal(ctx)) {
      case Admin a -> { }
      case Reader r -> throw readOnly(ctx);
      case Anonymous a -> throw missing();
      case AgentPrincipal a -> throw ApiException.forbidden("this endpoint needs an admin credential, not an agent secret");
    }
  }

  /** Admin or reader; open when {@code API_KEY_REQUIRED=false}. */
  void requireAdminRead(Context ctx) {
    if (!config.authEnabled() || !config.apiKeyRequired()) {
      if (config.authEnabled()) principal(ctx); // still reject a wrong credential
      return;
    }
    if (principal(ctx) instanceof Reader) return;
    requireAdmin(ctx);
  }

  /** The admin, the agent itself, or a reader for GET requests. */
  void requireAgentOrAdmin(Context ctx, String agentId) {
    requireAgentOrAdmin(ctx, agentId, true);
  }

  /**
   * The admin or the agent itself: for {@code pending-updates}, a GET that hands updates out (marks
   * them delivered), which a read-only credential must not do.
   */
  void requireAgentOrAdminToTakeUpdates(Context ctx, String agentId) {
    requireAgentOrAdmin(ctx, agentId, false);
  }

  private void requireAgentOrAdmin(Context ctx, String agentId, boolean readersMayGet) {
    if (!config.authEnabled()) return;
    switch (principal(ctx)) {
      case Admin a -> { }
      case Reader r -> {
        if (!readersMayGet) {
          throw ApiException.forbidden("a read-only API key or token may not take updates off an agent's queue;"
              + " see them with GET /sync/agents/" + agentId + "/history");
        }
        if (ctx.method() != HandlerType.GET) throw readOnly(ctx);
      }
      case Anonymous a -> throw missing();
      case AgentPrincipal a -> {
        if (!a.agentId().equals(agentId)) {
          throw ApiException.forbidden("agent '" + a.agentId() + "' may only use its own queue, not that of '" + agentId + "'");
        }
      }
    }
  }

  private static ApiException readOnly(Context ctx) {
    return ApiException.forbidden("a read-only API key or token may only call GET endpoints, not " + ctx.method());
  }

  private static ApiException missing() {
    return ApiException.unauthorized("send the admin API key (DATA_DIR/admin.key), an API key, a JWT or the agent"
        + " secret in X-API-Key or Authorization: Bearer");
  }
}
