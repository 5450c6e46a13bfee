package io.calsync.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.Listing;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link CalendarStorage} must show, as vdirsyncer's {@code StorageTests}.
 * Subclass it in the provider's tests and say how to make an empty storage:
 *
 * {@snippet :
 * class IcsFolderStorageContractTest extends CalendarStorageContract {
 *   @TempDir Path dir;
 *
 *   @Override
 *   protected CalendarStorage newEmptyStorage() {
 *     return IcsFolderStorage.open(dir.resolve("cal"));
 *   }
 * }
 * }
 *
 * <p>Tests follow {@link CalendarStorage#capabilities()}: write tests are skipped (not failed)
 * for a read-only storage, metadata tests choose between round trip and {@code NotSupported}.
 * Override {@link #reopen} to check that {@link CalendarStorage#flush()} makes writes durable, and
 * {@link #newReadOnlyStorage} to check that read-only storages refuse writes. Every storage made
 * here is closed after each test.
 */
public abstract class CalendarStorageContract {

  private final List<CalendarStorage> opened = new ArrayList<>();

  /** A new storage holding no items, on a place of its own. */
  protected abstract CalendarStorage newEmptyStorage() throws Exception;

  /**
   * A fresh storage opened on the same place as {@code storage} (a new instance, sharing no
   * cache), or null when that cannot be done (the flush tests are then skipped).
   */
  protected CalendarStorage reopen(CalendarStorage storage) throws Exception {
    return null;
  }

  /**
   * A read-only storage holding {@code items}, or null when this storage type cannot be made
   * read-only (the test is then skipped). Items can be put in place through a writable storage on
   * the same place first.
   */
  protected CalendarStorage newReadOnlyStorage(List<Item> items) throws Exception {
    return null;
  }

  /** Fixture file names, for parameterised tests. */
  protected static List<String> fixtureNames() {
    return Fixtures.names();
  }

  @AfterEach
  void closeStorages() throws Exception {
    for (CalendarStorage s : opened.reversed()) {
      s.close();
    }
    opened.clear();
  }

  // ---------------------------------------------------------------- listing

  @Test
  void list_ofEmptyStorage_isEmptyAndComplete() throws Exception {
    Listing listing = empty().list();
    assertThat(listing.items()).isEmpty();
    assertThat(listing.complete()).isTrue();
  }

  @Test
  void create_thenList_showsOneHrefWithEtag() throws Exception {
    CalendarStorage s = writable();
    WriteResult written = s.create(Fixtures.simpleEvent("contract-1@calsync.test", "One"));

    List<ListedItem> items = s.list().items();

    assertThat(items).hasSize(1);
    assertThat(items.getFirst().href()).isEqualTo(written.href());
    assertThat(items.getFirst().etag()).isNotBlank();
    if (written.etag() != null) {
      assertThat(items.getFirst().etag()).isEqualTo(written.etag());
    }
  }

  @Test
  void list_whileUnchanged_keepsEtagStable() throws Exception {
    CalendarStorage s = writable();
    WriteResult written = s.create(Fixtures.simpleEvent("contract-stable@calsync.test", "Stable"));
    String first = etagOf(s, written.href());

    s.get(List.of(written.href()));

    assertThat(etagOf(s, written.href())).isEqualTo(first);
    assertThat(etagOf(s, written.href())).isEqualTo(first);
  }

  @Test
  void create_200Items_thenList_gives200DistinctHrefs() throws Exception {
    CalendarStorage s = writable();
    for (int i = 0; i < 200; i++) {
      s.create(Fixtures.simpleEvent("bulk-" + i + "@calsync.test", "Bulk " + i));
    }

    List<ListedItem> items = s.list().items();

    assertThat(items).hasSize(200);
    assertThat(items.stream().map(ListedItem::href).distinct()).hasSize(200);
  }

  // ---------------------------------------------------------------- get

  @Test
  void create_thenGet_returnsSameUidAndHash() throws Exception {
    CalendarStorage s = writable();
    Item item = Fixtures.simpleEvent("contract-get@calsync.test", "Get me");
    WriteResult written = s.create(item);

    Fetched.Found found = found(s, written.href());

    assertThat(found.item().uid()).isEqualTo(item.uid());
    assertThat(found.item().hash()).isEqualTo(item.hash());
    assertThat(found.etag()).isEqualTo(etagOf(s, written.href()));
  }

  @Test
  void get_ofMissingHref_answersMissing() throws Exception {
    CalendarStorage s = writable();
    String href = createAndDelete(s, "contract-gone@calsync.test");

    assertThat(s.get(List.of(href))).containsExactly(new Fetched.Missing(href));
  }

  @Test
  void get_withDuplicateHrefs_answersEachOnce() throws Exception {
    CalendarStorage s = writable();
    String a = s.create(Fixtures.simpleEvent("dup-a@calsync.test", "A")).href();
    String b = s.create(Fixtures.simpleEvent("dup-b@calsync.test", "B")).href();

    List<Fetched> answers = s.get(List.of(a, b, a, a, b));

    assertThat(answers).extracting(Fetched::href).containsExactlyInAnyOrder(a, b);
    assertThat(answers).allMatch(f -> f instanceof Fetched.Found);
  }

  @Test
  void get_ofSeveralHrefs_answersFoundOrMissingForEach() throws Exception {
    CalendarStorage s = writable();
    List<Item> items =
        IntStream.range(0, 20)
            .mapToObj(i -> Fixtures.simpleEvent("multi-" + i + "@calsync.test", "Multi " + i))
            .toList();
    List<String> hrefs = new ArrayList<>();
    for (Item item : items) {
      hrefs.add(s.create(item).href());
    }
    String missing = createAndDelete(s, "multi-missing@calsync.test");
    List<String> asked = new ArrayList<>(hrefs);
    asked.add(missing);

    Map<String, Fetched> answers = byHref(s.get(asked));

    assertThat(answers).hasSize(21);
    assertThat(answers.get(missing)).isEqualTo(new Fetched.Missing(missing));
    for (int i = 0; i < items.size(); i++) {
      assertThat(answers.get(hrefs.get(i))).isInstanceOf(Fetched.Found.class);
      Fetched.Found f = (Fetched.Found) answers.get(hrefs.get(i));
      assertThat(f.item().uid()).isEqualTo(items.get(i).uid());
      assertThat(f.item().hash()).isEqualTo(items.get(i).hash());
    }
  }

  @Test
  void get_ofNoHrefs_answersNothing() throws Exception {
    assertThat(empty().get(List.of())).isEmpty();
  }

  // ---------------------------------------------------------------- create

  @Test
  void create_withExistingUid_throwsItemAlreadyExistsAndKeepsItem() throws Exception {
    CalendarStorage s = writable();
    Item first = Fixtures.simpleEvent("contract-twice@calsync.test", "First");
    WriteResult written = s.create(first);
    String etag = etagOf(s, written.href());

    assertThatThrownBy(
            () -> s.create(Fixtures.simpleEvent("contract-twice@calsync.test", "Second")))
        .isInstanceOf(StorageException.ItemAlreadyExists.class);

    assertThat(s.list().items()).containsExactly(new ListedItem(written.href(), etag));
    assertThat(found(s, written.href()).item().hash()).isEqualTo(first.hash());
  }

  @Test
  void create_withUidUnsafeForFileNamesAndUrls_roundTrips() throws Exception {
    CalendarStorage s = writable();
    // Every character that is unsafe in file names or URLs. No backslash: in a UID (TEXT) it must
    // be escaped, and servers read an unescaped one as an escape sequence.
    String uid = "../a/b c:d?f*g<h>i|j#k%20l&m=ñ€😀." + "x".repeat(200);
    Item item = Fixtures.simpleEvent(uid, "Unsafe UID");

    WriteResult written = s.create(item);

    assertThat(s.list().items()).extracting(ListedItem::href).containsExactly(written.href());
    Fetched.Found found = found(s, written.href());
    assertThat(found.item().uid()).isEqualTo(uid);
    assertThat(found.item().hash()).isEqualTo(item.hash());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtureNames")
  void fixture_createThenGet_keepsHashAndUnknownProperties(String fixture) throws Exception {
    CalendarStorage s = writable();
    Item item = Fixtures.load(fixture);

    WriteResult written = s.create(item);
    s.flush();

    Fetched.Found found = found(s, written.href());
    assertThat(found.item().uid()).isEqualTo(item.uid());
    assertThat(found.item().hash())
        .as("hash of %s as the storage gives it back:%n%s", fixture, found.item().text())
        .isEqualTo(item.hash());
    if (fixture.equals(Fixtures.UNKNOWN_PROPERTIES)) {
      assertThat(unfold(found.item().text()))
          .contains(Fixtures.UNKNOWN_PROPERTY)
          .contains(Fixtures.UNKNOWN_PARAMETER)
          .contains("X-MICROSOFT-CDO-BUSYSTATUS");
    }
  }

  // ---------------------------------------------------------------- update

  @Test
  void update_withCurrentEtag_changesEtagAndContent() throws Exception {
    CalendarStorage s = writable();
    WriteResult created = s.create(Fixtures.simpleEvent("contract-upd@calsync.test", "Before"));
    String before = etagOf(s, created.href());
    Item changed = Fixtures.simpleEvent("contract-upd@calsync.test", "After");

    WriteResult updated = s.update(created.href(), changed, before);

    List<ListedItem> items = s.list().items();
    assertThat(items).hasSize(1);
    assertThat(items.getFirst().href()).isEqualTo(updated.href());
    assertThat(items.getFirst().etag()).isNotEqualTo(before);
    if (updated.etag() != null) {
      assertThat(items.getFirst().etag()).isEqualTo(updated.etag());
    }
    assertThat(found(s, updated.href()).item().hash()).isEqualTo(changed.hash());
  }

  @Test
  void update_withStaleEtag_throwsEtagMismatchAndKeepsItem() throws Exception {
    CalendarStorage s = writable();
    WriteResult created = s.create(Fixtures.simpleEvent("contract-stale@calsync.test", "V1"));
    String stale = etagOf(s, created.href());
    Item second = Fixtures.simpleEvent("contract-stale@calsync.test", "V2 longer");
    String href = s.update(created.href(), second, stale).href();
    String current = etagOf(s, href);

    assertThatThrownBy(
            () ->
                s.update(
                    href, Fixtures.simpleEvent("contract-stale@calsync.test", "V3"), stale))
        .isInstanceOf(StorageException.EtagMismatch.class);

    assertThat(s.list().items()).containsExactly(new ListedItem(href, current));
    assertThat(found(s, href).item().hash()).isEqualTo(second.hash());
  }

  @Test
  void update_ofMissingHref_throwsItemNotFound() throws Exception {
    CalendarStorage s = writable();
    Item item = Fixtures.simpleEvent("contract-upd-missing@calsync.test", "Gone");
    WriteResult created = s.create(item);
    String etag = etagOf(s, created.href());
    s.delete(created.href(), etag);

    assertThatThrownBy(() -> s.update(created.href(), item, etag))
        .isInstanceOf(StorageException.ItemNotFound.class);
    assertThat(s.list().items()).isEmpty();
  }

  // ---------------------------------------------------------------- delete

  @Test
  void delete_thenList_omitsItemAndKeepsOthers() throws Exception {
    CalendarStorage s = writable();
    WriteResult keep = s.create(Fixtures.simpleEvent("contract-keep@calsync.test", "Keep"));
    WriteResult drop = s.create(Fixtures.simpleEvent("contract-drop@calsync.test", "Drop"));
    String keepEtag = etagOf(s, keep.href());

    s.delete(drop.href(), etagOf(s, drop.href()));

    assertThat(s.list().items()).containsExactly(new ListedItem(keep.href(), keepEtag));
    assertThat(s.get(List.of(drop.href()))).containsExactly(new Fetched.Missing(drop.href()));
  }

  @Test
  void delete_withStaleEtag_throwsEtagMismatchAndKeepsItem() throws Exception {
    CalendarStorage s = writable();
    WriteResult created = s.create(Fixtures.simpleEvent("contract-del-stale@calsync.test", "V1"));
    String stale = etagOf(s, created.href());
    Item second = Fixtures.simpleEvent("contract-del-stale@calsync.test", "V2 longer");
    String href = s.update(created.href(), second, stale).href();
    String current = etagOf(s, href);

    assertThatThrownBy(() -> s.delete(href, stale))
        .isInstanceOf(StorageException.EtagMismatch.class);

    assertThat(s.list().items()).containsExactly(new ListedItem(href, current));
    assertThat(found(s, href).item().hash()).isEqualTo(second.hash());
  }

  @Test
  void delete_ofMissingHref_throwsItemNotFound() throws Exception {
    CalendarStorage s = writable();
    WriteResult created = s.create(Fixtures.simpleEvent("contract-del-twice@calsync.test", "X"));
    String etag = etagOf(s, created.href());
    s.delete(created.href(), etag);

    assertThatThrownBy(() -> s.delete(created.href(), etag))
        .isInstanceOf(StorageException.ItemNotFound.class);
  }

  // ---------------------------------------------------------------- flush and reopen

  @Test
  void flush_makesWritesVisibleToReopenedStorage() throws Exception {
    CalendarStorage s = writable();
    Item kept = Fixtures.simpleEvent("contract-flush-kept@calsync.test", "Kept");
    Item changed = Fixtures.simpleEvent("contract-flush-kept@calsync.test", "Kept, changed");
    String keptHref = s.create(kept).href();
    String droppedHref =
        s.create(Fixtures.simpleEvent("contract-flush-dropped@calsync.test", "Dropped")).href();
    Item fixture = Fixtures.load(Fixtures.WEEKLY);
    String fixtureHref = s.create(fixture).href();
    keptHref = s.update(keptHref, changed, etagOf(s, keptHref)).href();
    s.delete(droppedHref, etagOf(s, droppedHref));

    s.flush();
    CalendarStorage fresh = reopen(s);
    assumeTrue(fresh != null, "reopen(storage) not implemented for this storage");
    opened.add(fresh);

    Map<String, Fetched> answers =
        byHref(fresh.get(fresh.list().items().stream().map(ListedItem::href).toList()));
    assertThat(answers.keySet()).containsExactlyInAnyOrder(keptHref, fixtureHref);
    assertThat(((Fetched.Found) answers.get(keptHref)).item().hash()).isEqualTo(changed.hash());
    assertThat(((Fetched.Found) answers.get(fixtureHref)).item().hash())
        .isEqualTo(fixture.hash());
  }

  // ---------------------------------------------------------------- metadata

  @Test
  void metadata_ofEmptyStorage_isReadable() throws Exception {
    CalendarStorage s = empty();
    CalendarMeta meta = s.metadata();
    assertThat(meta.id()).isNotNull();
    assertThat(meta.readOnly()).isEqualTo(s.capabilities().readOnly());
  }

  @Test
  void updateMetadata_renameAndRecolor_roundTrips() throws Exception {
    CalendarStorage s = empty();
    assumeTrue(s.capabilities().metadataWritable(), "metadata not writable");

    s.updateMetadata(MetadataChange.rename("Ärger & Freude: Work"));
    s.updateMetadata(MetadataChange.recolor("#3366CC"));

    assertNameAndColor(s.metadata(), "Ärger & Freude: Work", "#3366CC");
    s.updateMetadata(MetadataChange.rename("Renamed again"));
    assertNameAndColor(s.metadata(), "Renamed again", "#3366CC");
    s.flush();
    CalendarStorage fresh = reopen(s);
    if (fresh != null) {
      opened.add(fresh);
      assertNameAndColor(fresh.metadata(), "Renamed again", "#3366CC");
    }
  }

  @Test
  void updateMetadata_whenNotWritable_throwsNotSupported() throws Exception {
    CalendarStorage s = empty();
    assumeFalse(s.capabilities().metadataWritable(), "metadata writable");
    CalendarMeta before = s.metadata();

    assertThatThrownBy(() -> s.updateMetadata(MetadataChange.rename("New name")))
        .isInstanceOf(StorageException.NotSupported.class);
    assertThat(s.metadata()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- read-only

  @Test
  void readOnlyEmptyStorage_refusesCreate_andStaysEmpty() throws Exception {
    CalendarStorage s = empty();
    assumeTrue(s.capabilities().readOnly(), "storage is writable");

    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("ro@calsync.test", "No")))
        .isInstanceOf(StorageException.class);
    s.flush();
    assertThat(s.list().items()).isEmpty();
  }

  @Test
  void readOnlyStorage_refusesWrites_andChangesNothing() throws Exception {
    Item a = Fixtures.simpleEvent("ro-a@calsync.test", "A");
    Item b = Fixtures.load(Fixtures.ALL_DAY);
    CalendarStorage s = newReadOnlyStorage(List.of(a, b));
    assumeTrue(s != null, "newReadOnlyStorage(items) not implemented for this storage");
    opened.add(s);
    assertThat(s.capabilities().readOnly()).isTrue();
    List<ListedItem> before = s.list().items();
    assertThat(before).hasSize(2);
    ListedItem first = before.getFirst();

    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("ro-c@calsync.test", "C")))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(
            () ->
                s.update(
                    first.href(), Fixtures.simpleEvent("ro-a@calsync.test", "A2"), first.etag()))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> s.delete(first.href(), first.etag()))
        .isInstanceOf(StorageException.class);
    s.flush();

    assertThat(s.list().items()).containsExactlyInAnyOrderElementsOf(before);
    Set<String> hashes = new HashSet<>();
    for (Fetched f : s.get(before.stream().map(ListedItem::href).toList())) {
      hashes.add(((Fetched.Found) f).item().hash());
    }
    assertThat(hashes).containsExactlyInAnyOrder(a.hash(), b.hash());
  }

  // ---------------------------------------------------------------- helpers

  /** A new empty storage, closed after the test. */
  protected final CalendarStorage empty() throws Exception {
    CalendarStorage s = newEmptyStorage();
    opened.add(s);
    return s;
  }

  /** A new empty storage; skips the test when it is read-only. */
  protected final CalendarStorage writable() throws Exception {
    CalendarStorage s = empty();
    assumeFalse(s.capabilities().readOnly(), "read-only storage");
    return s;
  }

  /** The etag the storage lists for {@code href}; fails when it is not listed. */
  protected static String etagOf(CalendarStorage s, String href) {
    return s.list().items().stream()
        .filter(i -> i.href().equals(href))
        .map(ListedItem::etag)
        .findFirst()
        .orElseThrow(() -> new AssertionError(href + " not listed by " + s.location()));
  }

  /** The answer for one href, which must be {@link Fetched.Found}. */
  protected static Fetched.Found found(CalendarStorage s, String href) {
    List<Fetched> answers = s.get(List.of(href));
    assertThat(answers).hasSize(1);
    assertThat(answers.getFirst()).isInstanceOf(Fetched.Found.class);
    return (Fetched.Found) answers.getFirst();
  }

  private static String createAndDelete(CalendarStorage s, String uid) {
    WriteResult created = s.create(Fixtures.simpleEvent(uid, "Soon gone"));
    s.delete(created.href(), etagOf(s, created.href()));
    return created.href();
  }

  private static Map<String, Fetched> byHref(List<Fetched> answers) {
    return answers.stream().collect(Collectors.toMap(Fetched::href, Function.identity()));
  }

  private static String unfold(String text) {
    return text.replace("\r\n ", "").replace("\r\n\t", "").replace("\n ", "").replace("\n\t", "");
  }

  static void assertNameAndColor(CalendarMeta meta, String name, String color) {
    assertThat(meta.name()).isEqualTo(name);
    assertThat(normaliseColor(meta.color())).isEqualTo(normaliseColor(color));
  }

  /** Upper case, without an opaque alpha channel: {@code #3366ccff} and {@code #3366CC} match. */
  static String normaliseColor(String color) {
    if (color == null) {
      return null;
    }
    String c = color.strip().toUpperCase(java.util.Locale.ROOT);
    return c.length() == 9 && c.endsWith("FF") ? c.substring(0, 7) : c;
  }
}
