package io.calsync.core.sync;

import static io.calsync.core.sync.TestItems.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Item;
import io.calsync.core.model.WriteResult;
import io.calsync.core.status.StatusStore;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.InMemoryStorage;
import io.calsync.core.storage.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A storage that allows several writes at once gets them (its connection pool is used), and
 * everything the engine reports and records stays what one write at a time would give.
 */
class ConcurrentWritesTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

  final InMemoryStorage a = new InMemoryStorage("a");
  final InMemoryStorage b = new InMemoryStorage("b");
  final StatusStore status = StatusStore.inMemory();

  @Test
  void writesToAConcurrentStorage_overlapUpToItsLimit_neverBeyond() {
    for (int i = 0; i < 60; i++) {
      a.put(item("u" + i, "item " + i));
    }
    SlowStorage slow = new SlowStorage(b, 4, 0);
    SyncReport report = sync(a, slow);
    assertThat(report.hasErrors()).isFalse();
    assertThat(b.size()).isEqualTo(60);
    assertThat(status.items()).hasSize(60);
    assertThat(slow.maxInFlight.get()).as("writes in flight at once").isEqualTo(4);
  }

  @Test
  void aStorageOfOneWriteAtATime_isNeverCalledConcurrently() {
    for (int i = 0; i < 20; i++) {
      a.put(item("u" + i, "item " + i));
    }
    SlowStorage slow = new SlowStorage(b, 1, 0);
    sync(a, slow);
    assertThat(b.size()).isEqualTo(20);
    assertThat(slow.maxInFlight.get()).isEqualTo(1);
    assertThat(slow.threads).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void outcomesAreReportedInPlanOrder_whateverOrderTheWritesFinishIn() {
    for (int i = 0; i < 40; i++) {
      a.put(item(String.format("u%02d", i), "item " + i));
    }
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    List<String> planned = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void applied(SyncAction action, String outcome) {
            if (action instanceof SyncAction.Create) {
              heard.add(action.uid());
            }
          }
        };
    SyncReport report =
        new SyncEngine(SyncOptions.defaults(), CLOCK, listener).run(a, new SlowStorage(b, 8, 42), status);
    report.plan().stream().filter(SyncAction.Create.class::isInstance).forEach(action -> planned.add(action.uid()));
    assertThat(planned).hasSize(40);
    assertThat(heard).isEqualTo(planned);
  }

  @Test
  void oneFailingWrite_amongConcurrentOnes_isSetAside_andTheOthersLand() {
    for (int i = 0; i < 30; i++) {
      a.put(item("u" + i, "item " + i));
    }
    SlowStorage slow = new SlowStorage(b, 4, 7);
    slow.failing = "u13";
    SyncReport report = sync(a, slow);
    assertThat(b.size()).isEqualTo(29);
    assertThat(status.items()).hasSize(29).doesNotContainKey("u13");
    assertThat(report.destination().errors()).isEqualTo(1);
    assertThat(report.problems()).singleElement().asString().contains("u13");
  }

  @Test
  void storageDownWithConcurrentWrites_abortsAfterFiveInARow_withoutRunningThroughThePlan() {
    for (int i = 0; i < 100; i++) {
      a.put(item("u" + i, "item " + i));
    }
    SlowStorage down = new SlowStorage(b, 4, 0);
    down.down = true;
    assertThatThrownBy(() -> sync(a, down)).isInstanceOf(StorageException.Unavailable.class);
    assertThat(down.attempts.get())
        .as("writes tried before the run stopped: the five in a row plus at most the limit in flight")
        .isLessThanOrEqualTo(PlanExecutor.MAX_CONSECUTIVE_UNAVAILABLE + 4);
    assertThat(down.inFlight.get()).as("nothing still writing after the run failed").isZero();
  }

  @Test
  void killedDuringConcurrentWrites_theNextRunCompletesWithoutDuplicates() {
    for (int i = 0; i < 50; i++) {
      a.put(item("u" + i, "item " + i));
    }
    SlowStorage dying = new SlowStorage(b, 4, 3);
    dying.killAt = 20;
    assertThatThrownBy(() -> sync(a, dying)).hasMessage("simulated kill");
    SyncReport second = sync(a, b);
    assertThat(second.hasErrors()).isFalse();
    assertThat(b.items()).extracting(Item::uid).doesNotHaveDuplicates().hasSize(50);
    assertThat(status.items()).hasSize(50);
    assertThat(sync(a, b).plan()).isEmpty();
  }

  SyncReport sync(CalendarStorage x, CalendarStorage y) {
    return new SyncEngine(SyncOptions.defaults(), CLOCK, SyncListener.silent()).run(x, y, status);
  }

  /**
   * Wraps a storage: each create takes a little while (a pseudo-random 0–3 ms per seed, so that
   * writes finish out of order), and records how many are in flight at once and on which threads.
   */
  static final class SlowStorage extends DelegatingStorage {
    final int concurrency;
    final Random rnd;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    volatile String failing;
    volatile boolean down;
    volatile int killAt = -1;

    SlowStorage(CalendarStorage delegate, int concurrency, long seed) {
      super(delegate);
      this.concurrency = concurrency;
      this.rnd = new Random(seed);
    }

    @Override
    public int writeConcurrency() {
      return concurrency;
    }

    @Override
    public WriteResult create(Item item) {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      threads.add(Thread.currentThread().getName());
      int n = attempts.incrementAndGet();
      try {
        int pause;
        synchronized (rnd) {
          pause = rnd.nextInt(4);
        }
        Thread.sleep(down ? 5 : pause);
        if (down) {
          throw new StorageException.Unavailable("server down", null);
        }
        if (item.uid().equals(failing)) {
          throw new StorageException.ItemRejected("refused " + item.uid(), null);
        }
        WriteResult r = super.create(item);
        if (n == killAt) {
          throw new IllegalStateException("simulated kill");
        }
        return r;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException.Unavailable("interrupted", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
