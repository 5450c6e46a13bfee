package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's log (slf4j-simple writes to System.err) never shows a credential, right or wrong. */
class SecretsNotLoggedTest {
  @TempDir Path dataDir;

  @Test
  void issuingUsingAndRefusingCredentials_logsNoneOfThem() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    List<String> secrets;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestMaster master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true", "JWT_SECRET", JwtTest.SECRET))) {
      String agentSecret = master.post("/admin/agents/agent-a/secret", null).text("agent_secret");
      String apiKey = master.post("/admin/api-keys", "{\"name\":\"k\",\"role\":\"read\"}").text("api_key");
      String token = new Jwt(JwtTest.SECRET, Clock.systemUTC()).sign("ops", "admin", null, Duration.ofMinutes(5));
      String expired = new Jwt(JwtTest.SECRET, Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)))
          .sign("ops", "admin", null, Duration.ofHours(1));
      String wrongKey = apiKey.substring(0, apiKey.length() - 4) + "AAAA";
      master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", agentSecret);
      master.send("GET", "/sync/agents/agent-b/pending-updates", null, agentSecret);
      master.send("POST", "/sync/push/sync-config", "{\"changes\":{}}", apiKey);
      master.send("GET", "/sync/agents/status", null, "Authorization", "Bearer " + token);
      master.send("GET", "/sync/agents/status", null, "Authorization", "Bearer " + expired);
      master.send("GET", "/sync/agents/status", null, wrongKey);
      master.send("GET", "/sync/agents/status", null, "csa_nope.nope");
      secrets = List.of(master.adminKey, agentSecret, apiKey, token, expired, wrongKey, JwtTest.SECRET,
          secretPart(agentSecret), secretPart(apiKey));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).as("the master logged something, so the capture works").contains("admin API key");
    for (String s : secrets) assertThat(log).doesNotContain(s);
  }

  @Test
  void providerCredentialsInTheQuery_theSeedsWay_areAcceptedButNeitherLoggedNorAudited() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    String providerToken = "provider-access-token-5f2d9c";
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestMaster master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true", "DEBUG", "true"))) {
      master.heartbeat("a1", "Work");
      String id = master.get("/calendars").body().path("calendars").get(0).path("id").asText();
      String query = "?provider=outlook&credentials="
          + java.net.URLEncoder.encode("{\"access_token\":\"" + providerToken + "\"}", StandardCharsets.UTF_8);

      var r = master.put("/calendars/" + id + query, "{\"name\":\"Updated Calendar Name\",\"color\":\"#FF5733\"}");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().path("calendar").path("name").asText()).isEqualTo("Updated Calendar Name");
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(providerToken);
    assertThat(new String(java.nio.file.Files.readAllBytes(dataDir.resolve("master.db")), StandardCharsets.ISO_8859_1))
        .as("not in the store (audit rows keep the path, not the query)").doesNotContain(providerToken);
  }

  private static String secretPart(String token) {
    return token.substring(token.indexOf('.') + 1);
  }
}
