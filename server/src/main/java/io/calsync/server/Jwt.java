package io.calsync.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JSON Web Tokens (RFC 7519) signed with HMAC-SHA256 and {@code JWT_SECRET}: short-lived
 * credentials for the web UI, scripts and agents, issued by {@code calsync admin token}.
 *
 * <p>Only {@code HS256} is accepted: the algorithm is fixed here, never taken from the token, so
 * {@code alg: none} and algorithm-confusion tokens are refused. The signature is checked (in
 * constant time) before the claims are read. Claims: {@code sub}, {@code role} ({@code admin},
 * {@code read} or {@code agent}), {@code agent_id} (agent tokens), {@code iat}, and {@code exp},
 * which is required: a token that never expires cannot be taken back, since JWTs are not stored.
 * Clocks of issuer and master may differ by up to {@link #LEEWAY}.
 */
public final class Jwt {
  public static final int MIN_SECRET_BYTES = 32;
  public static final Duration LEEWAY = Duration.ofSeconds(30);
  public static final Set<String> ROLES = Set.of("admin", "read", "agent");
  private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The claims calsync reads; {@code agentId} is null unless {@code role} is {@code agent}. */
  public record Claims(String subject, String role, String agentId, Instant issuedAt, Instant expiresAt) {}

  /** A token that is refused; the message says why, never what the token was. */
  public static final class InvalidToken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidToken(String reason) {
      super(reason);
    }
  }

  private final SecretKeySpec key;
  private final Clock clock;

  /** @throws ConfigException naming {@code JWT_SECRET} when it is shorter than 32 bytes */
  public Jwt(String secret, Clock clock) {
    this.key = new SecretKeySpec(requireStrong(secret), "HmacSHA256");
    this.clock = clock;
  }

  /** The secret's bytes, if it is long enough for HS256 (RFC 7518 §3.2: at least the hash size). */
  static byte[] requireStrong(String secret) {
    byte[] bytes = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new ConfigException("JWT_SECRET", "must be at least " + MIN_SECRET_BYTES + " bytes (it has " + bytes.length
          + "); make one with: openssl rand -base64 48");
    }
    return bytes;
  }

  /** Signs a token for {@code role} valid for {@code ttl} from now. */
  public String sign(String subject, String role, String agentId, Duration ttl) {
    checkClaims(subject, role, agentId);
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("the token's lifetime must be positive");
    Instant now = clock.instant();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", subject);
    claims.put("role", role);
    if (agentId != null) claims.put("agent_id", agentId);
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.plus(ttl).getEpochSecond());
    try {
      String signingInput = B64.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
          + B64.encodeToString(JSON.writeValueAsBytes(claims));
      return signingInput + "." + B64.encodeToString(mac(signingInput));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JWT claims", e);
    }
  }

  /** True when {@code token} has the shape of a JWT (three dot-separated parts, the first a JSON header). */
  static boolean looksLikeJwt(String token) {
    return token.startsWith("eyJ") && token.chars().filter(ch -> ch == '.').count() == 2;
  }

  /** Checks algorithm, signature and times, and returns the claims. */
  public Claims verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) throw new InvalidToken("not a JWT (it needs three dot-separated parts)");
    JsonNode header = decodeJson(parts[0], "header");
    if (!"HS256".equals(header.path("alg").asText(null))) {
      throw new InvalidToken("only HS256-signed tokens are accepted (this one says alg "
          + SyncService.abbreviate(header.path("alg").asText("missing")) + ")");
    }
    if (header.has("crit")) throw new InvalidToken("critical header extensions are not supported");
    byte[] signature;
    try {
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidToken("the signature is not base64url");
    }
    if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), signature)) {
      throw new InvalidToken("bad signature (signed with another JWT_SECRET, or altered)");
    }
    JsonNode claims = decodeJson(parts[1], "claims");
    Instant now = clock.instant();
    Instant exp = time(claims, "exp", true);
    if (now.isAfter(exp.plus(LEEWAY))) throw new InvalidToken("expired at " + exp);
    Instant iat = time(claims, "iat", false);
    if (iat != null && iat.isAfter(now.plus(LEEWAY))) throw new InvalidToken("issued in the future (" + iat + ")");
    Instant nbf = time(claims, "nbf", false);
    if (nbf != null && nbf.isAfter(now.plus(LEEWAY))) throw new InvalidToken("not valid before " + nbf);
    String subject = claims.path("sub").asText(null);
    String role = claims.path("role").asText(null);
    String agentId = claims.path("agent_id").asText(null);
    try {
      checkClaims(subject, role, agentId);
    } catch (IllegalArgumentException e) {
      throw new InvalidToken(e.getMessage());
    }
    return new Claims(subject, role, agentId, iat, exp);
  }

  private static void checkClaims(String subject, String role, String agentId) {
    if (subject == null || subject.isBlank()) throw new IllegalArgumentException("the token needs a subject (sub)");
    if (!ROLES.contains(role)) throw new IllegalArgumentException("role must be admin, read or agent");
    if (role.equals("agent") != (agentId != null)) {
      throw new IllegalArgumentException("agent_id is required for role agent, and only for it");
    }
    if (agentId != null) SyncService.checkId("agent_id", agentId);
  }

  private static JsonNode decodeJson(String part, String what) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) throw new InvalidToken("the " + what + " is not a JSON object");
      return node;
    } catch (IllegalArgumentException | IOException e) {
      throw new InvalidToken("the " + what + " is not base64url-encoded JSON");
    }
  }

  private static Instant time(JsonNode claims, String name, boolean required) {
    JsonNode v = claims.get(name);
    if (v == null || v.isNull()) {
      if (required) throw new InvalidToken("the token has no " + name + " claim");
      return null;
    }
    if (!v.canConvertToLong()) throw new InvalidToken(name + " must be seconds since the epoch");
    return Instant.ofEpochSecond(v.asLong());
  }

  private byte[] mac(String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
