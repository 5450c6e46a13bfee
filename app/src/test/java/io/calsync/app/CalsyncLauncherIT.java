package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ./calsync} launcher, run as a process against the shaded jar. Runs in Maven's
 * integration-test phase, after the jar is built. Without the jar (an IDE run) it is skipped with
 * the reason, except under {@code CI=true}, where a missing jar is a failure.
 */
class CalsyncLauncherIT {

  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @Test
  void launcher_printsTheHelp_andPreparesItsStartupCacheOnlyOnce() throws Exception {
    Path launcher = REPO.resolve("calsync");
    Path jar = REPO.resolve("app/target/calsync.jar");
    if (!Files.isRegularFile(jar)) {
      String reason = "skipped: " + jar + " is not built (./mvnw -B verify builds it first)";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason.replace("skipped", "under CI=true the jar must exist"));
      }
      System.out.println(reason);
      assumeTrue(false, reason);
    }
    assertThat(launcher).isExecutable();

    Path cache = Files.createTempDirectory("calsync-launcher-cache");
    Run first = run(launcher, cache);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("Usage: calsync").contains("sync").contains("Exit codes");
    // The first run of a build prepares the start-up cache, says so once, and writes it.
    assertThat(first.err()).contains("preparing a start-up cache");
    try (var files = Files.walk(cache)) {
      assertThat(files.map(Path::toString)).anyMatch(f -> f.endsWith(".aot") || f.endsWith(".jsa"));
    }

    Run second = run(launcher, cache);
    assertThat(second.exit()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).isEmpty();
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path launcher, Path cache) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--help");
    pb.environment().put("XDG_CACHE_HOME", cache.toString());
    Path err = Files.createTempFile("calsync-launcher", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close(); // no stdin, as under CI
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, Files.readString(err));
  }
}
