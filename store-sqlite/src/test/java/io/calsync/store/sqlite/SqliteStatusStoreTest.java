package io.calsync.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.StatusStore;
import io.calsync.core.status.SyncedMetadata;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real SQLite file, plus what only a durable store must do. */
class SqliteStatusStoreTest extends StatusStoreContract {

  @TempDir Path dir;
  private SqliteStateDb db;

  @Override
  protected StatusStore newStore() {
    db = SqliteStateDb.open(dir.resolve("state.db"));
    return db.status(db.pair("ics:/src", "ics:/dst"));
  }

  @Override
  protected void closeStores() {
    db.close();
  }

  @Test
  void putItem_outsideTransaction_isVisibleToAnotherConnectionAtOnce() {
    store.putItem(item("u1", 1));

    try (SqliteStateDb other = SqliteStateDb.open(db.file())) {
      assertThat(other.status(other.pair("ics:/src", "ics:/dst")).items()).containsOnlyKeys("u1");
    }
  }

  @Test
  void transaction_inProgress_isInvisibleToAnotherConnectionUntilCommit() {
    try (SqliteStateDb other = SqliteStateDb.open(db.file())) {
      StatusStore seenByOther = other.status(other.pair("ics:/src", "ics:/dst"));
      store.transaction(
          () -> {
            store.putItem(item("u1", 1));
            store.transaction(
                () -> {
                  store.putItem(item("u2", 1));
                  return null;
                });
            assertThat(seenByOther.items()).isEmpty(); // the nested one did not commit early
            return null;
          });
      assertThat(seenByOther.items()).containsOnlyKeys("u1", "u2");
    }
  }

  @Test
  void metadata_isKeptPerPair_andSurvivesReopening() {
    SyncedMetadata work = SyncedMetadata.agreed(new MetadataValues("Work", "#112233", "w"));
    SyncedMetadata home =
        new SyncedMetadata(new MetadataValues("Home", null, null), new MetadataValues("Zuhause", null, null));
    store.putMetadata(work);
    db.status(db.pair("ics:/other", "ics:/dst")).putMetadata(home);

    try (SqliteStateDb other = SqliteStateDb.open(db.file())) {
      assertThat(other.status(other.pair("ics:/src", "ics:/dst")).metadata()).contains(work);
      assertThat(other.status(other.pair("ics:/other", "ics:/dst")).metadata()).contains(home);
      assertThat(other.status(other.pair("ics:/third", "ics:/dst")).metadata()).isEmpty();
    }
  }

  @Test
  void items_of10000Rows_isOneFastQuery() {
    store.transaction(
        () -> {
          for (int i = 0; i < 10_000; i++) {
            store.putItem(item("0123456789abcdef-uid-" + i + "@calsync.example", i));
          }
          return null;
        });
    store.items(); // warm up JIT and the page cache

    long best = Long.MAX_VALUE;
    Map<String, ItemStatus> items = Map.of();
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      items = store.items();
      best = Math.min(best, System.nanoTime() - start);
    }

    assertThat(items).hasSize(10_000);
    // Aim is < 50 ms; the bound is loose so that a loaded CI machine does not fail the build.
    assertThat(best / 1_000_000).as("best of 5, ms").isLessThan(500);
  }
}
