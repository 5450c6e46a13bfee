package io.calsync.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Changes;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest {

  final InMemoryStorage storage = new InMemoryStorage("cal");

  static Item item(String uid, String text) {
    return new Item(uid, text, "h-" + text, null, 0, text);
  }

  @Test
  void create_derivesHrefFromUid_andListsItWithItsEtag() {
    WriteResult r = storage.create(item("a/b c", "x"));
    assertThat(r.href()).isEqualTo("a_b_c.ics");
    Listing listing = storage.list();
    assertThat(listing.complete()).isTrue();
    assertThat(listing.items()).containsExactly(new ListedItem(r.href(), r.etag()));
    assertThat(storage.get(List.of(r.href(), "nope.ics")))
        .containsExactly(new Fetched.Found(r.href(), r.etag(), item("a/b c", "x")), new Fetched.Missing("nope.ics"));
  }

  @Test
  void create_existingUid_throwsItemAlreadyExists() {
    storage.create(item("u1", "x"));
    assertThatThrownBy(() -> storage.create(item("u1", "y"))).isInstanceOf(StorageException.ItemAlreadyExists.class);
  }

  @Test
  void update_withStaleEtag_throwsEtagMismatch_andWithCurrentEtag_writesANewEtag() {
    WriteResult r = storage.create(item("u1", "x"));
    assertThatThrownBy(() -> storage.update(r.href(), item("u1", "y"), "\"stale\""))
        .isInstanceOf(StorageException.EtagMismatch.class);
    WriteResult r2 = storage.update(r.href(), item("u1", "y"), r.etag());
    assertThat(r2.etag()).isNotEqualTo(r.etag());
    assertThat(storage.item("u1")).contains(item("u1", "y"));
  }

  @Test
  void updateOrDelete_missingHref_throwsItemNotFound() {
    assertThatThrownBy(() -> storage.update("x.ics", item("x", "x"), null)).isInstanceOf(StorageException.ItemNotFound.class);
    assertThatThrownBy(() -> storage.delete("x.ics", null)).isInstanceOf(StorageException.ItemNotFound.class);
  }

  @Test
  void readOnly_refusesWrites_andSaysSo() {
    storage.put(item("u1", "x"));
    storage.readOnly(true);
    assertThat(storage.capabilities().readOnly()).isTrue();
    assertThat(storage.metadata().readOnly()).isTrue();
    assertThatThrownBy(() -> storage.create(item("u2", "x"))).isInstanceOf(StorageException.NotSupported.class);
    assertThatThrownBy(() -> storage.delete("u1.ics", null)).isInstanceOf(StorageException.NotSupported.class);
  }

  @Test
  void window_listsOnlyMatchingItems_asIncomplete() {
    storage.put(item("u1", "in"));
    storage.put(item("u2", "out"));
    storage.window(i -> i.text().equals("in"));
    Listing listing = storage.list();
    assertThat(listing.complete()).isFalse();
    assertThat(listing.items()).extracting(ListedItem::href).containsExactly("u1.ics");
    assertThat(storage.get(List.of("u2.ics")).get(0)).isInstanceOf(Fetched.Found.class);
  }

  @Test
  void incremental_reportsChangesAndDeletionsSinceAToken() {
    storage.incremental(true);
    storage.put(item("u1", "x"));
    storage.put(item("u2", "x"));
    String token = storage.list().syncToken();
    storage.put(item("u1", "y"));
    storage.remove("u2");
    storage.put(item("u3", "z"));
    Changes changes = storage.changesSince(token).orElseThrow();
    assertThat(changes.changed()).extracting(ListedItem::href).containsExactly("u1.ics", "u3.ics");
    assertThat(changes.deletedHrefs()).containsExactly("u2.ics");
    assertThat(storage.changesSince("garbage")).isEmpty();
    assertThat(storage.changesSince(changes.syncToken()).orElseThrow().changed()).isEmpty();
  }

  @Test
  void updateMetadata_renames() {
    storage.updateMetadata(MetadataChange.rename("Work"));
    assertThat(storage.metadata().name()).isEqualTo("Work");
  }
}
