package io.calsync.core.sync;

import static io.calsync.core.sync.TestItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Changes;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Side;
import io.calsync.core.model.WriteResult;
import io.calsync.core.status.StatusStore;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sync token kept after a run that wrote to an incremental storage: the storage's new one
 * when the only changes since the listing are the run's own writes (so the next run is not told
 * of them again), the listing's own otherwise (so nobody else's change is ever skipped).
 */
class SyncTokenAfterWritesTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

  final InMemoryStorage a = new InMemoryStorage("a");
  final InMemoryStorage b = new InMemoryStorage("b").incremental(true);
  final StatusStore status = StatusStore.inMemory();

  @Test
  void afterARunThatOnlyWroteItsOwnChanges_theNextRunIsNotToldOfThemAgain() {
    for (int i = 0; i < 5; i++) {
      a.put(item("u" + i, "item " + i));
    }
    sync(a, b);
    String kept = status.syncToken(Side.B).orElseThrow();
    assertThat(b.changesSince(kept)).hasValueSatisfying(c -> {
      assertThat(c.changed()).as("changes since the kept token").isEmpty();
      assertThat(c.deletedHrefs()).isEmpty();
    });
  }

  @Test
  void deletesAndUpdatesOfTheRun_countAsItsOwnToo() {
    a.put(item("u1", "one"));
    a.put(item("u2", "two"));
    a.put(item("u3", "three"));
    sync(a, b);
    a.put(item("u1", "one, edited"));
    a.remove("u2");
    sync(a, b);
    String kept = status.syncToken(Side.B).orElseThrow();
    assertThat(b.changesSince(kept).orElseThrow().changed()).isEmpty();
    assertThat(b.changesSince(kept).orElseThrow().deletedHrefs()).isEmpty();
  }

  @Test
  void anUnchangedItemTheStorageReportsAgain_doesNotCostTheNewToken() {
    a.put(item("u1", "one"));
    b.put(item("x", "someone's event"));
    sync(a, b);
    a.put(item("u2", "two"));
    // a server that re-reports an item it did not change (SOGo: deltas of the token's second)
    CalendarStorage repeating = new DelegatingStorage(b) {
      @Override
      public Optional<Changes> changesSince(String token) {
        return super.changesSince(token).map(c -> {
          List<ListedItem> changed = new ArrayList<>(c.changed());
          changed.add(new ListedItem(b.hrefOf("x").orElseThrow(), b.etagOf(b.hrefOf("x").orElseThrow()).orElseThrow()));
          return new Changes(changed, c.deletedHrefs(), c.syncToken());
        });
      }
    };
    sync(a, repeating);
    String kept = status.syncToken(Side.B).orElseThrow();
    assertThat(b.changesSince(kept).orElseThrow().changed()).isEmpty();
  }

  @Test
  void someoneElsesEditDuringTheRun_keepsTheListingsToken_andReachesTheOtherSideNextRun() {
    a.put(item("u1", "one"));
    b.put(item("x", "someone's event"));
    sync(a, b);
    a.put(item("u2", "two"));
    // while this run writes u2 to b, a user edits x there
    CalendarStorage racing = new DelegatingStorage(b) {
      @Override
      public WriteResult create(Item item) {
        WriteResult r = super.create(item);
        b.put(item("x", "someone's event, edited meanwhile"));
        return r;
      }
    };
    sync(a, racing);
    assertThat(a.item("x")).hasValueSatisfying(x -> assertThat(x.text()).isEqualTo("someone's event"));
    sync(a, b);
    assertThat(a.item("x")).hasValueSatisfying(x -> assertThat(x.text()).isEqualTo("someone's event, edited meanwhile"));
  }

  @Test
  void aWriteWhoseEtagTheStorageDidNotTell_keepsTheListingsToken() {
    a.put(item("u1", "one"));
    sync(a, b);
    String listed = status.syncToken(Side.B).orElseThrow();
    a.put(item("u2", "two"));
    sync(a, new FaultyStorage(b).nullEtags(true));
    assertThat(status.syncToken(Side.B)).contains(listed);
    assertThat(b.changesSince(listed).orElseThrow().changed()).hasSize(1);
  }

  @Test
  void aStorageThatCannotAnswerTheDelta_keepsTheListingsToken() {
    a.put(item("u1", "one"));
    List<String> asked = new ArrayList<>();
    CalendarStorage forgetful = new DelegatingStorage(b) {
      @Override
      public Optional<Changes> changesSince(String token) {
        asked.add(token);
        return Optional.empty();
      }
    };
    sync(a, forgetful);
    assertThat(status.syncToken(Side.B)).contains("v0");
    assertThat(asked).containsExactly("v0");
  }

  void sync(CalendarStorage x, CalendarStorage y) {
    SyncReport report = new SyncEngine(SyncOptions.defaults(), CLOCK, SyncListener.silent()).run(x, y, status);
    assertThat(report.problems()).isEmpty();
  }
}
