package io.calsync.agent.reconcile;

import static io.calsync.agent.testing.Events.event;
import static io.calsync.agent.testing.Events.eventAt;
import static io.calsync.agent.testing.Events.summaryOf;
import static io.calsync.agent.testing.Events.writeFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.agent.config.SyncFilters;
import io.calsync.agent.master.MasterException;
import io.calsync.agent.state.AgentStateDb;
import io.calsync.agent.testing.InMemoryMaster;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.sync.ConflictStrategy;
import io.calsync.protocol.ItemChange;
import io.calsync.provider.ics.IcsFolderStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReconcilerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Path folder;
  InMemoryMaster master;
  AgentStateDb state;
  SourceSettings settings;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectories(dir.resolve("cal"));
    master = new InMemoryMaster();
    state = AgentStateDb.open(dir.resolve("agent.state.db"));
    settings = new SourceSettings("Home", true, true, false, SyncFilters.NONE, 100);
  }

  @AfterEach
  void tearDown() {
    state.close();
  }

  private ReconcileReport reconcile() {
    try (CalendarStorage storage = IcsFolderStorage.open(folder)) {
      return new SourceReconciler(master, state, CLOCK).reconcile(settings, storage);
    }
  }

  @Test
  void first_contact_uploads_local_items_without_base_and_writes_master_items_locally() {
    writeFile(folder, "local-1", event("local-1", "Dentist"));
    master.edit("master-1", event("master-1", "Board meeting"));

    ReconcileReport r = reconcile();

    assertThat(master.uploadedChanges()).extracting(ItemChange::uid, ItemChange::action, ItemChange::baseVersion)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("local-1", "put", null));
    assertThat(master.current("local-1").version()).isEqualTo(1);
    assertThat(summaryOf(folder, "master-1")).isEqualTo("Board meeting");
    assertThat(r.written()).isEqualTo(1);
    assertThat(r.applied()).isEqualTo(1);
  }

  @Test
  void first_contact_links_identical_items_by_content_hash_without_writes() throws IOException {
    // same content, other DTSTAMP and PRODID: the normalised hash is equal
    Path file = writeFile(folder, "same", event("same", "Lunch").replace("20261101T000000Z", "20260101T000000Z"));
    master.edit("same", event("same", "Lunch"));
    var before = Files.getLastModifiedTime(file);

    ReconcileReport r = reconcile();

    assertThat(r.linked()).isEqualTo(1);
    assertThat(r.written()).isZero();
    assertThat(master.uploads()).isEmpty();
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    assertThat(state.items("Home").get("same").baseVersion()).isEqualTo(1);
  }

  @Test
  void a_local_edit_is_uploaded_with_its_base_version() {
    writeFile(folder, "e", event("e", "v1"));
    reconcile();
    writeFile(folder, "e", event("e", "v2 edited here"));

    reconcile();

    assertThat(master.uploadedChanges()).last().extracting(ItemChange::baseVersion).isEqualTo(1L);
    assertThat(master.current("e").version()).isEqualTo(2);
    assertThat(master.current("e").ics()).contains("v2 edited here");
  }

  @Test
  void a_master_change_is_written_locally_and_not_uploaded_back() {
    writeFile(folder, "e", event("e", "v1"));
    reconcile();
    master.edit("e", event("e", "changed at the master"));

    ReconcileReport r = reconcile();
    ReconcileReport again = reconcile();

    assertThat(summaryOf(folder, "e")).isEqualTo("changed at the master");
    assertThat(r.written()).isEqualTo(1);
    assertThat(master.uploadedChanges()).hasSize(1);
    assertThat(again.isQuiet()).as(again.toString()).isTrue();
  }

  @Test
  void a_concurrent_edit_superseded_by_the_master_writes_the_master_content_locally() {
    master.strategy(ConflictStrategy.DESTINATION_WINS);
    writeFile(folder, "e", event("e", "v1"));
    reconcile();
    master.edit("e", event("e", "master edit"));
    writeFile(folder, "e", event("e", "local edit"));

    ReconcileReport r = reconcile();

    assertThat(r.superseded()).isEqualTo(1);
    assertThat(summaryOf(folder, "e")).isEqualTo("master edit");
    assertThat(state.items("Home").get("e").baseVersion()).isEqualTo(2);
    assertThat(reconcile().isQuiet()).isTrue();
  }

  @Test
  void a_conflict_is_kept_locally_and_not_uploaded_again() {
    master.strategy(ConflictStrategy.MANUAL);
    writeFile(folder, "e", event("e", "v1"));
    reconcile();
    master.edit("e", event("e", "master edit"));
    writeFile(folder, "e", event("e", "local edit"));

    ReconcileReport r = reconcile();
    int uploads = master.uploadedChanges().size();
    reconcile();

    assertThat(r.conflicts()).isEqualTo(1);
    assertThat(summaryOf(folder, "e")).isEqualTo("local edit");
    assertThat(master.uploadedChanges()).hasSize(uploads);
    assertThat(state.items("Home").get("e").baseVersion()).isEqualTo(1);
  }

  @Test
  void a_rejected_item_is_recorded_and_not_retried_until_it_changes() {
    master.reject("bad");
    writeFile(folder, "bad", event("bad", "v1"));

    ReconcileReport r = reconcile();
    reconcile();
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(master.uploadedChanges()).hasSize(1);

    writeFile(folder, "bad", event("bad", "v2"));
    reconcile();
    assertThat(master.uploadedChanges()).hasSize(2);
  }

  @Test
  void deletions_travel_both_ways() throws IOException {
    writeFile(folder, "a", event("a", "A"));
    writeFile(folder, "b", event("b", "B"));
    writeFile(folder, "c", event("c", "C"));
    reconcile();

    Files.delete(folder.resolve("a.ics"));
    master.deleteElsewhere("b");
    reconcile();

    assertThat(master.current("a").deleted()).isTrue();
    assertThat(master.uploadedChanges()).last().extracting(ItemChange::action, ItemChange::baseVersion)
        .containsExactly("delete", 1L);
    assertThat(folder.resolve("b.ics")).doesNotExist();
    assertThat(state.items("Home")).containsOnlyKeys("c");
  }

  @Test
  void a_restarted_agent_resumes_from_its_state_file_without_uploading_again() {
    for (int i = 0; i < 5; i++) {
      writeFile(folder, "e" + i, event("e" + i, "event " + i));
    }
    reconcile();
    state.close();

    state = AgentStateDb.open(dir.resolve("agent.state.db"));
    ReconcileReport r = reconcile();

    assertThat(master.uploadedChanges()).hasSize(5);
    assertThat(r.isQuiet()).as(r.toString()).isTrue();
  }

  @Test
  void a_source_that_suddenly_lists_nothing_uploads_no_deletions() throws IOException {
    writeFile(folder, "a", event("a", "A"));
    writeFile(folder, "b", event("b", "B"));
    reconcile();
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }

    ReconcileReport r = reconcile();

    assertThat(r.heldDeletes()).isEqualTo(2);
    assertThat(master.uploadedChanges()).extracting(ItemChange::action).containsOnly("put");
    assertThat(master.current("a").deleted()).isFalse();
  }

  @Test
  void with_allow_mass_deletes_an_emptied_source_deletes_at_the_master() throws IOException {
    settings = new SourceSettings("Home", true, true, true, SyncFilters.NONE, 100);
    writeFile(folder, "a", event("a", "A"));
    writeFile(folder, "b", event("b", "B"));
    reconcile();
    Files.delete(folder.resolve("a.ics"));
    Files.delete(folder.resolve("b.ics"));

    reconcile();

    assertThat(master.current("a").deleted()).isTrue();
    assertThat(master.current("b").deleted()).isTrue();
  }

  @Test
  void an_unreadable_file_and_a_failed_listing_never_become_deletions() throws IOException {
    writeFile(folder, "a", event("a", "A"));
    writeFile(folder, "b", event("b", "B"));
    reconcile();
    Files.writeString(folder.resolve("a.ics"), "this is not iCalendar");
    ReconcileReport r = reconcile();
    assertThat(r.uploaded()).isZero();

    Path gone = dir.resolve("moved-away");
    Files.move(folder, gone);
    Files.writeString(dir.resolve("cal"), "now a file, not a folder");
    assertThatThrownBy(this::reconcile).isInstanceOf(RuntimeException.class);

    assertThat(master.uploadedChanges()).extracting(ItemChange::action).containsOnly("put");
    assertThat(state.items("Home")).containsOnlyKeys("a", "b");
  }

  @Test
  void an_unreachable_master_leaves_the_state_as_it_was_and_the_next_run_catches_up() {
    writeFile(folder, "a", event("a", "A"));
    master.down(true);
    assertThatThrownBy(this::reconcile).isInstanceOf(MasterException.Unreachable.class);
    assertThat(state.items("Home")).isEmpty();

    master.down(false);
    reconcile();
    assertThat(master.current("a").version()).isEqualTo(1);
  }

  @Test
  void uploads_go_in_batches_of_batch_size() {
    settings = new SourceSettings("Home", true, true, false, SyncFilters.NONE, 2);
    for (int i = 0; i < 5; i++) {
      writeFile(folder, "e" + i, event("e" + i, "event " + i));
    }

    reconcile();

    assertThat(master.uploads()).extracting(u -> u.changes().size()).containsExactly(2, 2, 1);
  }

  @Test
  void batches_stay_under_the_masters_body_limit_by_size_too() {
    settings = new SourceSettings("Home", true, true, false, SyncFilters.NONE, 1000);
    String padding = "DESCRIPTION:" + "x".repeat(70) + "\r\n";
    for (int i = 0; i < 12; i++) {
      writeFile(folder, "big" + i, event("big" + i, "big " + i, padding.repeat(1500))); // ~110 KB each
    }

    reconcile();

    assertThat(master.uploads()).hasSizeGreaterThan(1)
        .allSatisfy(u -> assertThat(u.changes().stream().mapToLong(c -> c.ics().length()).sum())
            .isLessThanOrEqualTo(SourceReconciler.MAX_BATCH_BYTES));
    assertThat(master.uploads().stream().mapToInt(u -> u.changes().size()).sum()).isEqualTo(12);
  }

  @Test
  void a_batch_the_master_finds_too_large_is_sent_again_in_halves() {
    settings = new SourceSettings("Home", true, true, false, SyncFilters.NONE, 100);
    master.maxChangesPerUpload(3);
    for (int i = 0; i < 10; i++) {
      writeFile(folder, "e" + i, event("e" + i, "event " + i));
    }

    reconcile();

    assertThat(master.uploads()).allSatisfy(u -> assertThat(u.changes()).hasSizeLessThanOrEqualTo(3));
    assertThat(master.uploads().stream().mapToInt(u -> u.changes().size()).sum()).isEqualTo(10);
    assertThat(master.current("e9").version()).isEqualTo(1);
  }

  @Test
  void exclude_private_keeps_private_and_confidential_events_from_the_master() {
    settings = new SourceSettings("Home", true, true, false, new SyncFilters(List.of(), true, OptionalInt.empty()), 100);
    writeFile(folder, "pub", event("pub", "Public"));
    writeFile(folder, "priv", event("priv", "Doctor", "CLASS:PRIVATE"));
    writeFile(folder, "conf", event("conf", "Salary talk", "CLASS:CONFIDENTIAL"));

    ReconcileReport r = reconcile();

    assertThat(master.uploadedChanges()).extracting(ItemChange::uid).containsExactly("pub");
    assertThat(r.heldBack()).isEqualTo(2);
    assertThat(reconcile().uploaded()).isZero();
  }

  @Test
  void private_as_busy_sends_private_events_as_busy_blocks_and_never_overwrites_the_original() {
    settings = new SourceSettings("Home", true, true, false,
        new SyncFilters(List.of(), true, true, OptionalInt.empty()), 100);
    writeFile(folder, "priv", event("priv", "Doctor", "CLASS:PRIVATE", "LOCATION:Clinic", "DESCRIPTION:secret"));

    reconcile();
    master.edit("priv", master.current("priv").ics().replace("SUMMARY:Busy", "SUMMARY:Busy (moved)"));
    reconcile();

    String sent = master.uploadedChanges().getFirst().ics();
    assertThat(sent).contains("SUMMARY:Busy").contains("DTSTART:20261201T100000Z")
        .doesNotContain("Doctor").doesNotContain("Clinic").doesNotContain("secret");
    assertThat(summaryOf(folder, "priv")).isEqualTo("Doctor");
  }

  @Test
  void date_range_days_uploads_only_events_near_now() {
    settings = new SourceSettings("Home", true, true, false, new SyncFilters(List.of(), false, OptionalInt.of(30)), 100);
    writeFile(folder, "soon", eventAt("soon", "Soon", "20261201T100000Z", "20261201T110000Z"));
    writeFile(folder, "old", eventAt("old", "Old", "20250101T100000Z", "20250101T110000Z"));
    writeFile(folder, "far", eventAt("far", "Far", "20280101T100000Z", "20280101T110000Z"));
    writeFile(folder, "weekly", eventAt("weekly", "Weekly since 2024", "20240101T100000Z", "20240101T110000Z",
        "RRULE:FREQ=WEEKLY"));

    reconcile();

    assertThat(master.uploadedChanges()).extracting(ItemChange::uid).containsExactlyInAnyOrder("soon", "weekly");
  }

  @Test
  void event_types_uploads_only_events_of_those_categories() {
    settings = new SourceSettings("Home", true, true, false,
        new SyncFilters(List.of("meeting"), false, OptionalInt.empty()), 100);
    writeFile(folder, "m", event("m", "Standup", "CATEGORIES:Work,Meeting"));
    writeFile(folder, "p", event("p", "Party", "CATEGORIES:Personal"));
    writeFile(folder, "n", event("n", "No category"));

    reconcile();

    assertThat(master.uploadedChanges()).extracting(ItemChange::uid).containsExactly("m");
  }

  @Test
  void an_item_that_becomes_filtered_is_not_deleted_at_the_master() {
    settings = new SourceSettings("Home", true, true, false, new SyncFilters(List.of(), true, OptionalInt.empty()), 100);
    writeFile(folder, "e", event("e", "Open"));
    reconcile();
    writeFile(folder, "e", event("e", "Now private", "CLASS:PRIVATE"));

    ReconcileReport r = reconcile();

    assertThat(r.heldBack()).isEqualTo(1);
    assertThat(master.uploadedChanges()).hasSize(1);
    assertThat(master.current("e").deleted()).isFalse();
  }

  @Test
  void without_allow_event_updates_the_master_never_writes_here() {
    settings = new SourceSettings("Home", true, false, false, SyncFilters.NONE, 100);
    writeFile(folder, "e", event("e", "v1"));
    master.edit("m", event("m", "from the master"));
    reconcile();
    master.edit("e", event("e", "master edit"));

    reconcile();

    assertThat(folder.resolve("m.ics")).doesNotExist();
    assertThat(summaryOf(folder, "e")).isEqualTo("v1");
  }

  @Test
  void downloads_page_through_the_master_listing() {
    for (int i = 0; i < SourceReconciler.PAGE + 3; i++) {
      master.edit("m" + i, event("m" + i, "m " + i));
    }

    ReconcileReport r = reconcile();

    assertThat(r.written()).isEqualTo(SourceReconciler.PAGE + 3);
    assertThat(state.source("Home").masterToken()).isEqualTo(SourceReconciler.PAGE + 3);
  }
}
