package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWTs in {@code Authorization: Bearer} over real HTTP. */
class JwtAuthTest {
  @TempDir Path dataDir;
  TestMaster master;
  final Jwt jwt = new Jwt(JwtTest.SECRET, Clock.systemUTC());

  @BeforeEach
  void start() {
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true", "JWT_SECRET", JwtTest.SECRET));
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private TestMaster.Response bearer(String method, String path, String body, String token) {
    return master.send(method, path, body, "Authorization", "Bearer " + token);
  }

  @Test
  void adminJwt_isAccepted_forReadsAndWrites() {
    String token = jwt.sign("ops", "admin", null, Duration.ofMinutes(5));
    assertThat(bearer("GET", "/sync/agents/status", null, token).status()).isEqualTo(200);
    assertThat(bearer("POST", "/sync/push/sync-config", "{\"changes\":{\"a\":1}}", token).status()).isEqualTo(200);
  }

  @Test
  void readJwt_mayOnlyGet() {
    String token = jwt.sign("dashboard", "read", null, Duration.ofMinutes(5));
    assertThat(bearer("GET", "/sync/queues/stats", null, token).status()).isEqualTo(200);
    assertThat(bearer("POST", "/sync/push/sync-config", "{\"changes\":{\"a\":1}}", token).status()).isEqualTo(403);
  }

  @Test
  void expiredOrBadlySignedOrUnsignedJwt_is401() throws Exception {
    Jwt issuedTwoHoursAgo = new Jwt(JwtTest.SECRET, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
    String expired = issuedTwoHoursAgo.sign("ops", "admin", null, Duration.ofHours(1));
    var r = bearer("GET", "/sync/agents/status", null, expired);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text("detail")).contains("expired").doesNotContain(expired);

    String otherSecret = new Jwt("a-different-secret-of-32-bytes-or-more", Clock.systemUTC())
        .sign("ops", "admin", null, Duration.ofHours(1));
    assertThat(bearer("GET", "/sync/agents/status", null, otherSecret).status()).isEqualTo(401);

    String valid = jwt.sign("ops", "admin", null, Duration.ofHours(1));
    String header = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String algNone = header + valid.substring(valid.indexOf('.'), valid.lastIndexOf('.') + 1);
    assertThat(bearer("GET", "/sync/agents/status", null, algNone).status()).isEqualTo(401);
  }

  @Test
  void agentJwt_readsItsOwnQueue_butAnotherAgentsIs403() {
    master.post("/admin/agents/agent-a/secret", null);
    master.post("/admin/agents/agent-b/secret", null);
    String tokenA = jwt.sign("agent-a", "agent", "agent-a", Duration.ofMinutes(5));
    assertThat(bearer("GET", "/sync/agents/agent-a/pending-updates", null, tokenA).status()).isEqualTo(200);
    assertThat(bearer("GET", "/sync/agents/agent-b/pending-updates", null, tokenA).status()).isEqualTo(403);
    assertThat(bearer("GET", "/sync/agents/status", null, tokenA).status()).as("agents are not admins").isEqualTo(403);
  }

  @Test
  void withoutJwtSecret_jwtsAreRefusedWith401() {
    master.close();
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true"));
    var r = bearer("GET", "/sync/agents/status", null, jwt.sign("ops", "admin", null, Duration.ofMinutes(5)));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text("detail")).contains("JWT_SECRET");
  }
}
