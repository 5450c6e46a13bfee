package io.calsync.app.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real {@code calsync} process (the packaged jar on this JVM), its output in a log file. Stop it
 * politely ({@link #stop}: SIGTERM, its shutdown hook runs) or kill it ({@link #kill}: SIGKILL, as a
 * crash or power loss would).
 */
final class CalsyncProcess implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  private CalsyncProcess(String name, List<String> command, Map<String, String> env, Path log) {
    this.name = name;
    this.command = command;
    this.env = env;
    this.log = log;
  }

  /** The packaged jar; skips the test (fails under CI=true) when it is not built. */
  static Path jar() {
    Path jar = Path.of(System.getProperty("user.dir")).resolve("target/calsync.jar");
    if (!Files.isRegularFile(jar)) {
      String reason = "skipped: " + jar + " is not built (run ./mvnw verify, which packages it first)";
      if ("true".equals(System.getenv("CI"))) fail(reason);
      assumeTrue(false, reason);
    }
    return jar;
  }

  /** Starts {@code calsync ARGS} with {@code env} added to this process's environment. */
  static CalsyncProcess start(String name, Path logDir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar().toString()));
    command.addAll(List.of(args));
    CalsyncProcess p = new CalsyncProcess(name, command, Map.copyOf(env), logDir.resolve(name + ".log"));
    p.launch();
    return p;
  }

  private void launch() {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      Files.writeString(log, "---- start: " + String.join(" ", command.subList(5, command.size())) + "\n",
          StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Starts the same command again (after {@link #stop} or {@link #kill}). */
  void restart() {
    if (process != null && process.isAlive()) throw new IllegalStateException(name + " is still running");
    launch();
  }

  /** Waits until the log (of this run or an earlier one) matches {@code pattern}; returns group 1 or the match. */
  String awaitLog(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(log());
      String found = null;
      while (m.find()) found = m.groupCount() > 0 ? m.group(1) : m.group();
      if (found != null) return found;
      if (!process.isAlive()) break;
      sleep(50);
    }
    throw new AssertionError(name + ": no '" + pattern + "' in its log within " + timeout
        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + ":\n" + tail());
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String tail() {
    String[] lines = log().split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM and wait: a graceful stop. */
  void stop() {
    if (!isAlive()) return;
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(name + " did not stop within 30 s of SIGTERM:\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL and wait: a crash. */
  void kill() {
    if (!isAlive()) return;
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  String name() {
    return name;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
