package io.calsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the Debian-packaged third-party clients the CalDAV and feed tests prove the master against
 * ({@code vdirsyncer}, {@code python3-caldav}, {@code python3-icalendar}; see .ci/run). Under
 * {@code CI=true} a missing client fails the test; on a dev machine it is a loud skip.
 */
final class ThirdPartyClients {
  /** Debian's Python, where the python3-* packages are installed (not a pyenv or venv one). */
  static final String PYTHON = "/usr/bin/python3";

  record Result(int exit, String output) {}

  private ThirdPartyClients() {}

  static void requireExecutable(String path, String debianPackage) {
    require(Files.isExecutable(Path.of(path)), path + " (Debian package " + debianPackage + ")");
  }

  static void requirePythonModule(String module, String debianPackage) {
    requireExecutable(PYTHON, "python3");
    require(run(null, List.of(PYTHON, "-c", "import " + module), null).exit() == 0,
        "Python module " + module + " (Debian package " + debianPackage + ")");
  }

  private static void require(boolean present, String what) {
    if (present) return;
    String message = "MISSING THIRD-PARTY CLIENT: " + what + " is not installed; install it (see .ci/run CI_APT_PACKAGES)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError(message);
    System.err.println("\n*** SKIPPED: " + message + " ***\n");
    Assumptions.abort(message);
  }

  /** Runs {@code command} in {@code dir} with {@code stdin}, returns exit code and merged output. */
  static Result run(Path dir, List<String> command, String stdin) {
    try {
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
      if (dir != null) pb.directory(dir.toFile());
      pb.environment().put("LC_ALL", "C.UTF-8");
      pb.environment().put("LANG", "C.UTF-8");
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  /** Runs and fails the test (with the client's output) unless it exits 0. */
  static String runOk(Path dir, List<String> command, String stdin) {
    Result r = run(dir, command, stdin);
    assertThat(r.exit()).as(String.join(" ", command) + " failed:\n" + r.output()).isZero();
    return r.output();
  }
}
