package io.calsync.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.storage.StorageException;
import io.calsync.provider.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the one-file storage does beyond the contract: buffering, odd files, concurrent edits. */
class IcsFileStorageTest {

  private static final String EXPORT =
      """
      BEGIN:VCALENDAR\r
      VERSION:2.0\r
      PRODID:-//Apple Inc.//macOS 14//EN\r
      X-WR-CALNAME:Familie\r
      X-APPLE-CALENDAR-COLOR:#FF2968\r
      X-WR-CALDESC:Alles rund ums Haus\r
      BEGIN:VEVENT\r
      UID:one@x\r
      DTSTAMP:20240101T000000Z\r
      DTSTART:20240110T100000Z\r
      SUMMARY:One\r
      END:VEVENT\r
      BEGIN:VEVENT\r
      UID:two@x\r
      DTSTAMP:20240101T000000Z\r
      DTSTART:20240111T100000Z\r
      SUMMARY:Two\r
      END:VEVENT\r
      END:VCALENDAR\r
      """;

  @TempDir Path tmp;

  private Path file;

  private IcsFileStorage storage(String text) throws Exception {
    file = tmp.resolve("calendar.ics");
    if (text != null) {
      Files.writeString(file, text);
    }
    return IcsFileStorage.open(file);
  }

  @Test
  void list_export_listsUidsWithHashEtagsAndReadsMetadata() throws Exception {
    IcsFileStorage s = storage(EXPORT);

    List<ListedItem> items = s.list().items();
    var meta = s.metadata();

    assertThat(items).extracting(ListedItem::href).containsExactly("one@x", "two@x");
    Fetched.Found one = (Fetched.Found) s.get(List.of("one@x")).getFirst();
    assertThat(one.etag()).isEqualTo(one.item().hash()).isEqualTo(items.getFirst().etag());
    assertThat(meta.id()).isEqualTo("calendar.ics");
    assertThat(meta.name()).isEqualTo("Familie");
    assertThat(meta.color()).isEqualTo("#FF2968");
    assertThat(meta.description()).isEqualTo("Alles rund ums Haus");
  }

  @Test
  void get_whileFileUnchanged_doesNotParseAgain() throws Exception {
    IcsFileStorage s = storage(EXPORT);
    s.list();

    Item first = ((Fetched.Found) s.get(List.of("one@x")).getFirst()).item();
    Item again = ((Fetched.Found) s.get(List.of("one@x")).getFirst()).item();

    assertThat(again).isSameAs(first);
  }

  @Test
  void list_afterExternalChange_readsTheFileAgain() throws Exception {
    IcsFileStorage s = storage(EXPORT);
    s.list();

    Files.writeString(file, EXPORT.replace("SUMMARY:Two", "SUMMARY:Two, edited elsewhere"));

    Fetched.Found two = (Fetched.Found) s.get(List.of("two@x")).getFirst();
    assertThat(two.item().summary()).isEqualTo("Two, edited elsewhere");
  }

  @Test
  void list_missingFile_isEmpty_andFirstFlushCreatesIt() throws Exception {
    IcsFileStorage s = storage(null);

    assertThat(s.list().items()).isEmpty();
    assertThat(file).doesNotExist();
    s.flush();
    assertThat(file).as("nothing to write, nothing written").doesNotExist();

    s.create(Fixtures.simpleEvent("new@x", "New"));
    s.flush();

    assertThat(file).exists();
    assertThat(IcsFileStorage.open(file).list().items())
        .extracting(ListedItem::href)
        .containsExactly("new@x");
  }

  @Test
  void list_emptyFile_isEmptyCalendar() throws Exception {
    assertThat(storage("").list().items()).isEmpty();
  }

  @Test
  void list_fileThatIsNotIcalendar_throwsMalformedNamingFile_neverEmpty() throws Exception {
    IcsFileStorage s = storage("Subject: minutes of the meeting\n\nNot a calendar at all.\n");

    assertThatThrownBy(s::list)
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not an iCalendar file");
    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("x@x", "X")))
        .isInstanceOf(StorageException.Malformed.class);
  }

  @Test
  void list_binaryFile_throwsMalformed() throws Exception {
    file = tmp.resolve("calendar.ics");
    Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff});

    assertThatThrownBy(() -> IcsFileStorage.open(file).list())
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void list_truncatedCalendar_isAnErrorNotAnEmptyList() throws Exception {
    IcsFileStorage s = storage("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cut");

    assertThatThrownBy(s::list).isInstanceOf(StorageException.Malformed.class);
  }

  @Test
  void duplicateUids_areListedAsUnreadable_andWritesRefused() throws Exception {
    String dup =
        EXPORT.replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nUID:two@x\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240112T100000Z\r\n"
                + "SUMMARY:Two again\r\nEND:VEVENT\r\nEND:VCALENDAR");
    IcsFileStorage s = storage(dup);

    List<ListedItem> items = s.list().items();

    assertThat(items).extracting(ListedItem::href).containsExactlyInAnyOrder("one@x", "two@x");
    assertThat(s.get(List.of("two@x")).getFirst())
        .isInstanceOfSatisfying(
            Fetched.Unreadable.class, u -> assertThat(u.reason()).contains("two@x"));
    assertThat(s.rejected()).hasSize(1);
    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("three@x", "Three")))
        .isInstanceOf(StorageException.NotSupported.class)
        .hasMessageContaining("two@x")
        .hasMessageContaining("would drop");
    assertThat(Files.readString(file)).isEqualTo(dup);
  }

  @Test
  void componentWithoutUid_isReportedButNotListed() throws Exception {
    String noUid =
        EXPORT.replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240112T100000Z\r\n"
                + "SUMMARY:Nameless\r\nEND:VEVENT\r\nEND:VCALENDAR");
    IcsFileStorage s = storage(noUid);

    assertThat(s.list().items()).extracting(ListedItem::href).containsExactly("one@x", "two@x");
    assertThat(s.rejected()).singleElement().satisfies(r -> assertThat(r.uid()).isNull());
  }

  @Test
  void writes_areBufferedUntilFlush_thenWrittenOnceKeepingCalendarProperties() throws Exception {
    IcsFileStorage s = storage(EXPORT);
    String before = Files.readString(file);
    String oneEtag = s.list().items().getFirst().etag();

    s.create(Fixtures.load(Fixtures.WEEKLY));
    s.update("one@x", Fixtures.simpleEvent("one@x", "One, changed"), oneEtag);
    s.delete("two@x", s.list().items().get(1).etag());
    s.updateMetadata(MetadataChange.recolor("#00AA00"));

    assertThat(Files.readString(file)).isEqualTo(before);
    s.flush();

    String after = Files.readString(file);
    assertThat(after)
        .contains("X-WR-CALNAME:Familie")
        .contains("X-APPLE-CALENDAR-COLOR:#00AA00")
        .contains("X-WR-CALDESC:Alles rund ums Haus")
        .contains("SUMMARY:One\\, changed")
        .doesNotContain("UID:two@x")
        .contains("TZID:Europe/Berlin");
    IcsFileStorage fresh = IcsFileStorage.open(file);
    assertThat(fresh.list().items())
        .extracting(ListedItem::href)
        .containsExactlyInAnyOrder("one@x", Fixtures.load(Fixtures.WEEKLY).uid());
    try (var files = Files.list(tmp)) {
      assertThat(files).as("no temp file left").containsExactly(file);
    }
  }

  @Test
  void flush_afterConcurrentChangeOnDisk_throwsEtagMismatchAndWritesNothing() throws Exception {
    IcsFileStorage s = storage(EXPORT);
    s.list();
    s.create(Fixtures.simpleEvent("mine@x", "Mine"));
    String theirs = EXPORT.replace("SUMMARY:One", "SUMMARY:One, theirs");
    Files.writeString(file, theirs);

    assertThatThrownBy(s::flush)
        .isInstanceOf(StorageException.EtagMismatch.class)
        .hasMessageContaining("changed on disk");

    assertThat(Files.readString(file)).isEqualTo(theirs);
    assertThat(s.list().items()).extracting(ListedItem::href).containsExactly("one@x", "two@x");
    s.close();
    assertThat(Files.readString(file)).isEqualTo(theirs);
  }

  @Test
  void close_flushesBufferedWrites() throws Exception {
    IcsFileStorage s = storage(EXPORT);
    s.create(Fixtures.simpleEvent("closed@x", "Closed"));

    s.close();

    assertThat(Files.readString(file)).contains("UID:closed@x");
  }

  @Test
  void update_withOtherUidThanHref_throwsItemRejected() throws Exception {
    IcsFileStorage s = storage(EXPORT);
    String etag = s.list().items().getFirst().etag();

    assertThatThrownBy(() -> s.update("one@x", Fixtures.simpleEvent("other@x", "Other"), etag))
        .isInstanceOf(StorageException.ItemRejected.class);
  }

  @Test
  void open_folder_throwsInvalidConfigurationSuggestingIcs() {
    assertThatThrownBy(() -> IcsFileStorage.open(tmp))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageContaining("ics:" + tmp);
  }

  @Test
  void open_inMissingFolder_throwsInvalidConfigurationNamingFolder() {
    Path missing = tmp.resolve("nope/cal.ics");

    assertThatThrownBy(() -> IcsFileStorage.open(missing))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageContaining(missing.getParent().toString());
  }

  @Test
  void readOnly_refusesWrites_andMetadataChanges() throws Exception {
    file = Files.writeString(tmp.resolve("ro.ics"), EXPORT);
    IcsFileStorage s = IcsFileStorage.open(file, true, true);

    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("x@x", "X")))
        .isInstanceOf(StorageException.AccessDenied.class);
    assertThatThrownBy(() -> s.updateMetadata(MetadataChange.rename("X")))
        .isInstanceOf(StorageException.NotSupported.class);
    s.close();
    assertThat(Files.readString(file)).isEqualTo(EXPORT);
  }

  @Test
  void firstSyncOf10000Items_isWrittenOnceAndReadBack() throws Exception {
    IcsFileStorage s = storage(null);
    List<Item> items =
        java.util.stream.IntStream.range(0, 10_000)
            .mapToObj(i -> Fixtures.simpleEvent("bulk-" + i + "@x", "Bulk " + i))
            .toList();

    long start = System.nanoTime();
    items.forEach(s::create);
    s.flush();
    long written = System.nanoTime() - start;
    start = System.nanoTime();
    int listed = IcsFileStorage.open(file).list().items().size();
    long read = System.nanoTime() - start;

    System.out.printf(
        "ics-file: 10,000 creates + one flush %.0f ms; fresh list() %.0f ms%n",
        written / 1e6, read / 1e6);
    assertThat(listed).isEqualTo(10_000);
  }
}
