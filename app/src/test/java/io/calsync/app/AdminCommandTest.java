package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.server.Jwt;
import io.calsync.server.MasterServer;
import io.calsync.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calsync admin} in-process on a temp DATA_DIR, checked against a real master on the same DATA_DIR. */
class AdminCommandTest {
  static final String JWT_SECRET = "0123456789abcdef0123456789abcdef-cli";
  @TempDir Path dataDir;
  final HttpClient http = HttpClient.newHttpClient();

  private Cli.Result admin(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "admin";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--data-dir";
    all[args.length + 2] = dataDir.toString();
    return Cli.run(all);
  }

  private MasterServer master() {
    return MasterServer.start(ServerConfig.load(Map.of("API_PORT", "0", "BIND_ADDRESS", "127.0.0.1",
        "DATA_DIR", dataDir.toString(), "AUTH_ENABLED", "true"), null));
  }

  private int status(MasterServer master, String method, String path, String credential) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + master.port() + path))
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/json")
        .header("X-API-Key", credential)
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void apiKeyCreatedOnTheCommandLine_worksAgainstARunningMaster_untilRevoked() throws Exception {
    try (MasterServer master = master()) {
      Cli.Result created = admin("api-key", "create", "ops script", "--role", "admin");
      assertThat(created.exitCode()).as(created.toString()).isZero();
      String key = created.out().strip();
      assertThat(key).startsWith("cak_");
      assertThat(created.err()).contains("role admin").doesNotContain(key);
      assertThat(status(master, "GET", "/sync/agents/status", key)).isEqualTo(200);

      Cli.Result list = admin("api-key", "list");
      assertThat(list.out()).contains("ops script").contains("admin").doesNotContain(key.substring(key.indexOf('.') + 1));
      String id = key.substring(4, key.indexOf('.'));
      assertThat(list.out()).contains(id);

      Cli.Result revoked = admin("api-key", "revoke", id);
      assertThat(revoked.exitCode()).isZero();
      assertThat(revoked.out()).contains("revoked");
      assertThat(status(master, "GET", "/sync/agents/status", key)).isEqualTo(401);
      String row = admin("api-key", "list").out().lines().filter(l -> l.contains("ops script")).findFirst().orElseThrow();
      assertThat(row.strip()).as("the REVOKED column has a time").endsWith("UTC");
    }
  }

  @Test
  void readKeyFromTheCommandLine_isRefusedOnPost() throws Exception {
    try (MasterServer master = master()) {
      String key = admin("api-key", "create", "dashboard").out().strip();
      assertThat(status(master, "GET", "/sync/queues/stats", key)).isEqualTo(200);
      assertThat(status(master, "POST", "/sync/queues/cleanup", key)).isEqualTo(403);
    }
  }

  @Test
  void agentSecretIssue_registersTheAgent_printsTheSecretOnce_andRevokeLocksItOut() throws Exception {
    Cli.Result issued = admin("agent-secret", "issue", "office-pc");
    assertThat(issued.exitCode()).as(issued.toString()).isZero();
    String secret = issued.out().strip();
    assertThat(secret).startsWith("csa_");
    assertThat(issued.err()).contains("registered agent 'office-pc'").contains("agent_secret").doesNotContain(secret);
    try (MasterServer master = master()) {
      assertThat(status(master, "POST", "/sync/agents/office-pc/heartbeat", secret)).isEqualTo(200);
      assertThat(status(master, "GET", "/sync/agents/other/pending-updates", secret)).isEqualTo(403);
      Cli.Result revoked = admin("agent-secret", "revoke", "office-pc");
      assertThat(revoked.out()).contains("secret revoked");
      assertThat(status(master, "POST", "/sync/agents/office-pc/heartbeat", secret)).isEqualTo(401);
    }
    assertThat(admin("agent-secret", "revoke", "office-pc").out()).contains("had no secret");
    Cli.Result unknown = admin("agent-secret", "revoke", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown agent 'nobody'");
  }

  @Test
  void badInput_isAOneLineErrorWithExit1() {
    assertThat(admin("api-key", "revoke", "0123456789abcdef").err()).contains("calsync: error: no API key with id");
    Cli.Result badRole = admin("api-key", "create", "x", "--role", "root");
    assertThat(badRole.exitCode()).isEqualTo(1);
    assertThat(badRole.err()).contains("--role must be admin or read");
    assertThat(admin("agent-secret", "issue", "bad id!").err()).contains("agent_id must be");
  }

  @Test
  void apiKeyList_withNoKeys_saysHowToCreateOne() {
    assertThat(admin("api-key", "list").out()).contains("no API keys").contains("api-key create");
  }

  @Test
  void dataDir_defaultsToTheEnvironmentsDataDir_likeTheServer() {
    Cli.Result r = Cli.run(Map.of("DATA_DIR", dataDir.toString()), "admin", "api-key", "create", "from-env");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(dataDir.resolve("master.db")).exists();
    assertThat(admin("api-key", "list").out()).contains("from-env");
  }

  @Test
  void token_withoutJwtSecret_explainsWhatIsMissing() {
    Cli.Result r = admin("token", "--role", "admin");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("JWT_SECRET is not set");
  }

  @Test
  void token_isAJwtTheMasterAccepts_forTheGivenRoleAndLifetime() throws Exception {
    Map<String, String> env = Map.of("JWT_SECRET", JWT_SECRET, "DATA_DIR", dataDir.toString());
    Cli.Result r = Cli.run(env, "admin", "token", "--role", "agent", "--agent-id", "office-pc", "--ttl", "2h");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Jwt.Claims claims = new Jwt(JWT_SECRET, Clock.systemUTC()).verify(r.out().strip());
    assertThat(claims.role()).isEqualTo("agent");
    assertThat(claims.agentId()).isEqualTo("office-pc");
    assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofHours(2));
    assertThat(Cli.run(env, "admin", "token", "--role", "agent").err()).contains("--role agent needs --agent-id");
    assertThat(Cli.run(env, "admin", "token", "--role", "admin", "--ttl", "soon").err()).contains("--ttl must be");
    assertThat(Files.exists(dataDir.resolve("master.db"))).as("a token needs no store").isFalse();
  }

  @Test
  void everyAdminCommand_hasHelp() {
    for (String[] cmd : new String[][] {
        {"admin", "--help"}, {"admin", "agent-secret", "issue", "--help"}, {"admin", "agent-secret", "revoke", "--help"},
        {"admin", "api-key", "create", "--help"}, {"admin", "api-key", "list", "--help"},
        {"admin", "api-key", "revoke", "--help"}, {"admin", "token", "--help"}}) {
      Cli.Result r = Cli.run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).as(String.join(" ", cmd)).contains("Usage: calsync admin").contains("--data-dir");
    }
  }
}
