package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
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

  private String issue(String agentId) {
    var r = master.post("/admin/agents/" + agentId + "/secret", null);
    assertThat(r.status()).isEqualTo(201);
    return r.text("agent_secret");
  }

  @Test
  void firstStart_createsAdminKeyReadableByOwnerOnly() throws Exception {
    Path key = dataDir.resolve("admin.key");
    assertThat(key).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(master.adminKey).startsWith("csk_");
  }

  @Test
  void adminEndpoint_withoutKey_is401_wrongKey_is401() {
    var none = master.send("GET", "/sync/agents/status", null, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.text("detail")).contains("X-API-Key");
    assertThat(master.send("POST", "/sync/push/sync-config", "{\"changes\":{\"a\":1}}", "wrong").status()).isEqualTo(401);
    assertThat(master.send("GET", "/health", null, null).status()).as("health is public").isEqualTo(200);
  }

  @Test
  void agentReadingAnotherAgentsQueue_is403_ownQueueWorks() {
    String a = issue("agent-a");
    issue("agent-b");
    master.post("/sync/agents/agent-b/receive-updates", "{\"type\":\"sync_config\",\"data\":{}}");

    assertThat(master.send("GET", "/sync/agents/agent-b/pending-updates", null, a).status()).isEqualTo(403);
    var hb = master.send("POST", "/sync/agents/agent-a/heartbeat", "{\"agent_name\":\"A\"}", a);
    assertThat(hb.status()).isEqualTo(200);
    assertThat(master.send("GET", "/sync/agents/agent-a/pending-updates", null, a).status()).isEqualTo(200);
    assertThat(master.send("GET", "/sync/agents/status", null, a).status()).as("agents are not admins").isEqualTo(403);
  }

  @Test
  void agentUploadingOrReadingAnotherAgentsItems_is403_ownItemsWork() {
    String a = issue("agent-a");
    issue("agent-b");
    String sources = "{\"calendar_sources\":[" + TestMaster.source("S", "shared") + "]}";
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", sources, a).status()).isEqualTo(200);
    master.post("/sync/agents/agent-b/heartbeat", sources);
    String upload = "{\"source_name\":\"S\",\"changes\":[" + TestMaster.put("e1", TestIcs.event("e1", "x", null, 0), null) + "]}";

    assertThat(master.send("POST", "/sync/agents/agent-b/items", upload, a).status()).isEqualTo(403);
    assertThat(master.send("GET", "/sync/agents/agent-b/items?source_name=S", null, a).status()).isEqualTo(403);
    assertThat(master.send("POST", "/sync/agents/agent-a/items", upload, null).status()).isEqualTo(401);
    assertThat(master.send("POST", "/sync/agents/agent-a/items", upload, a).status()).isEqualTo(200);
    assertThat(master.send("GET", "/sync/agents/agent-a/items?source_name=S", null, a).body().path("items")).hasSize(1);
    assertThat(master.send("GET", "/sync/conflicts/recent", null, a).status()).as("agents are not admins").isEqualTo(403);
    assertThat(master.send("POST", "/sync/conflicts/x/resolve", "{\"resolution\":\"source_wins\"}", a).status())
        .isEqualTo(403);
  }

  @Test
  void agentSecret_isStoredHashed_andRotationInvalidatesOldOne() throws Exception {
    String first = issue("agent-a");
    String second = issue("agent-a");
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", first).status()).isEqualTo(401);
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", second).status()).isEqualTo(200);
    master.close();
    byte[] db = Files.readAllBytes(dataDir.resolve("master.db"));
    String secretPart = second.substring(second.indexOf('.') + 1);
    assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secretPart);
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true"));
    assertThat(master.send("POST", "/sync/agents/agent-a/heartbeat", "{}", second).status()).as("survives restart").isEqualTo(200);
  }

  @Test
  void unregisteredAgent_cannotSelfRegisterWhenAuthEnabled() {
    assertThat(master.send("POST", "/sync/agents/rogue/heartbeat", "{}", null).status()).isEqualTo(401);
  }

  @Test
  void mutatingRequests_areAudited() {
    master.post("/sync/push/sync-config", "{\"changes\":{\"a\":1}}");
    master.send("POST", "/sync/push/sync-config", "{\"changes\":{\"a\":1}}", null);
    assertThat(master.server).isNotNull();
    // audit rows are checked through the store: two writes, one refused
    master.close();
    try (var db = io.calsync.server.store.Database.open(dataDir)) {
      assertThat(new io.calsync.server.store.SqliteActivityLog(db).auditCount()).isEqualTo(2);
    }
    master = TestMaster.start(dataDir, Map.of("AUTH_ENABLED", "true"));
  }
}
