package io.calsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calsync-agent.jar, the agent's own distribution, runs an agent against a real master on its own. */
class AgentJarE2EIT {
  @TempDir Path dir;
  World world;

  @AfterEach
  void stop() {
    if (world != null) world.close();
  }

  private static Path agentJar() {
    Path jar = CalsyncProcess.jar().resolveSibling("calsync-agent.jar");
    assertThat(jar).as("built by ./mvnw package next to calsync.jar").isRegularFile();
    return jar;
  }

  @Test
  void agentJar_carriesNoMaster_andIsLessThanHalfTheFullJar() throws IOException {
    Path jar = agentJar();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      assertThat(zip.stream().map(e -> e.getName()))
          .noneMatch(n -> n.startsWith("io/calsync/server/") || n.startsWith("io/javalin/") || n.startsWith("org/eclipse/jetty/"))
          .anyMatch(n -> n.startsWith("io/calsync/agent/"))
          .anyMatch(n -> n.startsWith("org/sqlite/native/Windows/x86_64/"))
          .anyMatch(n -> n.startsWith("org/sqlite/native/Mac/aarch64/"));
    }
    assertThat(Files.size(jar)).isLessThan(Files.size(CalsyncProcess.jar()) / 2);
  }

  @Test
  void agentJar_uploadsAFoldersEvents_toTheMaster() throws Exception {
    world = World.start(dir, Map.of());
    String secret = world.admin("agent-secret", "issue", "desk-1").strip();
    Path folder = Files.createDirectories(dir.resolve("desk-calendar"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(folder.resolve("e" + i + ".ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
          + "BEGIN:VEVENT\r\nUID:e" + i + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\n"
          + "SUMMARY:Event " + i + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    }
    Path config = dir.resolve("outlook_config.json");
    Files.writeString(config, """
        {"agent_id": "desk-1", "central_api_url": "http://127.0.0.1:%d", "agent_secret": "%s",
         "calendar_sources": [{"type": "ics", "name": "Team", "path": "%s", "master_calendar": "Team",
           "allow_event_updates": true}]}
        """.formatted(world.port, secret, folder));

    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-jar", agentJar().toString(), "agent", "--config", config.toString(),
        "--once")).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(world.masterItems()).containsOnlyKeys("e0", "e1", "e2");
  }
}
