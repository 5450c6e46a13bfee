package io.calsync.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ConflictVersion;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.SideStatus;
import io.calsync.core.status.StatusStore;
import io.calsync.core.status.SyncedMetadata;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StatusStore} must do, whatever keeps it. Subclass it with a factory of fresh,
 * empty stores; each test gets its own.
 */
abstract class StatusStoreContract {

  protected StatusStore store;

  /** A fresh, empty store. */
  protected abstract StatusStore newStore();

  /** Releases what {@link #newStore()} opened; called after each test. */
  protected void closeStores() {}

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
    closeStores();
  }

  // ------------------------------------------------------------------ fixtures

  static ItemStatus item(String uid, int version) {
    return new ItemStatus(
        uid,
        new SideStatus(uid + ".ics", "\"a-" + version + "\"", "hash-" + version),
        new SideStatus("/cal/" + uid + ".ics", "\"b-" + version + "\"", "hash-" + version));
  }

  static Conflict conflict(String id, String uid) {
    return new Conflict(
        id,
        uid,
        "Team meeting",
        Instant.parse("2026-11-24T08:15:30.123456789Z"),
        new ConflictVersion(uid + ".ics", "\"a1\"", "hash-a", "BEGIN:VCALENDAR\r\nA\r\nEND:VCALENDAR\r\n"),
        new ConflictVersion("/cal/" + uid + ".ics", "\"b1\"", "hash-b", "BEGIN:VCALENDAR\r\nB\r\nEND:VCALENDAR\r\n"),
        null,
        null);
  }

  // ------------------------------------------------------------------ items

  @Test
  void items_ofNewStore_isEmpty() {
    assertThat(store.items()).isEmpty();
    assertThat(store.conflicts()).isEmpty();
    assertThat(store.syncToken(Side.A)).isEmpty();
    assertThat(store.syncToken(Side.B)).isEmpty();
  }

  @Test
  void putItem_thenItems_returnsItByUid() {
    store.putItem(item("u1", 1));
    store.putItem(item("u2", 1));

    assertThat(store.items()).containsExactlyInAnyOrderEntriesOf(Map.of("u1", item("u1", 1), "u2", item("u2", 1)));
  }

  @Test
  void putItem_sameUid_replacesIt() {
    store.putItem(item("u1", 1));
    store.putItem(item("u1", 2));

    assertThat(store.items()).containsExactly(Map.entry("u1", item("u1", 2)));
  }

  @Test
  void putItem_withoutEtags_keepsThemNull() {
    ItemStatus noEtags =
        new ItemStatus("u1", new SideStatus("u1.ics", null, "h"), new SideStatus("x/u1.ics", null, "h"));
    store.putItem(noEtags);

    assertThat(store.items().get("u1")).isEqualTo(noEtags);
  }

  @Test
  void putItem_withOddCharacters_roundTrips() {
    ItemStatus odd =
        new ItemStatus(
            "040000008200E00074C5B7101A82E008@outlook ünïcödé 'quote\" ;%_",
            new SideStatus("a b/ü%20.ics", "W/\"x'y\"", "sha256:00"),
            new SideStatus("https://h/cal/%C3%BC.ics", "", "sha256:00"));
    store.putItem(odd);

    assertThat(store.items()).containsExactly(Map.entry(odd.uid(), odd));
  }

  @Test
  void removeItem_forgetsOnlyThatItem() {
    store.putItem(item("u1", 1));
    store.putItem(item("u2", 1));

    store.removeItem("u1");

    assertThat(store.items()).containsOnlyKeys("u2");
  }

  @Test
  void removeItem_unknownUid_doesNothing() {
    store.putItem(item("u1", 1));

    store.removeItem("nope");

    assertThat(store.items()).containsOnlyKeys("u1");
  }

  @Test
  void items_isASnapshot_laterWritesDoNotChangeIt() {
    store.putItem(item("u1", 1));
    Map<String, ItemStatus> before = store.items();

    store.putItem(item("u2", 1));
    store.removeItem("u1");

    assertThat(before).containsOnlyKeys("u1");
    assertThatThrownBy(() -> before.put("x", item("x", 1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void items_manyItems_allReturned() {
    store.transaction(
        () -> {
          for (int i = 0; i < 2_000; i++) {
            store.putItem(item("uid-" + i, i));
          }
          return null;
        });

    Map<String, ItemStatus> items = store.items();
    assertThat(items).hasSize(2_000);
    assertThat(items.get("uid-1234")).isEqualTo(item("uid-1234", 1234));
  }

  // ------------------------------------------------------------------ sync tokens

  @Test
  void syncToken_isKeptPerSide() {
    store.putSyncToken(Side.A, "token-a");
    store.putSyncToken(Side.B, "token-b");

    assertThat(store.syncToken(Side.A)).contains("token-a");
    assertThat(store.syncToken(Side.B)).contains("token-b");
  }

  @Test
  void putSyncToken_again_replacesIt() {
    store.putSyncToken(Side.A, "1");
    store.putSyncToken(Side.A, "2");

    assertThat(store.syncToken(Side.A)).contains("2");
  }

  @Test
  void putSyncToken_null_forgetsOnlyThatSide() {
    store.putSyncToken(Side.A, "token-a");
    store.putSyncToken(Side.B, "token-b");

    store.putSyncToken(Side.A, null);

    assertThat(store.syncToken(Side.A)).isEmpty();
    assertThat(store.syncToken(Side.B)).contains("token-b");
  }

  // ------------------------------------------------------------------ conflicts

  @Test
  void putConflict_thenConflict_returnsBothVersionsWhole() {
    Conflict c = conflict("c1", "u1");
    store.putConflict(c);

    assertThat(store.conflict("c1")).contains(c);
    assertThat(store.conflicts()).containsExactly(c);
  }

  @Test
  void putConflict_withDeletedSideAndNoSummary_roundTrips() {
    Conflict c =
        new Conflict(
            "c1",
            "u1",
            null,
            Instant.parse("2026-01-01T00:00:00Z"),
            new ConflictVersion("u1.ics", "\"e\"", "h", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
            new ConflictVersion(null, null, null, null),
            null,
            null);
    store.putConflict(c);

    Conflict read = store.conflict("c1").orElseThrow();
    assertThat(read.b().deleted()).isTrue();
    assertThat(read).isEqualTo(c);
  }

  @Test
  void putConflict_sameId_replacesItInPlace() {
    store.putConflict(conflict("c1", "u1"));
    store.putConflict(conflict("c2", "u2"));
    Conflict resolved = conflict("c1", "u1").resolvedBy(Side.B, Instant.parse("2026-11-25T10:00:00Z"));

    store.putConflict(resolved);

    assertThat(store.conflicts()).containsExactly(resolved, conflict("c2", "u2"));
  }

  @Test
  void conflicts_listsPendingAndResolvedInInsertionOrder() {
    Conflict pending = conflict("c1", "u1");
    Conflict resolved = conflict("c2", "u2").resolvedBy(Side.A, Instant.parse("2026-11-25T10:00:00Z"));
    store.putConflict(pending);
    store.putConflict(resolved);

    assertThat(store.conflicts()).containsExactly(pending, resolved);
    assertThat(store.conflicts()).filteredOn(Conflict::isPending).containsExactly(pending);
    assertThat(store.conflict("c2").orElseThrow().resolution()).isEqualTo(Side.A);
  }

  @Test
  void removeConflict_forgetsOnlyThatConflict() {
    store.putConflict(conflict("c1", "u1"));
    store.putConflict(conflict("c2", "u2"));

    store.removeConflict("c1");
    store.removeConflict("unknown");

    assertThat(store.conflict("c1")).isEmpty();
    assertThat(store.conflicts()).extracting(Conflict::id).containsExactly("c2");
  }

  // ------------------------------------------------------------------ calendar metadata

  static SyncedMetadata metadata(String name) {
    return new SyncedMetadata(
        new MetadataValues(name, "#ff0000", "team calendar"),
        new MetadataValues(name, "#ff0000", null));
  }

  @Test
  void metadata_ofNewStore_isEmpty() {
    assertThat(store.metadata()).isEmpty();
  }

  @Test
  void putMetadata_thenMetadata_returnsBothSides() {
    store.putMetadata(metadata("Work"));

    assertThat(store.metadata()).contains(metadata("Work"));
  }

  @Test
  void putMetadata_again_replacesIt() {
    store.putMetadata(metadata("Work"));
    SyncedMetadata differing =
        new SyncedMetadata(
            new MetadataValues("Work", null, null), new MetadataValues("Arbeit", "#00ff00", "x"));

    store.putMetadata(differing);

    assertThat(store.metadata()).contains(differing);
  }

  @Test
  void putMetadata_allUnset_roundTripsAsUnset() {
    store.putMetadata(SyncedMetadata.agreed(MetadataValues.EMPTY));

    SyncedMetadata read = store.metadata().orElseThrow();
    assertThat(read.a()).isEqualTo(MetadataValues.EMPTY);
    assertThat(read.b()).isEqualTo(MetadataValues.EMPTY);
  }

  @Test
  void putMetadata_withOddCharacters_roundTrips() {
    SyncedMetadata odd =
        SyncedMetadata.agreed(
            new MetadataValues("Büro 'quote\" ;%_ 📅", "#abcdef80", "ünïcödé – x"));
    store.putMetadata(odd);

    assertThat(store.metadata()).contains(odd);
  }

  @Test
  void putMetadata_doesNotTouchItemsTokensOrConflicts() {
    store.putItem(item("u1", 1));
    store.putSyncToken(Side.A, "t");
    store.putConflict(conflict("c1", "u2"));

    store.putMetadata(metadata("Work"));

    assertThat(store.items()).containsOnlyKeys("u1");
    assertThat(store.syncToken(Side.A)).contains("t");
    assertThat(store.conflicts()).hasSize(1);
  }

  // ------------------------------------------------------------------ transactions

  @Test
  void transaction_thatCompletes_keepsEverythingAndReturnsItsResult() {
    String result =
        store.transaction(
            () -> {
              store.putItem(item("u1", 1));
              store.putSyncToken(Side.B, "t");
              store.putConflict(conflict("c1", "u2"));
              store.putMetadata(metadata("Work"));
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(store.items()).containsOnlyKeys("u1");
    assertThat(store.syncToken(Side.B)).contains("t");
    assertThat(store.conflicts()).hasSize(1);
    assertThat(store.metadata()).contains(metadata("Work"));
  }

  @Test
  void transaction_thatThrows_leavesNothingAndRethrows() {
    store.putItem(item("keep", 1));
    store.putSyncToken(Side.A, "old");
    store.putConflict(conflict("c0", "u0"));
    store.putMetadata(metadata("Old"));
    RuntimeException boom = new IllegalArgumentException("boom");

    assertThatThrownBy(
            () ->
                store.transaction(
                    () -> {
                      store.putItem(item("u1", 1));
                      store.putItem(item("keep", 2));
                      store.removeConflict("c0");
                      store.putConflict(conflict("c1", "u1"));
                      store.putSyncToken(Side.A, "new");
                      store.putSyncToken(Side.B, "new");
                      store.putMetadata(metadata("New"));
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(store.items()).containsExactly(Map.entry("keep", item("keep", 1)));
    assertThat(store.syncToken(Side.A)).contains("old");
    assertThat(store.syncToken(Side.B)).isEmpty();
    assertThat(store.conflicts()).extracting(Conflict::id).containsExactly("c0");
    assertThat(store.metadata()).contains(metadata("Old"));
  }

  @Test
  void transaction_thatThrows_onFirstMetadata_leavesNoMetadata() {
    assertThatThrownBy(
            () ->
                store.transaction(
                    () -> {
                      store.putMetadata(metadata("New"));
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.metadata()).isEmpty();
  }

  @Test
  void transaction_throwingError_rollsBackToo() {
    assertThatThrownBy(
            () ->
                store.transaction(
                    () -> {
                      store.putItem(item("u1", 1));
                      throw new AssertionError("error, not exception");
                    }))
        .isInstanceOf(AssertionError.class);

    assertThat(store.items()).isEmpty();
  }

  @Test
  void transaction_nestedInsideFailingOuter_leavesNothing() {
    assertThatThrownBy(
            () ->
                store.transaction(
                    () -> {
                      store.transaction(
                          () -> {
                            store.putItem(item("inner", 1));
                            return null;
                          });
                      store.putItem(item("outer", 1));
                      throw new IllegalStateException("outer fails after inner completed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.items()).isEmpty();
  }

  @Test
  void transaction_nestedThatThrowsAndIsCaught_undoesOnlyTheInnerWork() {
    store.transaction(
        () -> {
          store.putItem(item("before", 1));
          try {
            store.transaction(
                () -> {
                  store.putItem(item("inner", 1));
                  store.removeItem("before");
                  throw new IllegalStateException("inner fails");
                });
          } catch (IllegalStateException expected) {
            // the outer transaction goes on
          }
          store.putItem(item("after", 1));
          return null;
        });

    assertThat(store.items()).containsOnlyKeys("before", "after");
  }

  @Test
  void transaction_afterAFailedOne_worksNormally() {
    assertThatThrownBy(
            () ->
                store.transaction(
                    () -> {
                      store.putItem(item("u1", 1));
                      throw new IllegalStateException();
                    }))
        .isInstanceOf(IllegalStateException.class);

    store.transaction(
        () -> {
          store.putItem(item("u2", 1));
          return null;
        });
    store.putItem(item("u3", 1));

    assertThat(store.items()).containsOnlyKeys("u2", "u3");
  }
}
