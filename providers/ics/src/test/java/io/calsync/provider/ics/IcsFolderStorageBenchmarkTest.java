package io.calsync.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.provider.testkit.Fixtures;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what durability costs for 10,000 creates (one fsync per file as before, against the
 * deferred, parallel fsync of {@link IcsFolderStorage#flush()} with several pool sizes) and how
 * long listing 10,000 files takes. Asserts nothing about speed. Slow (a minute or more on a slow
 * disk), so off by default: {@code ./mvnw -pl providers/ics test -Dcalsync.bench=true
 * -Dtest=IcsFolderStorageBenchmarkTest}; {@code -Dcalsync.bench.threads=1,8,32} picks the pool
 * sizes.
 */
@EnabledIfSystemProperty(named = "calsync.bench", matches = "true")
class IcsFolderStorageBenchmarkTest {

  private static final int N = 10_000;

  @TempDir Path tmp;

  @Test
  void create10000_fsyncPerFile_vsDeferredParallelFsync_thenList() throws Exception {
    List<Item> items =
        IntStream.range(0, N)
            .mapToObj(i -> Fixtures.simpleEvent("bench-" + i + "@x", "Bench " + i))
            .toList();

    report("no fsync (deferred, serial commit)", deferred(items, false, 1));
    report("fsync per file (the previous create: write, fsync, link)", fsyncPerFile(items));
    String threads = System.getProperty("calsync.bench.threads", "1,8,16,32,64");
    for (String t : threads.split(",")) {
      int n = Integer.parseInt(t.strip());
      report("deferred, fsync at flush from " + n + " thread(s)", deferred(items, true, n));
    }

    report(
        "deferred, flush every 256 creates as the engine does, " + IcsFolderStorage.FLUSH_THREADS
            + " threads",
        deferredInBatches(items, 256));

    IcsFolderStorage listed = IcsFolderStorage.open(tmp.resolve("list"), false, false);
    items.forEach(listed::create);
    listed.flush();
    IcsFolderStorage fresh = IcsFolderStorage.open(listed.folder());
    long start = System.nanoTime();
    List<ListedItem> first = fresh.list().items();
    long firstNanos = System.nanoTime() - start;
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      long cpu = processCpuNanos();
      start = System.nanoTime();
      assertThat(fresh.list().items()).hasSize(N);
      bestWall = Math.min(bestWall, System.nanoTime() - start);
      bestCpu = Math.min(bestCpu, processCpuNanos() - cpu);
    }
    System.out.printf(
        "list() of %d files: first %.1f ms, best warm %.1f ms wall, %.1f ms CPU%n",
        N, firstNanos / 1e6, bestWall / 1e6, bestCpu / 1e6);
    assertThat(first).hasSize(N);
  }

  /** Nanoseconds for the creates and one flush through the storage. */
  private long deferred(List<Item> items, boolean fsync, int threads) throws IOException {
    Path dir = tmp.resolve("deferred-" + fsync + "-" + threads);
    IcsFolderStorage storage = IcsFolderStorage.open(dir, fsync, false, threads);
    long start = System.nanoTime();
    storage.list(); // as the engine does before it creates
    items.forEach(storage::create);
    long created = System.nanoTime();
    storage.close();
    long end = System.nanoTime();
    System.out.printf(
        "  (creates %.0f ms, flush %.0f ms)%n", (created - start) / 1e6, (end - created) / 1e6);
    assertThat(IcsFolderStorage.open(dir).list().items()).hasSize(items.size());
    deleteTree(dir);
    return end - start;
  }

  /** Nanoseconds for the creates with a flush after every {@code batch} of them. */
  private long deferredInBatches(List<Item> items, int batch) throws IOException {
    Path dir = tmp.resolve("batches");
    IcsFolderStorage storage = IcsFolderStorage.open(dir);
    long start = System.nanoTime();
    storage.list();
    for (int i = 0; i < items.size(); i++) {
      storage.create(items.get(i));
      if ((i + 1) % batch == 0) {
        storage.flush();
      }
    }
    storage.close();
    long end = System.nanoTime();
    assertThat(IcsFolderStorage.open(dir).list().items()).hasSize(items.size());
    deleteTree(dir);
    return end - start;
  }

  /** Nanoseconds for the previous create path: each file written, forced and linked in turn. */
  private long fsyncPerFile(List<Item> items) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("per-file"));
    long start = System.nanoTime();
    for (Item item : items) {
      Path file = dir.resolve(IcsFolderStorage.fileName(item.uid()));
      AtomicFiles.write(file, item.text().getBytes(StandardCharsets.UTF_8), false, true);
      FileStamp.read(file).etag();
    }
    AtomicFiles.forceFolder(dir);
    long end = System.nanoTime();
    assertThat(IcsFolderStorage.open(dir).list().items()).hasSize(items.size());
    deleteTree(dir);
    return end - start;
  }

  private static void report(String what, long nanos) {
    System.out.printf(
        "%d creates + flush, %s: %.2f s (%.3f ms each)%n", N, what, nanos / 1e9, nanos / 1e6 / N);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
