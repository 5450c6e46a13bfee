package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named API keys and agent-secret revocation over real HTTP. */
class ApiKeyAuthTest {
  static final String SYNC_CONFIG = "{\"changes\":{\"a\":1}}";
  @TempDir Path dataDir;
  TestMaster master;

  @BeforeEach
  void start() {
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true"));
  }

  @AfterEach
  void stop() {
    master.close();
  }

  private static final String SYNC_CONFIG_DIRECT =
      "{\"type\":\"sync_config\",\"data\":{\"changes\":{\"sync_interval_minutes\":5}}}";

  private TestMaster.Response create(String name, String role) {
    return master.post("/admin/api-keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
  }

  @Test
  void createdKey_isShownOnce_listedWithoutSecret_andStoredHashed() throws Exception {
    var created = create("grafana", "admin");
    assertThat(created.status()).isEqualTo(201);
    String key = created.text("api_key");
    assertThat(key).startsWith("cak_" + created.text("id") + ".");
    assertThat(created.text("role")).isEqualTo("admin");

    var list = master.get("/admin/api-keys");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().path("api_keys")).hasSize(1);
    assertThat(list.body().path("api_keys").get(0).path("name").asText()).isEqualTo("grafana");
    assertThat(list.raw()).doesNotContain(key.substring(key.indexOf('.') + 1)).doesNotContain("hash").doesNotContain("salt");

    master.close();
    String db = new String(Files.readAllBytes(dataDir.resolve("master.db")), StandardCharsets.ISO_8859_1);
    assertThat(db).doesNotContain(key.substring(key.indexOf('.') + 1));
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true"));
  }

  @Test
  void adminKey_worksInXApiKeyAndBearer_andRecordsLastUse() {
    String key = create("ops script", "admin").text("api_key");
    assertThat(master.send("POST", "/sync/push/sync-config", SYNC_CONFIG, key).status()).isEqualTo(200);
    assertThat(master.send("GET", "/sync/agents/status", null, "Authorization", "Bearer " + key).status()).isEqualTo(200);
    assertThat(master.get("/admin/api-keys").body().path("api_keys").get(0).path("last_used_at").isTextual()).isTrue();
  }

  @Test
  void readKey_mayGet_butEveryOtherMethodIs403() {
    String key = create("dashboard", "read").text("api_key");
    assertThat(master.send("GET", "/sync/agents/status", null, key).status()).isEqualTo(200);
    assertThat(master.send("GET", "/sync/queues/stats", null, key).status()).isEqualTo(200);
    var post = master.send("POST", "/sync/push/sync-config", SYNC_CONFIG, key);
    assertThat(post.status()).isEqualTo(403);
    assertThat(post.text("detail")).contains("GET");
    assertThat(master.send("POST", "/calendars", "{\"name\":\"x\"}", key).status()).isEqualTo(403);
    assertThat(master.send("POST", "/admin/api-keys", "{\"name\":\"mine\"}", key).status()).isEqualTo(403);
    assertThat(master.send("GET", "/admin/api-keys", null, key).status()).as("credentials are for admins").isEqualTo(403);
  }

  @Test
  void readKey_mayNotTakeUpdatesOffAnAgentsQueue_butMaySeeItsHistory() {
    master.heartbeat("a1");
    master.post("/sync/agents/a1/receive-updates", SYNC_CONFIG_DIRECT);
    String key = create("dashboard", "read").text("api_key");

    var take = master.send("GET", "/sync/agents/a1/pending-updates", null, key);

    assertThat(take.status()).isEqualTo(403);
    assertThat(master.send("GET", "/sync/agents/a1/history", null, key).status()).isEqualTo(200);
    assertThat(master.get("/sync/agents/a1/pending-updates").body().path("updates")).as("still pending for the agent")
        .hasSize(1);
  }

  @Test
  void revokedKey_is401_andStaysListedAsRevoked() {
    var created = create("old", "admin");
    String key = created.text("api_key");
    var revoked = master.delete("/admin/api-keys/" + created.text("id"));
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().path("revoked_at").isTextual()).isTrue();
    var refused = master.send("GET", "/sync/agents/status", null, key);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.text("detail")).contains("revoked").doesNotContain(key);
    assertThat(master.get("/admin/api-keys").body().path("api_keys").get(0).path("revoked_at").isTextual()).isTrue();
  }

  @Test
  void unknownKeyId_is404_badRoleOrName_is400() {
    assertThat(master.delete("/admin/api-keys/0123456789abcdef").status()).isEqualTo(404);
    var badRole = create("x", "root");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.text("field")).isEqualTo("role");
    assertThat(master.post("/admin/api-keys", "{\"role\":\"read\"}").text("field")).isEqualTo("name");
  }

  @Test
  void revokedAgentSecret_is401_untilANewOneIsIssued() {
    String secret = master.post("/admin/agents/agent-a/secret", null).text("agent_secret");
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", secret).status()).isEqualTo(200);
    var revoked = master.delete("/admin/agents/agent-a/secret");
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().path("revoked").asBoolean()).isTrue();
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", secret).status()).isEqualTo(401);
    assertThat(master.delete("/admin/agents/agent-a/secret").body().path("revoked").asBoolean()).as("had none").isFalse();
    assertThat(master.delete("/admin/agents/nobody/secret").status()).isEqualTo(404);
    String renewed = master.post("/admin/agents/agent-a/secret", null).text("agent_secret");
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", renewed).status()).isEqualTo(200);
  }
}
