package io.calsync.provider.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.WriteResult;
import io.calsync.core.storage.StorageException;
import io.calsync.provider.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the vdir storage does beyond the contract: layout, crash leftovers, odd files. */
class IcsFolderStorageTest {

  @TempDir Path tmp;

  private IcsFolderStorage storage() {
    return IcsFolderStorage.open(tmp.resolve("cal"));
  }

  @Test
  void list_ignoresTempFilesOfCrashedWrites_hiddenFilesOtherFilesAndFolders() throws Exception {
    IcsFolderStorage s = storage();
    Path dir = s.folder();
    Files.writeString(dir.resolve(".x.tmp"), "BEGIN:VCALENDAR\r\nBEGIN:VEV");
    Files.writeString(dir.resolve(".event.ics.1a2b3c4d.tmp"), "BEGIN:VCALENDAR\r\n");
    Files.writeString(dir.resolve(".hidden.ics"), Fixtures.simpleEventText("h@x", "Hidden"));
    Files.writeString(dir.resolve("notes.txt"), "not an event");
    Files.writeString(dir.resolve("displayname"), "Work");
    Files.createDirectory(dir.resolve("folder.ics"));
    Files.writeString(dir.resolve("real.ics"), Fixtures.simpleEventText("real@x", "Real"));

    assertThat(s.list().items()).extracting(ListedItem::href).containsExactly("real.ics");
  }

  @Test
  void write_leavesNoTempFileBehind() throws Exception {
    IcsFolderStorage s = storage();
    String href = s.create(Fixtures.simpleEvent("clean@x", "One")).href();
    s.update(href, Fixtures.simpleEvent("clean@x", "Two"), etag(s, href));
    s.updateMetadata(MetadataChange.rename("Clean"));
    s.flush();

    try (var files = Files.list(s.folder())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("clean@x.ics", "displayname");
    }
  }

  @Test
  void get_malformedFile_answersUnreadable_andOthersAreFound() throws Exception {
    IcsFolderStorage s = storage();
    s.create(Fixtures.simpleEvent("good@x", "Good"));
    Files.writeString(s.folder().resolve("broken.ics"), "BEGIN:VCALENDAR\r\nthis is not ical\r\n");
    Files.writeString(s.folder().resolve("empty.ics"), "");
    Files.write(
        s.folder().resolve("latin1.ics"),
        Fixtures.simpleEventText("l@x", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));

    List<ListedItem> listed = s.list().items();
    Map<String, Fetched> answers = byHref(s.get(listed.stream().map(ListedItem::href).toList()));

    assertThat(answers).containsOnlyKeys("good@x.ics", "broken.ics", "empty.ics", "latin1.ics");
    assertThat(answers.get("good@x.ics")).isInstanceOf(Fetched.Found.class);
    for (String bad : List.of("broken.ics", "empty.ics", "latin1.ics")) {
      assertThat(answers.get(bad))
          .isInstanceOfSatisfying(
              Fetched.Unreadable.class,
              u -> {
                assertThat(u.reason()).contains(bad);
                assertThat(u.etag()).isEqualTo(etag(s, bad));
              });
    }
  }

  @Test
  void create_writesItemTextVerbatimUnderUidFileName() throws Exception {
    IcsFolderStorage s = storage();
    Item item = Fixtures.load(Fixtures.ATTENDEES);

    String href = s.create(item).href();
    s.flush();

    assertThat(href).isEqualTo(item.uid() + ".ics");
    assertThat(Files.readString(s.folder().resolve(href))).isEqualTo(item.text());
  }

  @Test
  void create_unsafeUid_usesSha256FileName() {
    IcsFolderStorage s = storage();

    String href = s.create(Fixtures.simpleEvent("a/b c", "Unsafe")).href();

    assertThat(href).matches("[0-9a-f]{64}\\.ics");
    assertThat(IcsFolderStorage.fileName("a/b c")).isEqualTo(href);
    assertThat(IcsFolderStorage.fileName(".hidden")).isNotEqualTo(".hidden.ics");
    assertThat(IcsFolderStorage.fileName("x".repeat(151))).matches("[0-9a-f]{64}\\.ics");
  }

  @Test
  void update_afterEditorSavedSameSizeWithinSameClockTick_throwsEtagMismatch() throws Exception {
    IcsFolderStorage s = storage();
    String href = s.create(Fixtures.simpleEvent("ext@x", "AAAA")).href();
    s.flush();
    String etag = etag(s, href);
    Path file = s.folder().resolve(href);
    Path saved =
        Files.writeString(
            s.folder().resolve(".editor-save"), Fixtures.simpleEventText("ext@x", "BBBB"));
    Files.setLastModifiedTime(saved, Files.getLastModifiedTime(file));
    Files.move(saved, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> s.update(href, Fixtures.simpleEvent("ext@x", "CCCC"), etag))
        .as("same size and mtime, but a new inode")
        .isInstanceOf(StorageException.EtagMismatch.class);
    assertThat(Files.readString(file)).contains("BBBB");
  }

  @Test
  void update_ofHrefOutsideFolder_throwsItemNotFound() {
    IcsFolderStorage s = storage();
    Item item = Fixtures.simpleEvent("x@x", "X");

    assertThatThrownBy(() -> s.update("../escape.ics", item, "etag"))
        .isInstanceOf(StorageException.ItemNotFound.class);
    assertThat(s.get(List.of("../escape.ics", "a/b.ics")))
        .containsExactlyInAnyOrder(
            new Fetched.Missing("../escape.ics"), new Fetched.Missing("a/b.ics"));
  }

  @Test
  void metadata_readsOneLineFiles() throws Exception {
    IcsFolderStorage s = storage();
    Files.writeString(s.folder().resolve("displayname"), "Arbeit – Büro\n");
    Files.writeString(s.folder().resolve("color"), "#FF8800\n");
    Files.writeString(s.folder().resolve("description"), "Work things\nsecond line ignored\n");

    var meta = s.metadata();

    assertThat(meta.id()).isEqualTo("cal");
    assertThat(meta.name()).isEqualTo("Arbeit – Büro");
    assertThat(meta.color()).isEqualTo("#FF8800");
    assertThat(meta.description()).isEqualTo("Work things");
    assertThat(meta.timeZone()).isNull();
  }

  @Test
  void metadata_withoutFiles_hasEmptyNameAndNoColor() {
    var meta = storage().metadata();

    assertThat(meta.name()).isEmpty();
    assertThat(meta.color()).isNull();
  }

  @Test
  void updateMetadata_writesOneLineFiles_andEmptyValueRemovesFile() throws Exception {
    IcsFolderStorage s = storage();

    s.updateMetadata(new MetadataChange("Two\nlines", "#112233", "About", "Europe/Berlin"));

    assertThat(Files.readString(s.folder().resolve("displayname"))).isEqualTo("Two lines");
    assertThat(Files.readString(s.folder().resolve("color"))).isEqualTo("#112233");
    assertThat(Files.readString(s.folder().resolve("description"))).isEqualTo("About");
    s.updateMetadata(new MetadataChange(null, "", null, null));
    assertThat(s.folder().resolve("color")).doesNotExist();
    assertThat(s.metadata().name()).isEqualTo("Two lines");
  }

  @Test
  void open_missingFolderWithExistingParent_createsIt() {
    Path dir = tmp.resolve("new-calendar");

    IcsFolderStorage s = IcsFolderStorage.open(dir);

    assertThat(dir).isDirectory();
    assertThat(s.list().items()).isEmpty();
  }

  @Test
  void open_missingParent_throwsInvalidConfigurationNamingPath() {
    Path dir = tmp.resolve("no/such/calendar");

    assertThatThrownBy(() -> IcsFolderStorage.open(dir))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageContaining("ics:" + dir)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("mkdir");
    assertThat(dir.getParent()).doesNotExist();
  }

  @Test
  void open_file_throwsInvalidConfigurationSuggestingIcsFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("cal.ics"), "");

    assertThatThrownBy(() -> IcsFolderStorage.open(file))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageContaining("ics-file:" + file);
  }

  @Test
  void list_afterFolderRemoved_throwsItemNotFoundNamingFolder() throws Exception {
    IcsFolderStorage s = storage();
    Files.delete(s.folder());

    assertThatThrownBy(s::list)
        .isInstanceOf(StorageException.ItemNotFound.class)
        .hasMessageContaining(s.folder().toString());
  }

  @Test
  void readOnly_refusesWritesWithAccessDenied() {
    IcsFolderStorage s = IcsFolderStorage.open(tmp.resolve("ro"), true, true);

    assertThat(s.capabilities().readOnly()).isTrue();
    assertThat(s.capabilities().metadataWritable()).isFalse();
    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("ro@x", "No")))
        .isInstanceOf(StorageException.AccessDenied.class)
        .hasMessageContaining("read-only");
    assertThatThrownBy(() -> s.updateMetadata(MetadataChange.rename("No")))
        .isInstanceOf(StorageException.NotSupported.class);
  }

  @Test
  void list_10000Files_scansWithoutReadingContents() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("big"));
    String text = Fixtures.simpleEventText("big@x", "Big");
    for (int i = 0; i < 10_000; i++) {
      Files.writeString(dir.resolve("item-" + i + ".ics"), text);
    }
    IcsFolderStorage s = IcsFolderStorage.open(dir);
    s.list();

    long best = Long.MAX_VALUE;
    List<ListedItem> items = List.of();
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      items = s.list().items();
      best = Math.min(best, System.nanoTime() - start);
    }

    System.out.printf("list() of 10,000 files: best of 5 warm runs %.1f ms%n", best / 1e6);
    assertThat(items).hasSize(10_000);
    assertThat(items.stream().map(ListedItem::href).distinct()).hasSize(10_000);
    assertThat(best).as("warm list() of 10,000 files, ns").isLessThan(2_000_000_000L);
  }

  @Test
  void get_manyFiles_parsesEachAndAnswersInAnyOrder() {
    IcsFolderStorage s = IcsFolderStorage.open(tmp.resolve("many"), false, false);
    for (int i = 0; i < 300; i++) {
      s.create(Fixtures.simpleEvent("many-" + i + "@x", "Many " + i));
    }

    List<Fetched> answers = s.get(s.list().items().stream().map(ListedItem::href).toList());

    assertThat(answers).hasSize(300).allMatch(f -> f instanceof Fetched.Found);
    assertThat(answers.stream().map(f -> ((Fetched.Found) f).item().uid()).distinct()).hasSize(300);
  }

  @Test
  void create_isInvisibleToOtherInstancesUntilFlush_andKeepsItsEtagThroughTheRename()
      throws Exception {
    IcsFolderStorage s = storage();
    String href = s.create(Fixtures.simpleEvent("queued@x", "Queued")).href();
    String etag = etag(s, href);

    assertThat(IcsFolderStorage.open(s.folder()).list().items()).isEmpty();
    assertThat(s.folder().resolve(href)).doesNotExist();
    assertThat(s.get(List.of(href))).singleElement().isInstanceOf(Fetched.Found.class);

    s.flush();

    assertThat(IcsFolderStorage.open(s.folder()).list().items())
        .containsExactly(new ListedItem(href, etag));
    assertThat(FileStamp.read(s.folder().resolve(href)).etag()).isEqualTo(etag);
    try (var files = Files.list(s.folder())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(href);
    }
  }

  @Test
  void update_isQueued_andKeepsItsEtagThroughTheRename() throws Exception {
    IcsFolderStorage s = storage();
    String href = s.create(Fixtures.simpleEvent("upd@x", "One")).href();
    s.flush();
    String before = etag(s, href);

    String after = s.update(href, Fixtures.simpleEvent("upd@x", "Two longer"), before).etag();

    assertThat(after).isNotEqualTo(before);
    assertThat(etag(IcsFolderStorage.open(s.folder()), href)).isEqualTo(before);
    assertThat(Files.readString(s.folder().resolve(href))).contains("One");
    s.flush();
    assertThat(etag(IcsFolderStorage.open(s.folder()), href)).isEqualTo(after);
    assertThat(Files.readString(s.folder().resolve(href))).contains("Two longer");
  }

  @Test
  void queuedCreate_canBeUpdatedDeletedAndNotCreatedTwice() throws Exception {
    IcsFolderStorage s = storage();
    WriteResult created = s.create(Fixtures.simpleEvent("q@x", "One"));
    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("q@x", "Again")))
        .isInstanceOf(StorageException.ItemAlreadyExists.class);
    assertThatThrownBy(() -> s.update(created.href(), Fixtures.simpleEvent("q@x", "X"), "stale"))
        .isInstanceOf(StorageException.EtagMismatch.class);

    WriteResult updated =
        s.update(created.href(), Fixtures.simpleEvent("q@x", "Two"), created.etag());
    Fetched.Found found = (Fetched.Found) s.get(List.of(created.href())).getFirst();
    assertThat(found.item().text()).contains("Two");
    assertThat(found.etag()).isEqualTo(updated.etag());
    assertThat(tempFiles(s)).hasSize(1);

    s.delete(created.href(), updated.etag());

    assertThat(s.list().items()).isEmpty();
    assertThat(tempFiles(s)).isEmpty();
    s.flush();
    try (var files = Files.list(s.folder())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void delete_ofQueuedUpdate_deletesTheFile() throws Exception {
    IcsFolderStorage s = storage();
    String href = s.create(Fixtures.simpleEvent("du@x", "One")).href();
    s.flush();
    String etag = s.update(href, Fixtures.simpleEvent("du@x", "Two"), etag(s, href)).etag();

    s.delete(href, etag);
    s.flush();

    try (var files = Files.list(s.folder())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void flush_whenNameWasTakenMeanwhile_keepsTheOtherFile_writesTheRest_andThrows()
      throws Exception {
    IcsFolderStorage s = storage();
    String taken = s.create(Fixtures.simpleEvent("taken@x", "Ours")).href();
    String other = s.create(Fixtures.simpleEvent("other@x", "Other")).href();
    Files.writeString(s.folder().resolve(taken), "theirs");

    assertThatThrownBy(s::flush)
        .isInstanceOf(StorageException.ItemAlreadyExists.class)
        .hasMessageContaining(taken);

    assertThat(Files.readString(s.folder().resolve(taken))).isEqualTo("theirs");
    assertThat(Files.readString(s.folder().resolve(other))).contains("Other");
    assertThat(tempFiles(s)).isEmpty();
    s.flush(); // nothing left queued
  }

  @Test
  void create_afterList_refusesListedName_andFlushCatchesNameTakenAfterTheListing()
      throws Exception {
    IcsFolderStorage s = storage();
    Files.writeString(
        s.folder().resolve("listed@x.ics"), Fixtures.simpleEventText("listed@x", "L"));
    s.list();
    Files.writeString(s.folder().resolve("late@x.ics"), "theirs");

    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("listed@x", "Again")))
        .isInstanceOf(StorageException.ItemAlreadyExists.class);
    s.create(Fixtures.simpleEvent("late@x", "Ours"));
    assertThatThrownBy(s::flush).isInstanceOf(StorageException.ItemAlreadyExists.class);
    assertThat(Files.readString(s.folder().resolve("late@x.ics"))).isEqualTo("theirs");

    String href = s.create(Fixtures.simpleEvent("new@x", "New")).href();
    s.flush();
    assertThatThrownBy(() -> s.create(Fixtures.simpleEvent("new@x", "Again")))
        .isInstanceOf(StorageException.ItemAlreadyExists.class);
    s.delete(href, etag(s, href));
    s.create(Fixtures.simpleEvent("new@x", "Again"));
    s.flush();
  }

  @Test
  void flush_whenFileChangedMeanwhile_keepsTheOtherVersion_andThrowsEtagMismatch()
      throws Exception {
    IcsFolderStorage s = storage();
    String href = s.create(Fixtures.simpleEvent("changed@x", "One")).href();
    s.flush();
    s.update(href, Fixtures.simpleEvent("changed@x", "Ours"), etag(s, href));
    Path file = s.folder().resolve(href);
    Path theirs = Files.writeString(s.folder().resolve(".editor"), "theirs");
    Files.move(theirs, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(s::flush).isInstanceOf(StorageException.EtagMismatch.class);

    assertThat(Files.readString(file)).isEqualTo("theirs");
    assertThat(tempFiles(s)).isEmpty();
  }

  @Test
  void flush_ofManyCreates_writesEveryFile_withTheEtagsAnswered() throws Exception {
    IcsFolderStorage s = storage();
    Map<String, String> answered = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      WriteResult r = s.create(Fixtures.simpleEvent("many-" + i + "@x", "Many " + i));
      answered.put(r.href(), r.etag());
    }

    s.close();

    Map<String, String> listed =
        IcsFolderStorage.open(s.folder()).list().items().stream()
            .collect(Collectors.toMap(ListedItem::href, ListedItem::etag));
    assertThat(listed).isEqualTo(answered);
    assertThat(tempFiles(s)).isEmpty();
  }

  @Test
  void list_deletesTempFilesOlderThanADay_only() throws Exception {
    IcsFolderStorage s = storage();
    Path old = Files.writeString(s.folder().resolve(".a.ics.0badf00d.tmp"), "BEGIN:VCAL");
    Files.setLastModifiedTime(
        old, FileTime.from(Instant.now().minus(IcsFolderStorage.STRAY_TEMP_AGE).minusSeconds(60)));
    Path fresh = Files.writeString(s.folder().resolve(".b.ics.0badf00d.tmp"), "BEGIN:VCAL");
    s.create(Fixtures.simpleEvent("mine@x", "Mine"));

    assertThat(s.list().items()).extracting(ListedItem::href).containsExactly("mine@x.ics");

    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
    assertThat(tempFiles(s)).hasSize(2); // fresh, and the queued create's
    IcsFolderStorage.open(s.folder(), true, true).list();
  }

  @Test
  void fileStamp_compactsUnixFileKeysAsTheReplaceChainDid() {
    for (String key :
        List.of("(dev=803,ino=1234567)", "(dev=fd01,ino=42)", "(dev=0,ino=0)", "odd key (x)",
            "(dev=8 03,ino=1)", "(dev=,ino=5)")) {
      StringBuilder out = new StringBuilder();
      FileStamp.appendCompact(out, key);
      assertThat(out.toString())
          .as(key)
          .isEqualTo(
              key.replace("(", "")
                  .replace(")", "")
                  .replace("dev=", "")
                  .replace(",ino=", ":")
                  .replace(' ', '_'));
    }
  }

  private static List<String> tempFiles(IcsFolderStorage s) throws Exception {
    try (var files = Files.list(s.folder())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(AtomicFiles::isTempName)
          .toList();
    }
  }

  private static String etag(IcsFolderStorage s, String href) {
    return s.list().items().stream()
        .filter(i -> i.href().equals(href))
        .findFirst()
        .orElseThrow()
        .etag();
  }

  private static Map<String, Fetched> byHref(List<Fetched> answers) {
    return answers.stream().collect(Collectors.toMap(Fetched::href, Function.identity()));
  }
}
