package io.calsync.core.sync;

import static io.calsync.core.sync.TestItems.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Item;
import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.InMemoryStorage;
import io.calsync.core.storage.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine end to end over {@link InMemoryStorage}: reading, executing, recording status. */
class SyncEngineTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

  final InMemoryStorage a = new InMemoryStorage("a");
  final InMemoryStorage b = new InMemoryStorage("b");
  final StatusStore status = StatusStore.inMemory();

  SyncReport sync(CalendarStorage x, CalendarStorage y) {
    return sync(x, y, SyncOptions.defaults());
  }

  SyncReport sync(CalendarStorage x, CalendarStorage y, SyncOptions options) {
    return new SyncEngine(options, CLOCK, SyncListener.silent()).run(x, y, status);
  }

  @Test
  void firstSync_copiesNewItemsBothWays_andRecordsStatus() {
    a.put(item("u1", "one"));
    b.put(item("u2", "two"));
    SyncReport report = sync(a, b);
    assertThat(a.item("u2")).contains(item("u2", "two"));
    assertThat(b.item("u1")).contains(item("u1", "one"));
    assertThat(report.source().created()).isEqualTo(1);
    assertThat(report.destination().created()).isEqualTo(1);
    assertThat(report.hasErrors()).isFalse();
    assertThat(status.items()).containsOnlyKeys("u1", "u2");
  }

  @Test
  void secondRun_withNoChanges_isANoOp() {
    a.put(item("u1", "one"));
    b.put(item("u2", "two"));
    sync(a, b);
    int writesA = a.writeCount();
    int writesB = b.writeCount();
    Map<String, ItemStatus> before = status.items();
    SyncReport second = sync(a, b);
    assertThat(second.plan()).isEmpty();
    assertThat(a.writeCount()).isEqualTo(writesA);
    assertThat(b.writeCount()).isEqualTo(writesB);
    assertThat(status.items()).isEqualTo(before);
  }

  @Test
  void editAndDeletion_propagate() {
    a.put(item("u1", "one"));
    a.put(item("u2", "two"));
    a.put(item("u3", "three"));
    a.put(item("u4", "four"));
    sync(a, b);
    a.put(item("u1", "one, edited"));
    b.remove("u2");
    SyncReport report = sync(a, b);
    assertThat(b.item("u1")).contains(item("u1", "one, edited"));
    assertThat(a.item("u2")).isEmpty();
    assertThat(report.destination().updated()).isEqualTo(1);
    assertThat(report.source().deleted()).isEqualTo(1);
    assertThat(status.items()).containsOnlyKeys("u1", "u3", "u4");
  }

  @Test
  void oneFailingItem_doesNotBlockTheOthers() {
    for (int i = 1; i <= 5; i++) {
      a.put(item("u" + i, "item " + i));
    }
    FaultyStorage faultyB =
        new FaultyStorage(b).failUid("u3", () -> new StorageException.ItemRejected("too large", null));
    SyncReport report = sync(a, faultyB);
    assertThat(b.size()).isEqualTo(4);
    assertThat(b.item("u3")).isEmpty();
    assertThat(report.destination().created()).isEqualTo(4);
    assertThat(report.destination().errors()).isEqualTo(1);
    assertThat(report.problems()).singleElement().asString().contains("u3", "too large");
    assertThat(status.items()).doesNotContainKey("u3");
    // the next run without the fault catches up
    sync(a, b);
    assertThat(b.item("u3")).isPresent();
  }

  @Test
  void unreadableItem_isNeverDeletedOnTheOtherSide() {
    a.put(item("u1", "one"));
    a.put(item("u2", "two"));
    sync(a, b);
    a.put(item("u1", "one, edited so it is fetched"));
    FaultyStorage faultyA = new FaultyStorage(a).unreadable("u1.ics", "DTSTART unparseable");
    SyncReport report = sync(faultyA, b);
    assertThat(b.item("u1")).contains(item("u1", "one"));
    assertThat(report.problems()).singleElement().asString().contains("u1.ics", "DTSTART unparseable");
    assertThat(report.hasErrors()).isTrue();
    assertThat(report.source().errors()).isEqualTo(1);
  }

  @Test
  void dryRun_writesNothing_andReportsThePlan() {
    a.put(item("u1", "one"));
    b.put(item("u2", "two"));
    List<String> outcomes = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void applied(SyncAction action, String outcome) {
            outcomes.add(outcome);
          }
        };
    SyncReport report =
        new SyncEngine(SyncOptions.defaults().withDryRun(true), CLOCK, listener).run(a, b, status);
    assertThat(report.dryRun()).isTrue();
    assertThat(report.plan()).hasSize(3); // two creates, then the calendar names ("a", "b") recorded
    assertThat(report.plan().get(0).describe()).contains("destination", "u1");
    assertThat(report.plan().get(2)).isInstanceOf(SyncAction.RecordMetadata.class);
    assertThat(status.metadata()).isEmpty();
    assertThat(outcomes).containsOnly("skipped (dry run)");
    assertThat(a.writeCount() + b.writeCount()).isZero();
    assertThat(a.size()).isEqualTo(1);
    assertThat(status.items()).isEmpty();
  }

  @Test
  void etagOnlyChange_refreshesStatus_withoutWrites() {
    a.put(item("u1", "one"));
    sync(a, b);
    String oldEtag = status.items().get("u1").a().etag();
    a.put(item("u1", "one")); // same content rewritten: new etag, same hash
    int writes = a.writeCount() + b.writeCount();
    SyncReport report = sync(a, b);
    assertThat(a.writeCount() + b.writeCount()).isEqualTo(writes);
    assertThat(report.plan()).singleElement().isInstanceOf(SyncAction.RecordStatus.class);
    assertThat(status.items().get("u1").a().etag()).isNotEqualTo(oldEtag).isEqualTo(a.etagOf("u1.ics").orElseThrow());
    assertThat(sync(a, b).plan()).isEmpty();
  }

  @Test
  void writeWithoutEtag_storesNull_andNextRunLearnsItWithoutWriting() {
    a.put(item("u1", "one"));
    FaultyStorage noEtags = new FaultyStorage(b).nullEtags(true);
    sync(a, noEtags);
    assertThat(status.items().get("u1").b().etag()).isNull();
    int writes = b.writeCount();
    SyncReport second = sync(a, b);
    assertThat(b.writeCount()).isEqualTo(writes);
    assertThat(second.plan()).singleElement().isInstanceOf(SyncAction.RecordStatus.class);
    assertThat(sync(a, b).plan()).isEmpty();
  }

  @Test
  void listingThatThrows_abortsBeforeAnyWrite() {
    a.put(item("u1", "one"));
    b.put(item("u2", "two"));
    FaultyStorage down = new FaultyStorage(b).failList(FaultyStorage.unavailable());
    assertThatThrownBy(() -> sync(a, down)).isInstanceOf(StorageException.Unavailable.class);
    assertThat(a.writeCount() + b.writeCount()).isZero();
    assertThat(status.items()).isEmpty();
  }

  @Test
  void unavailableForOneItem_isSetAside_andTheRunGoesOn() {
    for (int i = 1; i <= 3; i++) {
      a.put(item("u" + i, "item " + i));
    }
    FaultyStorage flaky = new FaultyStorage(b).failUid("u2", FaultyStorage::unavailable);
    SyncReport report = sync(a, flaky);
    assertThat(b.size()).isEqualTo(2);
    assertThat(report.destination().errors()).isEqualTo(1);
  }

  @Test
  void unavailableForFiveItemsInARow_abortsTheRun() {
    for (int i = 1; i <= 8; i++) {
      a.put(item("u" + i, "item " + i));
    }
    FaultyStorage down = new FaultyStorage(b);
    for (int i = 1; i <= 8; i++) {
      down.failUid("u" + i, FaultyStorage::unavailable);
    }
    assertThatThrownBy(() -> sync(a, down)).isInstanceOf(StorageException.Unavailable.class);
    assertThat(down.writes()).isZero();
  }

  @Test
  void etagMismatchDuringUpdate_isReportedAsRetryNextRun_andStatusUntouched() {
    a.put(item("u1", "one"));
    sync(a, b);
    Map<String, ItemStatus> before = status.items();
    a.put(item("u1", "one, edited"));
    FaultyStorage racing =
        new FaultyStorage(b).failUid("u1", () -> new StorageException.EtagMismatch("someone else wrote"));
    SyncReport report = sync(a, racing);
    assertThat(report.problems()).singleElement().asString().contains("changed during sync, will be retried next run");
    assertThat(status.items()).isEqualTo(before);
    sync(a, b);
    assertThat(b.item("u1")).contains(item("u1", "one, edited"));
  }

  @Test
  void createThatFindsTheUidAlreadyThere_isAProblemNotACrash() {
    a.put(item("u1", "one"));
    b.put(item("u1", "other")).length();
    b.window(i -> false); // destination lists nothing (incomplete): u1 there is invisible
    SyncReport report = sync(a, b);
    assertThat(report.problems()).singleElement().asString().contains("u1", "look again next run");
    assertThat(b.item("u1")).contains(item("u1", "other"));
  }

  @Test
  void itemThatLeftTheDateWindow_isNotDeleted() {
    a.put(item("u1", "one"));
    a.put(item("u2", "two"));
    sync(a, b);
    b.window(i -> !i.uid().equals("u1"));
    SyncReport report = sync(a, b);
    assertThat(report.plan()).isEmpty();
    assertThat(a.item("u1")).isPresent();
    // really deleted outside the window: now it goes
    b.remove("u1");
    sync(a, b);
    assertThat(a.item("u1")).isEmpty();
  }

  @Test
  void readOnlyDestination_isNeverWritten_andTheSourceIsNotReverted() {
    a.put(item("u1", "one"));
    b.readOnly(true);
    SyncReport report = sync(a, b);
    assertThat(b.size()).isZero();
    assertThat(a.item("u1")).isPresent();
    assertThat(report.destination().errors()).isEqualTo(1);
    assertThat(report.problems()).singleElement().asString().contains("destination is read-only");
  }

  @Test
  void emptiedDestination_stopsBeforeDeletingTheSource() {
    for (int i = 1; i <= 3; i++) {
      a.put(item("u" + i, "item " + i));
    }
    sync(a, b);
    for (int i = 1; i <= 3; i++) {
      b.remove("u" + i);
    }
    int writes = a.writeCount();
    assertThatThrownBy(() -> sync(a, b))
        .isInstanceOf(SafetyStop.class)
        .hasMessageContaining("destination lists no items but 3 were synced before")
        .hasMessageContaining("--force-delete");
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.writeCount()).isEqualTo(writes);
    sync(a, b, SyncOptions.defaults().withForceDelete(true));
    assertThat(a.size()).isZero();
    assertThat(status.items()).isEmpty();
  }

  @ParameterizedTest(name = "resolved for the {0}")
  @EnumSource(Side.class)
  void manualConflict_withIncrementalStorages_staysPending_thenAppliesTheWinner(Side winner) {
    a.incremental(true);
    b.incremental(true);
    a.put(item("u1", "base"));
    sync(a, b);
    a.put(item("u1", "source edit"));
    b.put(item("u1", "destination edit"));
    SyncOptions manual = SyncOptions.defaults().withStrategy(ConflictStrategy.MANUAL);
    sync(a, b, manual);

    // A delta says nothing of the conflicting items; the status (never advanced by a conflict)
    // must not be taken for their current version.
    SyncReport again = sync(a, b, manual);
    assertThat(again.plan()).isEmpty();
    assertThat(again.conflictsPending()).isEqualTo(1);
    assertThat(a.item("u1")).contains(item("u1", "source edit"));
    assertThat(b.item("u1")).contains(item("u1", "destination edit"));

    Conflict c = status.conflicts().get(0);
    status.putConflict(c.resolvedBy(winner, CLOCK.instant()));
    SyncReport applied = sync(a, b, manual);
    assertThat(applied.problems()).isEmpty();
    String kept = winner == Side.A ? "source edit" : "destination edit";
    assertThat(a.item("u1")).contains(item("u1", kept));
    assertThat(b.item("u1")).contains(item("u1", kept));
    assertThat(status.conflicts()).isEmpty();
    assertThat(sync(a, b, manual).plan()).isEmpty();
  }

  @Test
  void manualConflictOfTwoCreates_withIncrementalStorages_staysPending() {
    a.incremental(true);
    b.incremental(true);
    sync(a, b);
    a.put(item("u1", "created on source"));
    b.put(item("u1", "created on destination"));
    SyncOptions manual = SyncOptions.defaults().withStrategy(ConflictStrategy.MANUAL);
    assertThat(sync(a, b, manual).conflictsPending()).isEqualTo(1);

    SyncReport again = sync(a, b, manual);
    assertThat(again.conflictsPending()).isEqualTo(1);
    assertThat(status.conflicts()).hasSize(1);
  }

  @Test
  void manualConflict_overwritesNothing_untilResolved_thenAppliesTheWinner() {
    a.put(item("u1", "base"));
    sync(a, b);
    a.put(item("u1", "source edit"));
    b.put(item("u1", "destination edit"));
    SyncOptions manual = SyncOptions.defaults().withStrategy(ConflictStrategy.MANUAL);
    SyncReport report = sync(a, b, manual);
    assertThat(report.conflictsPending()).isEqualTo(1);
    assertThat(a.item("u1")).contains(item("u1", "source edit"));
    assertThat(b.item("u1")).contains(item("u1", "destination edit"));
    Conflict c = status.conflicts().get(0);
    assertThat(c.detectedAt()).isEqualTo(CLOCK.instant());

    SyncReport again = sync(a, b, manual);
    assertThat(again.plan()).isEmpty();
    assertThat(again.conflictsPending()).isEqualTo(1);

    status.putConflict(c.resolvedBy(Side.B, CLOCK.instant()));
    SyncReport applied = sync(a, b, manual);
    assertThat(a.item("u1")).contains(item("u1", "destination edit"));
    assertThat(applied.source().conflicts()).isEqualTo(1);
    assertThat(applied.conflictsPending()).isZero();
    assertThat(status.conflicts()).isEmpty();
    assertThat(sync(a, b, manual).plan()).isEmpty();
  }

  @Test
  void incrementalStorage_usesChangesSinceToken_andStillPropagates() {
    a.incremental(true);
    a.put(item("u1", "one"));
    a.put(item("u2", "two"));
    sync(a, b);
    assertThat(status.syncToken(Side.A)).isPresent();
    List<String> phases = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void phase(String description) {
            phases.add(description);
          }
        };
    a.put(item("u1", "one, edited"));
    a.put(item("u3", "three"));
    new SyncEngine(SyncOptions.defaults(), CLOCK, listener).run(a, b, status);
    assertThat(phases).contains("asking source for changes").doesNotContain("listing source");
    assertThat(b.item("u1")).contains(item("u1", "one, edited"));
    assertThat(b.item("u3")).isPresent();
    assertThat(b.item("u2")).isPresent();
  }

  @Test
  void runWithProblems_forgetsTheSyncToken_soTheNextRunListsEverything() {
    a.incremental(true);
    a.put(item("u1", "one"));
    FaultyStorage failing =
        new FaultyStorage(b).failUid("u1", () -> new StorageException.ItemRejected("no", null));
    sync(a, failing);
    assertThat(status.syncToken(Side.A)).isEmpty();
    sync(a, b);
    assertThat(b.item("u1")).isPresent();
  }

  @Test
  void runKilledAfterAWrite_isCompletedByTheNextRun_withoutDuplicates() {
    for (int i = 1; i <= 4; i++) {
      a.put(item("u" + i, "item " + i));
    }
    FaultyStorage killed =
        new FaultyStorage(b).failWrite(2, true, () -> new IllegalStateException("killed"));
    assertThatThrownBy(() -> sync(a, killed)).hasMessage("killed");
    assertThat(b.size()).isEqualTo(2);
    assertThat(status.items()).isEmpty(); // statuses are committed per flushed batch

    int writes = b.writeCount();
    SyncReport report = sync(a, b);
    assertThat(report.problems()).isEmpty();
    assertThat(b.writeCount() - writes).isEqualTo(2); // only the two not written yet
    assertThat(b.items()).extracting(Item::uid).containsExactlyInAnyOrder("u1", "u2", "u3", "u4");
    assertThat(status.items()).hasSize(4);
  }

  @Test
  void listenerHearsPhasesAndProgress() {
    a.put(item("u1", "one"));
    List<String> phases = new ArrayList<>();
    List<Long> progress = new ArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void phase(String description) {
            phases.add(description);
          }

          @Override
          public void progress(long done, long total) {
            progress.add(done);
          }
        };
    new SyncEngine(SyncOptions.defaults(), CLOCK, listener).run(a, b, status);
    // Both sides are read at once, so their phases may interleave; applying comes last.
    assertThat(phases)
        .containsExactlyInAnyOrder(
            "listing source", "fetching 1 changed items from source", "listing destination",
            "applying 2 changes") // the item, then recording the calendars' names
        .endsWith("applying 2 changes");
    assertThat(phases.indexOf("listing source"))
        .isLessThan(phases.indexOf("fetching 1 changed items from source"));
    assertThat(progress).isNotEmpty();
  }

  @Test
  void writesAreFlushedBeforeTheirStatus_andAFailedFlushLeavesTheStatusUnrecorded() {
    a.put(item("u1", "one"));
    a.put(item("u2", "two"));
    FaultyStorage buffering = new FaultyStorage(b);
    sync(a, buffering);
    assertThat(buffering.flushes()).isEqualTo(1); // one batch
    assertThat(status.items()).containsKeys("u1", "u2");

    a.put(item("u3", "three"));
    FaultyStorage failing =
        new FaultyStorage(b).failFlush(new StorageException.Unavailable("disk full", null));
    SyncReport report = sync(a, failing);
    assertThat(report.problems()).singleElement().asString().contains("u3", "disk full");
    assertThat(status.items()).doesNotContainKey("u3");
    sync(a, b); // converges: both sides equal, status recorded, no duplicate
    assertThat(status.items()).containsKey("u3");
    assertThat(b.items()).extracting(Item::uid).containsExactlyInAnyOrder("u1", "u2", "u3");
  }
}
