package io.calsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulates many agents against a running master (started by {@code bench/master-push.sh}, AUTH
 * off, on loopback): every agent registers, then holds the long-poll push channel
 * ({@code pending-updates?wait=25}) and acks what it receives, like the real agent.
 *
 * <p>Measures, in this order: the server's heap per idle connected agent (heap after a full GC
 * with all agents parked minus before they connected, divided by their number; via {@code jcmd});
 * the latency from "update sent to the master" to "update received by its agent" for updates sent
 * at a steady rate to random agents (p50/p99/max; the clock starts before the POST, so the figure
 * includes accepting the update); sustained heartbeats per second while every agent stays
 * connected; the server's RSS. Prints one markdown table row per figure on stdout.
 *
 * <p>Bounded: every phase has a deadline, the whole run stops by itself.
 */
public final class MasterPushBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A generation's line of {@code GC.heap_info} ("DefNew total 116160K, used 31005K", "Tenured …", "garbage-first heap …"). */
  private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*(?:DefNew|Tenured|garbage-first heap|PSYoungGen|ParOldGen|ZHeap)\\b.*?used (\\d+)K");

  private final URI base;
  private final int agents;
  private final long serverPid;
  private final HttpClient polls = client();
  private final HttpClient control = client();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentHashMap<String, Long> sentAtMicros = new ConcurrentHashMap<>();
  private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong pollErrors = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final java.util.Set<String> received = ConcurrentHashMap.newKeySet();

  private MasterPushBench(URI base, int agents, long serverPid) {
    this.base = base;
    this.agents = agents;
    this.serverPid = serverPid;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: MasterPushBench URL AGENTS UPDATES RATE_PER_S HEARTBEAT_SECONDS SERVER_PID");
      System.exit(2);
    }
    var bench = new MasterPushBench(URI.create(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[5]));
    bench.run(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    System.exit(0); // long-polls still parked on virtual threads must not keep the JVM up
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  }

  private void run(int updates, int rate, int heartbeatSeconds) throws Exception {
    register();
    long heapBefore = heapUsedKib();
    connectAll();
    long heapAfter = heapUsedKib();
    double perAgentKib = (heapAfter - heapBefore) / (double) agents;
    row("server heap per idle connected agent", String.format("%.1f KiB", perAgentKib), "under 50 KiB");

    sendUpdates(updates, rate);
    List<Long> lat = new ArrayList<>(latenciesMicros);
    Collections.sort(lat);
    long lost = updates - lat.size();
    row("push latency p50 (" + lat.size() + " updates at " + rate + "/s, " + agents + " agents connected)",
        ms(percentile(lat, 50)), "");
    row("push latency p99", ms(percentile(lat, 99)), "under 500 ms");
    row("push latency max", ms(lat.isEmpty() ? -1 : lat.get(lat.size() - 1)), "");
    row("updates lost / delivered twice", lost + " / " + duplicates.get(), "0 / 0");

    long cpuBefore = serverCpuMillis();
    long[] sent = new long[1];
    double hbPerSecond = heartbeats(heartbeatSeconds, sent);
    double cpuPerHeartbeat = (serverCpuMillis() - cpuBefore) / (double) sent[0];
    row("heartbeats per second (" + agents + " agents connected, 64 concurrent senders, client on the same cores)",
        String.format("%.0f", hbPerSecond), "at least 5,000");
    row("server CPU per heartbeat (user+system)", String.format("%.3f ms", cpuPerHeartbeat), "");
    row("heartbeats per second the server's CPU allows on " + Runtime.getRuntime().availableProcessors() + " cores",
        String.format("%.0f", Runtime.getRuntime().availableProcessors() * 1000 / cpuPerHeartbeat), "at least 5,000");
    double healthPerSecond = healthChecks(heartbeatSeconds);
    row("for scale: GET /health per second, same senders (the HTTP stack with no work behind it)",
        String.format("%.0f", healthPerSecond), "");
    row("server RSS with " + agents + " agents connected", rssMib() + " MiB", "");
    running.set(false);
    if (pollErrors.get() > 0) System.err.println("poll errors: " + pollErrors.get());
  }

  // ---- phases -------------------------------------------------------------------------------

  private void register() throws InterruptedException {
    Semaphore inFlight = new Semaphore(32);
    CountDownLatch done = new CountDownLatch(agents);
    for (int i = 0; i < agents; i++) {
      String id = agentId(i);
      inFlight.acquire();
      Thread.ofVirtual().start(() -> {
        try {
          post("/sync/agents/" + id + "/heartbeat", "{\"agent_name\":\"bench " + id + "\"}");
        } catch (Exception e) {
          throw new IllegalStateException("registering " + id + " failed: " + e.getMessage(), e);
        } finally {
          inFlight.release();
          done.countDown();
        }
      });
    }
    if (!done.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("registration did not finish in 120 s");
  }

  /** Starts every agent's push loop and waits until the server holds them all. */
  private void connectAll() throws InterruptedException {
    CountDownLatch firstPollSent = new CountDownLatch(agents);
    for (int i = 0; i < agents; i++) {
      String id = agentId(i);
      Thread.ofVirtual().start(() -> pushLoop(id, firstPollSent));
    }
    if (!firstPollSent.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("agents did not connect in 60 s");
    Thread.sleep(3000); // let the last requests reach the server and park
  }

  private void pushLoop(String agentId, CountDownLatch firstPollSent) {
    boolean first = true;
    while (running.get()) {
      HttpRequest req = HttpRequest.newBuilder(base.resolve("/sync/agents/" + agentId + "/pending-updates?wait=25"))
          .timeout(Duration.ofSeconds(40)).GET().build();
      var future = polls.sendAsync(req, HttpResponse.BodyHandlers.ofString());
      if (first) {
        firstPollSent.countDown();
        first = false;
      }
      try {
        HttpResponse<String> res = future.get(45, TimeUnit.SECONDS);
        long now = nowMicros();
        if (res.statusCode() != 200) throw new IOException("HTTP " + res.statusCode() + ": " + res.body());
        for (JsonNode u : JSON.readTree(res.body()).path("updates")) {
          String key = u.path("data").path("bench_key").asText();
          Long sent = sentAtMicros.get(key);
          if (sent != null) {
            if (received.add(key)) latenciesMicros.add(now - sent);
            else duplicates.incrementAndGet();
          }
          post("/sync/agents/" + agentId + "/updates/" + u.path("id").asText() + "/processed", "{}");
        }
      } catch (Exception e) {
        if (!running.get()) return;
        pollErrors.incrementAndGet();
        sleepQuietly(500);
      }
    }
  }

  private void sendUpdates(int updates, int rate) throws InterruptedException {
    Random random = new Random(42);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    Semaphore inFlight = new Semaphore(64);
    for (int i = 0; i < updates; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
      String agentId = agentId(random.nextInt(agents));
      String key = "u" + i;
      inFlight.acquire();
      Thread.ofVirtual().start(() -> {
        try {
          sentAtMicros.put(key, nowMicros());
          post("/sync/agents/" + agentId + "/receive-updates",
              "{\"type\":\"sync_config\",\"data\":{\"bench_key\":\"" + key + "\",\"changes\":{\"sync_interval_minutes\":30}}}");
        } catch (Exception e) {
          System.err.println("sending " + key + " failed: " + e.getMessage());
        } finally {
          inFlight.release();
        }
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (latenciesMicros.size() < updates && System.nanoTime() < deadline) Thread.sleep(50);
  }

  private double heartbeats(int seconds, long[] sent) throws InterruptedException {
    AtomicLong count = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    long start = System.nanoTime();
    for (int t = 0; t < 64; t++) {
      int seed = t;
      senders.submit(() -> {
        Random random = new Random(seed);
        while (System.nanoTime() < end) {
          try {
            post("/sync/agents/" + agentId(random.nextInt(agents)) + "/heartbeat", "{}");
            count.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      });
    }
    senders.shutdown();
    senders.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) System.err.println("heartbeat failures: " + failures.get());
    sent[0] = count.get();
    return count.get() / elapsed;
  }

  private double healthChecks(int seconds) throws InterruptedException {
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    long start = System.nanoTime();
    for (int t = 0; t < 64; t++) {
      senders.submit(() -> {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(30)).GET().build();
        while (System.nanoTime() < end) {
          try {
            if (control.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) count.incrementAndGet();
          } catch (Exception e) {
            // counted as not served
          }
        }
        return null;
      });
    }
    senders.shutdown();
    senders.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
    return count.get() / ((System.nanoTime() - start) / 1e9);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String post(String path, String body) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> res = control.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() >= 300) throw new IOException(path + ": HTTP " + res.statusCode() + " " + res.body());
    return res.body();
  }

  private long heapUsedKib() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = HEAP_USED.matcher(info);
    long used = 0;
    boolean found = false;
    while (m.find()) {
      used += Long.parseLong(m.group(1));
      found = true;
    }
    if (!found) throw new IllegalStateException("jcmd GC.heap_info printed no generation usage:\n" + info);
    return used;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(java.toString(), Long.toString(serverPid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("jcmd " + command + ": " + out);
    return out;
  }

  /** CPU time the server process has used (user + system), from /proc/PID/stat. */
  private long serverCpuMillis() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
    return ticks * 1000 / 100; // USER_HZ is 100 on Linux
  }

  private long rssMib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
    }
    return -1;
  }

  private static String agentId(int i) {
    return String.format("bench-agent-%04d", i);
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return -1;
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static String ms(long micros) {
    return micros < 0 ? "n/a" : String.format("%.1f ms", micros / 1000.0);
  }

  private static void row(String what, String value, String goal) {
    System.out.println("| " + what + " | " + value + " | " + goal + " |");
    System.out.flush();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
