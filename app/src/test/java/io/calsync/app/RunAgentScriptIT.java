package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code run_agent.sh} as a process (after the jar is packaged): it reaches {@code calsync
 * agent}, and a configuration a restart cannot fix ends with exit 78 and the JSON path of every
 * problem, so the systemd unit's {@code RestartPreventExitStatus=78} holds.
 */
class RunAgentScriptIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Path SCRIPT = REPO.resolve("run_agent.sh");
  @TempDir Path dir;

  @BeforeAll
  static void needsTheJar() {
    Path jar = REPO.resolve("app/target/calsync.jar");
    if (!Files.isRegularFile(jar)) {
      String reason = "skipped: " + jar + " is not built (./mvnw -B verify builds it first)";
      if ("true".equals(System.getenv("CI"))) fail(reason.replace("skipped", "under CI=true the jar must exist"));
      assumeTrue(false, reason);
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = SCRIPT.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("CALSYNC_AGENT_CONFIG");
    pb.environment().put("CALSYNC_NO_CACHE", "1"); // the launcher's start-up cache is CalsyncLauncherIT's business
    pb.environment().putAll(env);
    Path err = dir.resolve("stderr.txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  @Test
  void help_reachesTheAgentCommandsHelp() throws Exception {
    Run r = run(Map.of(), "--help");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("run_agent.sh [CONFIG]").contains("Usage: calsync agent").contains("--config");
  }

  @Test
  void invalidConfig_printsEveryProblemWithItsJsonPath_andExits78() throws Exception {
    Path config = Files.writeString(dir.resolve("agent.json"), "{\"agent_id\": \"bad id!\", \"calendar_sources\": []}");
    Run r = run(Map.of(), config.toString());
    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err())
        .contains(config + ": $.agent_id: must be")
        .contains(config + ": $.central_api_url: missing")
        .contains("the agent was not started");
  }

  @Test
  void configComesFromCalsyncAgentConfig_elseOutlookConfigJson() throws Exception {
    Run fromEnv = run(Map.of("CALSYNC_AGENT_CONFIG", dir.resolve("missing.json").toString()));
    assertThat(fromEnv.exit()).isEqualTo(78);
    assertThat(fromEnv.err()).contains("no agent configuration at " + dir.resolve("missing.json"));
    Run byDefault = run(Map.of());
    assertThat(byDefault.exit()).isEqualTo(78);
    assertThat(byDefault.err()).contains("no agent configuration at outlook_config.json");
  }
}
