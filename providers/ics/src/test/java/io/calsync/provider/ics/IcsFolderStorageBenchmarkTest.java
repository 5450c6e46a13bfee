package io.calsync.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.provider.testkit.Fixtures;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what fsync costs per create and how long listing 10,000 files takes. Slow (minutes on
 * a slow disk), so off by default: {@code ./mvnw -pl providers/ics test -Dcalsync.bench=true
 * -Dtest=IcsFolderStorageBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "calsync.bench", matches = "true")
class IcsFolderStorageBenchmarkTest {

  private static final int N = 10_000;

  @TempDir Path tmp;

  @Test
  void create10000_withAndWithoutFsync_thenList() {
    List<Item> items =
        IntStream.range(0, N)
            .mapToObj(i -> Fixtures.simpleEvent("bench-" + i + "@x", "Bench " + i))
            .toList();

    double without = createAll(IcsFolderStorage.open(tmp.resolve("nosync"), false, false), items);
    IcsFolderStorage synced = IcsFolderStorage.open(tmp.resolve("sync"), true, false);
    double with = createAll(synced, items);
    System.out.printf(
        "%d creates: without fsync %.2f ms each, with fsync %.2f ms each (fsync cost %.2f ms)%n",
        N, without, with, with - without);

    synced.list();
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    List<ListedItem> listed = List.of();
    for (int round = 0; round < 10; round++) {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      listed = synced.list().items();
      bestWall = Math.min(bestWall, System.nanoTime() - start);
      bestCpu = Math.min(bestCpu, processCpuNanos() - cpu);
    }
    System.out.printf(
        "list() of %d files: best warm %.1f ms wall, %.1f ms CPU%n",
        N, bestWall / 1e6, bestCpu / 1e6);
    assertThat(listed).hasSize(N);
  }

  private static double createAll(IcsFolderStorage storage, List<Item> items) {
    long start = System.nanoTime();
    items.forEach(storage::create);
    storage.flush();
    return (System.nanoTime() - start) / 1e6 / items.size();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
