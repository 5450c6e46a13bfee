package io.calsync.core.sync;

import static io.calsync.core.sync.TestItems.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.model.Side;
import io.calsync.core.status.MetadataValues;
import io.calsync.core.status.StatusStore;
import io.calsync.core.status.SyncedMetadata;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.InMemoryStorage;
import io.calsync.core.storage.StorageException;
import io.calsync.core.sync.MetadataPlanner.SideMeta;
import io.calsync.core.sync.SyncAction.RecordMetadata;
import io.calsync.core.sync.SyncAction.UpdateMetadata;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calendar metadata (name, colour, description): the planner's rules and the engine end to end. */
class MetadataSyncTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);

  final InMemoryStorage a = new InMemoryStorage("a");
  final InMemoryStorage b = new InMemoryStorage("b");
  final StatusStore status = StatusStore.inMemory();

  SyncReport sync(CalendarStorage x, CalendarStorage y) {
    return sync(x, y, ConflictStrategy.LATEST_WINS);
  }

  SyncReport sync(CalendarStorage x, CalendarStorage y, ConflictStrategy strategy) {
    return sync(x, y, SyncOptions.defaults().withStrategy(strategy));
  }

  SyncReport sync(CalendarStorage x, CalendarStorage y, SyncOptions options) {
    return new SyncEngine(options, CLOCK, SyncListener.silent()).run(x, y, status);
  }

  static void set(InMemoryStorage s, String name, String color, String description) {
    s.setMetadata(new MetadataChange(name, color, description, null));
  }

  /** A first sync with both calendars named "Work", red, described "team". */
  void syncedAsWork() {
    set(a, "Work", "#ff0000", "team");
    set(b, "Work", "#ff0000", "team");
    sync(a, b);
  }

  /** A second run changes nothing anywhere. */
  void assertSecondRunIsANoOp() {
    int writes = a.metadataWriteCount() + b.metadataWriteCount();
    Optional<SyncedMetadata> before = status.metadata();
    SyncReport again = sync(a, b);
    assertThat(again.plan()).isEmpty();
    assertThat(again.problems()).isEmpty();
    assertThat(a.metadataWriteCount() + b.metadataWriteCount()).isEqualTo(writes);
    assertThat(status.metadata()).isEqualTo(before);
  }

  // ---- first contact -----------------------------------------------------------------------

  @Test
  void firstSync_sameMetadata_onlyRecordsIt() {
    set(a, "Work", "#FF0000", "team");
    set(b, "Work", "#ff0000ff", " team ");

    SyncReport report = sync(a, b);

    assertThat(report.plan()).singleElement().isInstanceOf(RecordMetadata.class);
    assertThat(a.metadataWriteCount() + b.metadataWriteCount()).isZero();
    assertThat(status.metadata()).contains(SyncedMetadata.agreed(new MetadataValues("Work", "#ff0000", "team")));
    assertSecondRunIsANoOp();
  }

  @Test
  void firstSync_emptyDestinationFields_areFilledFromTheSource() {
    set(a, "Work", "#00AA00", "team");
    set(b, "", null, null);

    SyncReport report = sync(a, b);

    assertThat(b.metadata().name()).isEqualTo("Work");
    assertThat(b.metadata().color()).isEqualTo("#00AA00");
    assertThat(b.metadata().description()).isEqualTo("team");
    assertThat(report.hasErrors()).isFalse();
    assertSecondRunIsANoOp();
  }

  @Test
  void firstSync_emptySourceFields_areFilledFromTheDestination() {
    set(a, "", null, null);
    set(b, "Work", "#00aa00", null);

    sync(a, b);

    assertThat(a.metadata().name()).isEqualTo("Work");
    assertThat(a.metadata().color()).isEqualTo("#00aa00");
    assertSecondRunIsANoOp();
  }

  @Test
  void firstSync_twoNamedCalendars_keepTheirNames_andLaterRenamesCarryOver() {
    set(a, "Work", "#ff0000", null);
    set(b, "Arbeit", "#0000ff", null);

    SyncReport first = sync(a, b);

    assertThat(a.metadata().name()).isEqualTo("Work");
    assertThat(b.metadata().name()).isEqualTo("Arbeit");
    assertThat(a.metadataWriteCount() + b.metadataWriteCount()).isZero();
    assertThat(first.hasErrors()).isFalse();
    assertThat(first.plan()).singleElement().extracting(SyncAction::describe).asString()
        .contains("left as they are", "\"Work\"", "\"Arbeit\"");
    assertSecondRunIsANoOp();

    set(a, "Project", null, null);
    sync(a, b);
    assertThat(b.metadata().name()).isEqualTo("Project");
    assertThat(b.metadata().color()).isEqualTo("#0000ff"); // colours still differ by consent
    assertThat(a.metadata().color()).isEqualTo("#ff0000");
    assertSecondRunIsANoOp();
  }

  @Test
  void firstSync_fillInForAReadOnlySide_isSkippedQuietly() {
    a.readOnly(true);
    set(a, "", null, null);
    set(b, "Work", "#112233", null);

    SyncReport report = sync(a, b);

    assertThat(report.problems()).isEmpty();
    assertThat(a.metadata().name()).isEmpty();
    assertSecondRunIsANoOp();
  }

  // ---- one side changed --------------------------------------------------------------------

  @Test
  void renameOnSource_reachesDestination() {
    syncedAsWork();
    set(a, "Project", null, null);

    SyncReport report = sync(a, b);

    assertThat(b.metadata().name()).isEqualTo("Project");
    assertThat(b.metadata().color()).isEqualTo("#ff0000");
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.plan()).filteredOn(UpdateMetadata.class::isInstance).singleElement()
        .extracting(SyncAction::describe).isEqualTo("rename destination: \"Work\" → \"Project\"");
    assertThat(status.metadata()).contains(SyncedMetadata.agreed(new MetadataValues("Project", "#ff0000", "team")));
    assertSecondRunIsANoOp();
  }

  @Test
  void recolorOnDestination_reachesSource() {
    syncedAsWork();
    set(b, null, "#00FF00FF", null);

    sync(a, b);

    assertThat(a.metadata().color()).isEqualTo("#00FF00");
    assertThat(a.metadata().name()).isEqualTo("Work");
    assertSecondRunIsANoOp();
  }

  @Test
  void sameColorInAnotherSpelling_isNoChange() {
    syncedAsWork();
    set(b, null, "#FF0000FF", null);
    set(a, null, " #FF0000 ", null);

    SyncReport report = sync(a, b);

    assertThat(report.plan()).isEmpty();
    assertThat(a.metadataWriteCount() + b.metadataWriteCount()).isZero();
  }

  @Test
  void translucentColor_isNotTheOpaqueOne() {
    assertThat(MetadataValues.color("#FF000080")).isEqualTo("#ff000080");
    assertThat(MetadataValues.color("#FF0000FF")).isEqualTo("#ff0000");
    assertThat(MetadataValues.color("#Ff0000")).isEqualTo("#ff0000");
    assertThat(MetadataValues.color("  ")).isNull();
  }

  @Test
  void clearedColorOrDescription_isClearedOnTheOtherSide() {
    syncedAsWork();
    set(a, null, "", "");

    SyncReport report = sync(a, b);

    assertThat(MetadataValues.of(b.metadata())).isEqualTo(new MetadataValues("Work", null, null));
    assertThat(report.plan()).filteredOn(UpdateMetadata.class::isInstance).singleElement()
        .extracting(SyncAction::describe).asString().contains("recolor destination: #ff0000 → (none)",
            "clear the description of destination");
    assertSecondRunIsANoOp();
  }

  @Test
  void emptiedName_isNotCarriedOver() {
    syncedAsWork();
    set(a, "", null, null);

    SyncReport report = sync(a, b);

    assertThat(b.metadata().name()).isEqualTo("Work");
    assertThat(report.plan()).isEmpty();
    // a later rename on the destination names the source again
    set(b, "Project", null, null);
    sync(a, b);
    assertThat(a.metadata().name()).isEqualTo("Project");
    assertSecondRunIsANoOp();
  }

  // ---- both sides changed ------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(ConflictStrategy.class)
  void bothRenamedDifferently_isSettledByTheStrategy(ConflictStrategy strategy) {
    syncedAsWork();
    set(a, "Project", null, null);
    set(b, "Team", null, null);

    SyncReport report = sync(a, b, strategy);

    String expectedA = switch (strategy) {
      case SOURCE_WINS, LATEST_WINS -> "Project";
      case DESTINATION_WINS -> "Team";
      case MANUAL -> "Project";
    };
    String expectedB = strategy == ConflictStrategy.MANUAL ? "Team" : expectedA;
    assertThat(a.metadata().name()).isEqualTo(expectedA);
    assertThat(b.metadata().name()).isEqualTo(expectedB);
    if (strategy == ConflictStrategy.MANUAL) {
      assertThat(report.problems()).containsExactly(
          "calendar name differs: source 'Project', destination 'Team';"
              + " pick one with --conflict source_wins|destination_wins");
      assertThat(report.plan()).isEmpty();
      // reported again until someone picks, and nothing is written meanwhile
      assertThat(sync(a, b, strategy).problems()).hasSize(1);
      assertThat(a.metadataWriteCount() + b.metadataWriteCount()).isZero();
      // picking a side settles it
      sync(a, b, ConflictStrategy.DESTINATION_WINS);
      assertThat(a.metadata().name()).isEqualTo("Team");
    } else {
      assertThat(report.problems()).isEmpty();
      assertThat(report.plan()).filteredOn(UpdateMetadata.class::isInstance).singleElement()
          .extracting(SyncAction::describe).asString().contains("[conflict:");
    }
    assertSecondRunIsANoOp();
  }

  @Test
  void bothRenamedAlike_onlyRecords() {
    syncedAsWork();
    set(a, "Project", null, null);
    set(b, "Project", null, null);

    SyncReport report = sync(a, b, ConflictStrategy.MANUAL);

    assertThat(report.plan()).singleElement().isInstanceOf(RecordMetadata.class);
    assertThat(report.problems()).isEmpty();
    assertSecondRunIsANoOp();
  }

  @ParameterizedTest
  @EnumSource(value = ConflictStrategy.class, names = {"LATEST_WINS", "MANUAL"})
  void aNewColor_beatsAConcurrentClear(ConflictStrategy strategy) {
    syncedAsWork();
    set(a, null, "", null);
    set(b, null, "#123456", null);

    SyncReport report = sync(a, b, strategy);

    assertThat(a.metadata().color()).isEqualTo("#123456");
    assertThat(report.problems()).isEmpty();
    assertSecondRunIsANoOp();
  }

  @Test
  void differentFields_changedOnEachSide_bothTravel() {
    syncedAsWork();
    set(a, "Project", null, null);
    set(b, null, "#0000ff", "the team");

    sync(a, b, ConflictStrategy.MANUAL);

    assertThat(MetadataValues.of(a.metadata())).isEqualTo(new MetadataValues("Project", "#0000ff", "the team"));
    assertThat(MetadataValues.of(b.metadata())).isEqualTo(new MetadataValues("Project", "#0000ff", "the team"));
    assertSecondRunIsANoOp();
  }

  // ---- sides that cannot take it -----------------------------------------------------------

  @Test
  void readOnlyDestination_renameBecomesAProblem_nothingWritten_itemsStillSync() {
    syncedAsWork();
    b.readOnly(true);
    set(a, "Project", null, null);
    b.put(item("u1", "one"));

    SyncReport report = sync(a, b);

    assertThat(b.metadata().name()).isEqualTo("Work");
    assertThat(a.item("u1")).isPresent();
    assertThat(report.problems()).containsExactly(
        "destination is read-only, not applied: rename destination: \"Work\" → \"Project\"");
    assertThat(report.destination().errors()).isEqualTo(1);
    assertThat(status.metadata().orElseThrow().a().name()).isEqualTo("Work"); // still pending
    assertThat(sync(a, b).problems()).hasSize(1); // and reported again
    b.readOnly(false);
    sync(a, b);
    assertThat(b.metadata().name()).isEqualTo("Project");
    assertSecondRunIsANoOp();
  }

  @Test
  void metadataNotWritable_recolorBecomesAProblem_andTheOtherSideIsNotReverted() {
    syncedAsWork();
    a.metadataReadOnly(true);
    set(b, null, "#00ff00", null);

    SyncReport report = sync(a, b);

    assertThat(a.metadata().color()).isEqualTo("#ff0000");
    assertThat(b.metadata().color()).isEqualTo("#00ff00");
    assertThat(report.problems()).singleElement().asString()
        .startsWith("source's calendar properties cannot be changed, not applied: recolor source");
    assertThat(a.metadataWriteCount()).isZero();
  }

  @Test
  void sideWithoutDescriptions_emptyIsNotADeletion_andNothingPingPongs() {
    FaultyStorage noDescB = new FaultyStorage(b).noDescription();
    set(a, "Work", null, "the team calendar");
    set(b, "Work", null, null);

    sync(a, noDescB);
    assertThat(a.metadata().description()).isEqualTo("the team calendar");
    assertThat(status.metadata().orElseThrow().b().description()).isNull();
    SyncReport again = sync(a, noDescB);
    assertThat(again.plan()).isEmpty();

    set(a, null, null, "renamed team");
    sync(a, noDescB);
    assertThat(a.metadata().description()).isEqualTo("renamed team");
    assertThat(sync(a, noDescB).plan()).isEmpty();

    set(b, "Project", null, null);
    sync(a, noDescB);
    assertThat(MetadataValues.of(a.metadata())).isEqualTo(new MetadataValues("Project", null, "renamed team"));
    assertThat(sync(a, noDescB).plan()).isEmpty();
  }

  // ---- failures and dry runs ---------------------------------------------------------------

  @Test
  void failedMetadataWrite_isAProblem_itemsStillSync_andTheNextRunRetries() {
    syncedAsWork();
    set(a, "Project", null, null);
    a.put(item("u1", "one"));
    FaultyStorage faultyB = new FaultyStorage(b).failMetadataWrite(FaultyStorage.unavailable());

    SyncReport report = sync(a, faultyB);

    assertThat(b.item("u1")).isPresent();
    assertThat(status.items()).containsKey("u1");
    assertThat(b.metadata().name()).isEqualTo("Work");
    assertThat(report.problems()).singleElement().asString()
        .startsWith("rename destination: \"Work\" → \"Project\": failed:");
    assertThat(report.destination().errors()).isEqualTo(1);

    sync(a, b);
    assertThat(b.metadata().name()).isEqualTo("Project");
    assertSecondRunIsANoOp();
  }

  @Test
  void failedMetadataWriteOnFirstSync_recordsNothing_andTheNextRunFillsIn() {
    set(a, "Work", null, null);
    set(b, "", null, null);

    sync(a, new FaultyStorage(b).failMetadataWrite(new StorageException.NotSupported("no")));

    assertThat(status.metadata()).isEmpty();
    sync(a, b);
    assertThat(b.metadata().name()).isEqualTo("Work");
    assertSecondRunIsANoOp();
  }

  @Test
  void unreadableMetadata_isAProblem_itemsStillSync_tokensAreKept() {
    a.incremental(true);
    a.put(item("u1", "one"));
    FaultyStorage faultyA =
        new FaultyStorage(a).failMetadataRead(new StorageException.Unavailable("PROPFIND 503", null));

    SyncReport report = sync(faultyA, b);

    assertThat(b.item("u1")).isPresent();
    assertThat(report.problems()).singleElement().asString()
        .contains("cannot read the calendar properties of the source", "PROPFIND 503");
    assertThat(status.metadata()).isEmpty();
    assertThat(status.syncToken(Side.A)).isPresent();
  }

  @Test
  void dryRun_plansTheRename_writesNothing() {
    syncedAsWork();
    set(b, "Project", null, null);

    SyncReport report = sync(a, b, SyncOptions.defaults().withDryRun(true));

    assertThat(report.plan()).extracting(SyncAction::describe)
        .contains("rename source: \"Work\" → \"Project\"");
    assertThat(a.metadata().name()).isEqualTo("Work");
    assertThat(a.metadataWriteCount()).isZero();
    assertThat(status.metadata().orElseThrow().b().name()).isEqualTo("Work");
  }

  // ---- the planner alone -------------------------------------------------------------------

  @Test
  void planner_oneUpdatePerSide_thenOneRecord() {
    SyncedMetadata before = SyncedMetadata.agreed(new MetadataValues("Work", "#ff0000", "d"));
    CalendarMeta nowA = new CalendarMeta("a", "Project", "#ff0000", "new d", null, false);
    CalendarMeta nowB = new CalendarMeta("b", "Work", "#00FF00", "d", null, false);

    SyncPlan plan = MetadataPlanner.plan(
        before, new SideMeta(nowA, true, false), new SideMeta(nowB, true, false), ConflictStrategy.MANUAL);

    assertThat(plan.actions()).extracting(SyncAction::describe).containsExactly(
        "recolor source: #ff0000 → #00FF00",
        "rename destination: \"Work\" → \"Project\"; change the description of destination: \"d\" → \"new d\"",
        "record the calendar's name, color and description as synced");
    assertThat(plan.actions().get(2)).isEqualTo(
        new RecordMetadata(SyncedMetadata.agreed(new MetadataValues("Project", "#00ff00", "new d")), before));
    assertThat(plan.problems()).isEmpty();
  }

  @Test
  void planner_nothingChanged_plansNothing() {
    SyncedMetadata before =
        new SyncedMetadata(new MetadataValues("Work", null, "d"), new MetadataValues("Arbeit", null, null));
    SyncPlan plan = MetadataPlanner.plan(
        before,
        new SideMeta(new CalendarMeta("a", "Work", null, "d", null, false), true, false),
        new SideMeta(new CalendarMeta("b", "Arbeit", "", " ", null, false), true, false),
        ConflictStrategy.SOURCE_WINS);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.problems()).isEmpty();
  }

  @Test
  void planner_manualConflictOnColor_namesBothValues() {
    SyncedMetadata before = SyncedMetadata.agreed(new MetadataValues("Work", "#ff0000", null));
    SyncPlan plan = MetadataPlanner.plan(
        before,
        new SideMeta(new CalendarMeta("a", "Work", "#00ff00", null, null, false), true, false),
        new SideMeta(new CalendarMeta("b", "Work", "#0000FFFF", null, null, false), true, false),
        ConflictStrategy.MANUAL);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.problems()).containsExactly(
        "calendar color differs: source '#00ff00', destination '#0000FFFF';"
            + " pick one with --conflict source_wins|destination_wins");
    assertThat(List.of(plan.errorsA(), plan.errorsB())).containsOnly(0);
  }
}
