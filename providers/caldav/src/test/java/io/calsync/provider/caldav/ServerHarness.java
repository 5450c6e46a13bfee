package io.calsync.provider.caldav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs real servers for integration tests: on 127.0.0.1, a random free port, a temp dir of
 * their own. Stops only the processes it started, by their PID (through their {@link Process}
 * handles, newest first), then deletes the temp dir.
 *
 * <p>A missing server binary skips the test with a loud message on a developer machine, and
 * fails it when {@code CI=true}.
 */
public abstract class ServerHarness implements AutoCloseable {

  public static final String USER = "alice";
  public static final String PASSWORD = "s3cret-Pässword";

  protected final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Duration> stopGrace = new ArrayList<>();

  protected ServerHarness(String name) {
    try {
      dir = Files.createTempDirectory("calsync-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's own temp dir (its storage, config and logs), for benchmarks that seed it directly. */
  public Path dataDir() {
    return dir;
  }

  /** The URL clients start from (server root). */
  public abstract URI root();

  /** The calendar home of {@link #USER}. */
  public abstract URI home();

  /** The principal URL of {@link #USER}. */
  public URI principal() {
    return root().resolve("/" + USER + "/");
  }

  /** Whether the server lets clients set {@code calendar-description} (Xandikos and SOGo do not). */
  public boolean setsDescription() {
    return true;
  }

  public CaldavSettings settings() {
    return CaldavSettings.of(Credentials.basic(USER, PASSWORD));
  }

  /**
   * Creates a new, empty event calendar in the user's home (MKCALENDAR) and returns its URL
   * (trailing slash).
   */
  public URI newCalendar(String name) {
    try (CaldavAccount account = CaldavAccount.discover(root(), settings())) {
      String id = "t-" + java.util.UUID.randomUUID().toString().substring(0, 12);
      io.calsync.core.model.CalendarMeta meta =
          account.createCalendar(io.calsync.core.model.CalendarMeta.named(id, name));
      return home().resolve(DavPaths.encodeSegment(meta.id()) + "/");
    }
  }

  /**
   * One HTTP request as another client would send it (Basic auth as {@link #USER}, HTTP/1.1, no
   * calsync code): for changes "made on the server" in tests. {@code headerPairs}: name, value, …
   */
  public java.net.http.HttpResponse<String> raw(
      String method, URI uri, String contentType, String body, String... headerPairs) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(uri)
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .header("Authorization", settings().credentials().authorizationHeader())
        .method(method, body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) b.header(headerPairs[i], headerPairs[i + 1]);
    try (java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient()) {
      return c.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Skips (developer machine) or fails (CI=true) when a needed file is missing. */
  public static void require(String what, String... paths) {
    List<String> missing = Stream.of(paths).filter(p -> !Files.exists(Path.of(p))).toList();
    if (missing.isEmpty()) return;
    String msg = "\n*** " + what + " is not installed here (missing " + missing + "): its CalDAV "
        + "integration tests are SKIPPED. Install the Debian packages listed in "
        + "providers/caldav/README.md. With CI=true this is a failure. ***\n";
    System.err.println(msg);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(msg);
    Assumptions.abort(msg);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected Process start(String logName, Map<String, String> env, Duration grace, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve(logName + ".log").toFile());
    try {
      Process p = pb.start();
      processes.add(p);
      stopGrace.add(grace);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command[0], e);
    }
  }

  /** Waits until {@code url} answers HTTP at all (any status). */
  protected void waitForHttp(URI url, Duration timeout, Process p) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (p != null && !p.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + log());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        c.getResponseCode();
        c.disconnect();
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
    throw new IllegalStateException("server at " + url + " did not answer within " + timeout + ":\n" + log());
  }

  /** Every log file of this harness, for failure messages. */
  public String log() {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        String text = Files.readString(f);
        if (text.length() > 4000) text = text.substring(text.length() - 4000);
        b.append("--- ").append(f.getFileName()).append('\n').append(text).append('\n');
      }
    } catch (IOException e) {
      b.append("(logs unreadable: ").append(e).append(")");
    }
    return b.toString();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a short command to completion; fails with its output when it fails. */
  protected String run(Map<String, String> env, String... command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops a process this harness started: TERM, then KILL after its grace (its children too). */
  protected static void stop(Process p, Duration grace) {
    if (!p.isAlive()) return;
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) c.destroyForcibly();
    }
  }

  /** Stops every process but the first one started (newest first). */
  protected void stopOthersFirst() {
    for (int i = processes.size() - 1; i >= 1; i--) stop(processes.get(i), stopGrace.get(i));
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) stop(processes.get(i), stopGrace.get(i));
    processes.clear();
    deleteTree(dir);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
