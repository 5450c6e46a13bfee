package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  final Jwt jwt = new Jwt(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  /** A token with any header and claims, HS256-signed with {@code secret}: what an attacker could send. */
  static String craft(String headerJson, String claimsJson, String secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  static String claims(Instant exp) {
    return "{\"sub\":\"ops\",\"role\":\"admin\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + exp.getEpochSecond() + "}";
  }

  @Test
  void signedToken_verifiesWithItsClaims() {
    String token = jwt.sign("office-pc", "agent", "office-pc", Duration.ofHours(1));
    Jwt.Claims c = jwt.verify(token);
    assertThat(c.subject()).isEqualTo("office-pc");
    assertThat(c.role()).isEqualTo("agent");
    assertThat(c.agentId()).isEqualTo("office-pc");
    assertThat(c.issuedAt()).isEqualTo(NOW);
    assertThat(c.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(Jwt.looksLikeJwt(token)).isTrue();
  }

  @Test
  void algNone_isRefused_evenWithoutSignature() throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String unsigned = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims(NOW.plusSeconds(600)).getBytes(StandardCharsets.UTF_8)) + ".";
    assertThatThrownBy(() -> jwt.verify(unsigned)).isInstanceOf(Jwt.InvalidToken.class).hasMessageContaining("HS256");
  }

  @Test
  void otherAlgorithmInHeader_isRefused_evenWhenTheMacMatches() throws Exception {
    String token = craft("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims(NOW.plusSeconds(600)), SECRET);
    assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(Jwt.InvalidToken.class).hasMessageContaining("HS512");
  }

  @Test
  void tokenSignedWithAnotherSecret_isRefused() throws Exception {
    String token = craft("{\"alg\":\"HS256\"}", claims(NOW.plusSeconds(600)), "another-secret-another-secret-another");
    assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(Jwt.InvalidToken.class).hasMessageContaining("bad signature");
  }

  @Test
  void alteredClaims_breakTheSignature() {
    String token = jwt.sign("reader", "read", null, Duration.ofHours(1));
    String[] parts = token.split("\\.");
    String admin = Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims(NOW.plusSeconds(600)).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> jwt.verify(parts[0] + "." + admin + "." + parts[2])).hasMessageContaining("bad signature");
  }

  @Test
  void expiredToken_isRefusedAfterTheLeeway_acceptedWithinIt() throws Exception {
    String justExpired = craft("{\"alg\":\"HS256\"}", claims(NOW.minusSeconds(10)), SECRET);
    assertThat(jwt.verify(justExpired).role()).as("10 s of clock skew is tolerated").isEqualTo("admin");
    String expired = craft("{\"alg\":\"HS256\"}", claims(NOW.minus(Jwt.LEEWAY).minusSeconds(1)), SECRET);
    assertThatThrownBy(() -> jwt.verify(expired)).isInstanceOf(Jwt.InvalidToken.class).hasMessageContaining("expired");
  }

  @Test
  void tokenWithoutExp_isRefused() throws Exception {
    String token = craft("{\"alg\":\"HS256\"}", "{\"sub\":\"ops\",\"role\":\"admin\"}", SECRET);
    assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(Jwt.InvalidToken.class).hasMessageContaining("exp");
  }

  @Test
  void agentRoleWithoutAgentId_orUnknownRole_isRefused() throws Exception {
    long exp = NOW.plusSeconds(600).getEpochSecond();
    String noAgent = craft("{\"alg\":\"HS256\"}", "{\"sub\":\"x\",\"role\":\"agent\",\"exp\":" + exp + "}", SECRET);
    assertThatThrownBy(() -> jwt.verify(noAgent)).hasMessageContaining("agent_id");
    String root = craft("{\"alg\":\"HS256\"}", "{\"sub\":\"x\",\"role\":\"root\",\"exp\":" + exp + "}", SECRET);
    assertThatThrownBy(() -> jwt.verify(root)).hasMessageContaining("role");
  }

  @Test
  void jwtSecretShorterThan32Bytes_stopsStartUpNamingTheKey() {
    assertThatThrownBy(() -> ServerConfig.load(Map.of("JWT_SECRET", "your-super-secret-jwt-key"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("JWT_SECRET:")
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("your-super-secret-jwt-key");
    assertThat(ServerConfig.load(Map.of("JWT_SECRET", SECRET), null).jwtSecret()).isEqualTo(SECRET);
  }
}
