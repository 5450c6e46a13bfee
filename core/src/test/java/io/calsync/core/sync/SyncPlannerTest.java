package io.calsync.core.sync;

import static io.calsync.core.sync.ConflictStrategy.DESTINATION_WINS;
import static io.calsync.core.sync.ConflictStrategy.LATEST_WINS;
import static io.calsync.core.sync.ConflictStrategy.MANUAL;
import static io.calsync.core.sync.ConflictStrategy.SOURCE_WINS;
import static io.calsync.core.sync.TestItems.hash;
import static io.calsync.core.sync.TestItems.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.Item;
import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ConflictVersion;
import io.calsync.core.status.ItemStatus;
import io.calsync.core.status.SideStatus;
import io.calsync.core.sync.SideState.SideItem;
import io.calsync.core.sync.SideState.Unreadable;
import io.calsync.core.sync.SyncAction.RecordConflict;
import io.calsync.core.sync.SyncAction.RecordStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table tests of the decision table. Items are written as {@code uid:text}; a side item whose
 * text matches the status is listed at the status' href and etag (so it is "known", not fetched),
 * every other one is fetched with etag {@code e-<text>}.
 */
class SyncPlannerTest {

  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  // ---- the table ---------------------------------------------------------------------------

  static Stream<Arguments> decisionTable() {
    return Stream.of(
        row("onlySource_noStatus_createsOnDestination", LATEST_WINS, status(), side("u1:v1"), side(),
            "create B u1 v1"),
        row("onlyDestination_noStatus_createsOnSource", LATEST_WINS, status(), side(), side("u1:v1"),
            "create A u1 v1"),
        row("bothSidesEqual_noStatus_recordsStatusOnly", LATEST_WINS, status(), side("u1:v1"),
            side("u1:v1"), "record u1"),
        row("bothSidesDifferent_noStatus_manual_recordsConflict", MANUAL, status(), side("u1:v1"),
            side("u1:v2"), "conflict u1"),
        row("bothSidesDifferent_noStatus_sourceWins_updatesDestination", SOURCE_WINS, status(),
            side("u1:v1"), side("u1:v2"), "update B u1 v1 conflict"),
        row("unchanged_plansNothing", LATEST_WINS, status("u1:v1"), side("u1:v1"), side("u1:v1")),
        row("sourceChanged_updatesDestination", LATEST_WINS, status("u1:v1"), side("u1:v2"),
            side("u1:v1"), "update B u1 v2"),
        row("destinationChanged_updatesSource", LATEST_WINS, status("u1:v1"), side("u1:v1"),
            side("u1:v2"), "update A u1 v2"),
        row("bothChangedEqually_recordsStatusOnly", LATEST_WINS, status("u1:v1"), side("u1:v2"),
            side("u1:v2"), "record u1"),
        row("sourceDeleted_destinationUnchanged_deletesOnDestination", LATEST_WINS, status("u1:v1"),
            side(), side("u1:v1"), "delete B u1"),
        row("destinationDeleted_sourceUnchanged_deletesOnSource", LATEST_WINS, status("u1:v1"),
            side("u1:v1"), side(), "delete A u1"),
        row("deletedOnBothSides_forgetsStatus", LATEST_WINS, status("u1:v1"), side(), side(),
            "forget u1"),
        // edit (source) versus delete (destination)
        row("sourceEdited_destinationDeleted_latestWins_editRecreated", LATEST_WINS, status("u1:v1"),
            side("u1:v2"), side(), "create B u1 v2 conflict"),
        row("sourceEdited_destinationDeleted_manual_editRecreated", MANUAL, status("u1:v1"),
            side("u1:v2"), side(), "create B u1 v2 conflict"),
        row("sourceEdited_destinationDeleted_sourceWins_editRecreated", SOURCE_WINS, status("u1:v1"),
            side("u1:v2"), side(), "create B u1 v2 conflict"),
        row("sourceEdited_destinationDeleted_destinationWins_deletionWins", DESTINATION_WINS,
            status("u1:v1"), side("u1:v2"), side(), "delete A u1 conflict"),
        // edit (destination) versus delete (source)
        row("destinationEdited_sourceDeleted_latestWins_editRecreated", LATEST_WINS, status("u1:v1"),
            side(), side("u1:v2"), "create A u1 v2 conflict"),
        row("destinationEdited_sourceDeleted_manual_editRecreated", MANUAL, status("u1:v1"), side(),
            side("u1:v2"), "create A u1 v2 conflict"),
        row("destinationEdited_sourceDeleted_sourceWins_deletionWins", SOURCE_WINS, status("u1:v1"),
            side(), side("u1:v2"), "delete B u1 conflict"),
        row("destinationEdited_sourceDeleted_destinationWins_editRecreated", DESTINATION_WINS,
            status("u1:v1"), side(), side("u1:v2"), "create A u1 v2 conflict"),
        // both edited differently
        row("bothSidesEditedDifferently_sourceWins_sourceVersionWritten", SOURCE_WINS,
            status("u1:v1"), side("u1:v2"), side("u1:v3"), "update B u1 v2 conflict"),
        row("bothSidesEditedDifferently_destinationWins_destinationVersionWritten", DESTINATION_WINS,
            status("u1:v1"), side("u1:v2"), side("u1:v3"), "update A u1 v3 conflict"),
        row("bothSidesEditedDifferently_manual_recordsConflictOnly", MANUAL, status("u1:v1"),
            side("u1:v2"), side("u1:v3"), "conflict u1"),
        row("bothSidesEditedDifferently_latestWins_newerLastModifiedWins", LATEST_WINS,
            status("u1:v1"), side("u1:v2@20"), side("u1:v3@10"), "update B u1 v2 conflict"),
        row("bothSidesEditedDifferently_latestWins_newerDestinationWins", LATEST_WINS,
            status("u1:v1"), side("u1:v2@10"), side("u1:v3@20"), "update A u1 v3 conflict"),
        row("bothSidesEditedDifferently_latestWins_missingLastModifiedIsOldest", LATEST_WINS,
            status("u1:v1"), side("u1:v2"), side("u1:v3@1"), "update A u1 v3 conflict"),
        row("bothSidesEditedDifferently_latestWins_sameTime_higherSequenceWins", LATEST_WINS,
            status("u1:v1"), side("u1:v2@10#3"), side("u1:v3@10#2"), "update B u1 v2 conflict"),
        row("bothSidesEditedDifferently_latestWins_fullTie_greaterHashWins", LATEST_WINS,
            status("u1:v1"), side("u1:v2@10#1"), side("u1:v3@10#1"),
            hash("v2").compareTo(hash("v3")) > 0 ? "update B u1 v2 conflict" : "update A u1 v3 conflict"),
        // several UIDs at once, in UID order
        row("severalUids_plannedInUidOrder", LATEST_WINS, status("u2:v1", "u3:v1"),
            side("u1:v1", "u2:v2", "u3:v1"), side("u2:v1"),
            "create B u1 v1", "update B u2 v2", "delete A u3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisionTable")
  void decisionTable(
      String name, ConflictStrategy strategy, Map<String, ItemStatus> status, List<SideItem> a,
      List<SideItem> b, List<String> expected) {
    // An unchanged bystander on both sides keeps a side that loses its only item from tripping
    // the empty-side safety stop (tested on its own below).
    Map<String, ItemStatus> withBystander = new HashMap<>(status);
    withBystander.putAll(status("zz:v0"));
    SyncPlan plan = plan(withBystander, List.of(), SideState.of(Side.A, concat(a, side("zz:v0"))),
        SideState.of(Side.B, concat(b, side("zz:v0"))), strategy);
    assertThat(shortForm(plan)).as(name).containsExactlyElementsOf(expected);
    assertThat(plan.problems()).isEmpty();
  }

  // ---- etags and hrefs ---------------------------------------------------------------------

  @Test
  void etagChangedButSameHash_refreshesStatusOnly() {
    Map<String, ItemStatus> status = status("u1:v1");
    SideItem rewritten = new SideItem("u1.ics", "server-rewrote-it", "u1", hash("v1"), item("u1", "v1"));
    SyncPlan plan = plan(status, List.of(), SideState.of(Side.A, List.of(rewritten)),
        SideState.of(Side.B, side("u1:v1")), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("record u1");
    ItemStatus recorded = ((RecordStatus) plan.actions().get(0)).status();
    assertThat(recorded.a().etag()).isEqualTo("server-rewrote-it");
  }

  @Test
  void hrefMovedButSameHash_refreshesStatusOnly() {
    SideItem moved = new SideItem("elsewhere.ics", "e9", "u1", hash("v1"), item("u1", "v1"));
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, side("u1:v1")),
        SideState.of(Side.B, List.of(moved)), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("record u1");
  }

  // ---- incomplete listings -----------------------------------------------------------------

  @Test
  void incompleteListing_absentItemNotConfirmedMissing_isNotDeletedOnTheOtherSide() {
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, side("u1:v1")),
        incomplete(Side.B, List.of(), Set.of()), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.problems()).isEmpty();
  }

  @Test
  void incompleteListing_itemLeftWindowWhileOtherSideChanged_isLeftAlone() {
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, side("u1:v2")),
        incomplete(Side.B, List.of(), Set.of()), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void incompleteListing_absentItemConfirmedMissing_isDeletedOnTheOtherSide() {
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, side("u1:v1")),
        incomplete(Side.B, List.of(), Set.of("u1.ics")), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("delete A u1");
  }

  @Test
  void incompleteListing_listedItemsAreStillSynced() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1"), List.of(), SideState.of(Side.A, side("u1:v1", "u2:v1")),
        incomplete(Side.B, side("u2:v2"), Set.of()), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("update A u2 v2");
  }

  @Test
  void incompleteEmptyListing_doesNotTriggerTheEmptySideStop() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1", "u3:v1", "u4:v1"), List.of(),
        SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1")),
        incomplete(Side.B, List.of(), Set.of()), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
  }

  // ---- duplicates and unreadable items -----------------------------------------------------

  @Test
  void duplicateUidOnOneSide_isReportedWithBothHrefs_andLeftAloneOnBothSides() {
    SideItem first = SideItem.fetched("one.ics", "e1", item("u1", "v2"));
    SideItem second = SideItem.fetched("two.ics", "e2", item("u1", "v3"));
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, List.of(first, second)),
        SideState.of(Side.B, side("u1:v1")), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.problems()).singleElement().asString()
        .contains("source", "u1", "one.ics", "two.ics");
    assertThat(plan.errorsA()).isEqualTo(1);
  }

  @Test
  void duplicateUid_withoutStatus_isNotCreatedOnTheOtherSide() {
    SideItem first = SideItem.fetched("one.ics", "e1", item("u1", "v2"));
    SideItem second = SideItem.fetched("two.ics", "e2", item("u1", "v2"));
    SyncPlan plan = plan(status(), List.of(), SideState.of(Side.A, side()),
        SideState.of(Side.B, List.of(first, second)), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.errorsB()).isEqualTo(1);
  }

  @Test
  void unreadableItem_isNotDeletedOnTheOtherSide_andReportedWithHrefAndReason() {
    SideState a = new SideState(Side.A, List.of(), List.of(new Unreadable("u1.ics", "bad DTSTART")),
        Set.of(), true, false);
    SyncPlan plan = plan(status("u1:v1", "u2:v1"), List.of(), a, SideState.of(Side.B, side("u1:v1", "u2:v1")),
        LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("delete B u2");
    assertThat(plan.problems()).singleElement().asString().contains("u1.ics", "bad DTSTART", "u1");
  }

  @Test
  void unreadableItem_isNotOverwrittenByTheOtherSidesEdit() {
    SideState a = new SideState(Side.A, List.of(), List.of(new Unreadable("u1.ics", "garbage")),
        Set.of(), true, false);
    SyncPlan plan = plan(status("u1:v1"), List.of(), a, SideState.of(Side.B, side("u1:v2")), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
  }

  // ---- read-only sides ---------------------------------------------------------------------

  @Test
  void readOnlyDestination_newSourceItem_isReportedNotWritten() {
    SideState b = new SideState(Side.B, List.of(), List.of(), Set.of(), true, true);
    SyncPlan plan = plan(status(), List.of(), SideState.of(Side.A, side("u1:v1")), b, LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.problems()).singleElement().asString().contains("destination is read-only", "u1");
    assertThat(plan.errorsB()).isEqualTo(1);
  }

  @Test
  void readOnlySource_destinationChanged_isReported_andDestinationNotReverted() {
    SideState a = new SideState(Side.A, side("u1:v1"), List.of(), Set.of(), true, true);
    SyncPlan plan = plan(status("u1:v1"), List.of(), a, SideState.of(Side.B, side("u1:v2")), LATEST_WINS);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.errorsA()).isEqualTo(1);
    assertThat(plan.problems()).singleElement().asString().contains("source is read-only");
  }

  @Test
  void readOnlySide_statusOnlyActionsStillHappen() {
    SideState a = new SideState(Side.A, side("u1:v1"), List.of(), Set.of(), true, true);
    SyncPlan plan = plan(status(), List.of(), a, SideState.of(Side.B, side("u1:v1")), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("record u1");
  }

  // ---- safety ------------------------------------------------------------------------------

  @Test
  void emptyDestinationListing_afterItemsWereSynced_stops() {
    Map<String, ItemStatus> status = status("u1:v1", "u2:v1", "u3:v1", "u4:v1", "u5:v1");
    assertThatThrownBy(() -> plan(status, List.of(), SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1", "u5:v1")),
            SideState.of(Side.B, List.of()), LATEST_WINS))
        .isInstanceOf(SafetyStop.class)
        .hasMessageContaining("destination lists no items but 5 were synced before")
        .hasMessageContaining("delete 5 items from source")
        .hasMessageContaining("re-run with --force-delete if this is intended");
  }

  @Test
  void emptySourceListing_evenForASmallCalendarOfTwo_stops() {
    assertThatThrownBy(() -> plan(status("u1:v1", "u2:v1"), List.of(), SideState.of(Side.A, List.of()),
            SideState.of(Side.B, side("u1:v1", "u2:v1")), LATEST_WINS))
        .isInstanceOf(SafetyStop.class)
        .hasMessageContaining("source lists no items but 2 were synced before");
  }

  @Test
  void deletingTheOnlyEventOfACalendar_isAnOrdinaryDeletion() {
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, List.of()),
        SideState.of(Side.B, side("u1:v1")), LATEST_WINS);

    assertThat(shortForm(plan)).containsExactly("delete B u1");
  }

  @Test
  void emptyListing_withForceDelete_deletesEverything() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1", "u3:v1", "u4:v1", "u5:v1"), List.of(),
        SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1", "u5:v1")),
        SideState.of(Side.B, List.of()), SyncOptions.defaults().withForceDelete(true));
    assertThat(shortForm(plan)).hasSize(5).allMatch(s -> s.startsWith("delete A"));
  }

  @Test
  void bothSidesEmpty_afterItemsWereSynced_justForgetsTheStatus() {
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, List.of()),
        SideState.of(Side.B, List.of()), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("forget u1");
  }

  @Test
  void deletingMoreThanHalfOfASide_stops_namingSideCountsAndPercentage() {
    assertThatThrownBy(() -> plan(status("u1:v1", "u2:v1", "u3:v1", "u4:v1"), List.of(),
            SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1")),
            SideState.of(Side.B, side("u4:v1")), LATEST_WINS))
        .isInstanceOf(SafetyStop.class)
        .hasMessageContaining("delete 3 of the 4 items synced to the source")
        .hasMessageContaining("75%")
        .hasMessageContaining("--force-delete");
  }

  @Test
  void deletingExactlyHalfOfASide_isAllowed() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1", "u3:v1", "u4:v1"), List.of(),
        SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1")),
        SideState.of(Side.B, side("u3:v1", "u4:v1")), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("delete A u1", "delete A u2");
  }

  @Test
  void deletingMostOfASmallCalendar_isAllowed() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1", "u3:v1"), List.of(),
        SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1")),
        SideState.of(Side.B, side("u3:v1")), LATEST_WINS);
    assertThat(shortForm(plan)).containsExactly("delete A u1", "delete A u2");
  }

  @Test
  void deleteShare_withForceDelete_isBypassed() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1", "u3:v1", "u4:v1"), List.of(),
        SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1")),
        SideState.of(Side.B, side("u4:v1")), SyncOptions.defaults().withForceDelete(true));
    assertThat(shortForm(plan)).containsExactly("delete A u1", "delete A u2", "delete A u3");
  }

  @Test
  void deleteShare_followsTheConfiguredShare() {
    SyncPlan plan = plan(status("u1:v1", "u2:v1", "u3:v1", "u4:v1"), List.of(),
        SideState.of(Side.A, side("u1:v1", "u2:v1", "u3:v1", "u4:v1")),
        SideState.of(Side.B, side("u4:v1")), SyncOptions.defaults().withMaxDeleteShare(0.75));
    assertThat(plan.actions()).hasSize(3);
  }

  // ---- manual conflicts --------------------------------------------------------------------

  @Test
  void manualConflict_recordKeepsBothVersionsWhole_withStableIdAndClockTime() {
    SyncPlan plan = plan(status("u1:v1"), List.of(), SideState.of(Side.A, side("u1:v2")),
        SideState.of(Side.B, side("u1:v3")), MANUAL);
    Conflict c = ((RecordConflict) plan.actions().get(0)).conflict();
    assertThat(c.id()).hasSize(10).isEqualTo(SyncPlanner.conflictId("u1", hash("v2"), hash("v3")));
    assertThat(c.a().text()).isEqualTo("v2");
    assertThat(c.b().text()).isEqualTo("v3");
    assertThat(c.detectedAt()).isEqualTo(NOW);
    assertThat(c.summary()).isEqualTo("summary of v2");
    assertThat(c.isPending()).isTrue();
    assertThat(plan.conflictsPending()).isEqualTo(1);
  }

  @Test
  void pendingConflict_neitherSideChanged_isSkippedQuietly_butCountedPending() {
    Conflict c = conflict("u1", "v2", "v3", null);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), SideState.of(Side.A, side("u1:v2")),
        SideState.of(Side.B, side("u1:v3")), MANUAL);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.conflictsPending()).isEqualTo(1);
  }

  @Test
  void pendingConflict_sideChangedAgain_refreshesTheRecordsVersions_keepingItsId() {
    Conflict c = conflict("u1", "v2", "v3", null);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), SideState.of(Side.A, side("u1:v4")),
        SideState.of(Side.B, side("u1:v3")), MANUAL);
    Conflict refreshed = ((RecordConflict) plan.actions().get(0)).conflict();
    assertThat(refreshed.id()).isEqualTo(c.id());
    assertThat(refreshed.a().text()).isEqualTo("v4");
    assertThat(refreshed.b().text()).isEqualTo("v3");
  }

  @Test
  void pendingConflict_sidesNowAgree_recordsStatusWhichSettlesIt() {
    Conflict c = conflict("u1", "v2", "v3", null);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), SideState.of(Side.A, side("u1:v3")),
        SideState.of(Side.B, side("u1:v3")), MANUAL);
    assertThat(shortForm(plan)).containsExactly("record u1");
    assertThat(plan.conflictsPending()).isZero();
  }

  @Test
  void pendingConflict_sidesBackToStatus_dropsTheRecord() {
    Conflict c = conflict("u1", "v2", "v3", null);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), SideState.of(Side.A, side("u1:v1")),
        SideState.of(Side.B, side("u1:v1")), MANUAL);
    assertThat(shortForm(plan)).containsExactly("drop u1");
  }

  @Test
  void resolvedConflict_sidesUnchanged_writesTheWinnerToTheOtherSide() {
    Conflict c = conflict("u1", "v2", "v3", Side.B);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), SideState.of(Side.A, side("u1:v2")),
        SideState.of(Side.B, side("u1:v3")), MANUAL);
    assertThat(shortForm(plan)).containsExactly("update A u1 v3 conflict");
    assertThat(plan.conflictsPending()).isZero();
  }

  @Test
  void resolvedConflict_winnerWasDeleted_deletesOnTheOtherSide() {
    Conflict c = new Conflict("c1", "u1", "", NOW, new ConflictVersion(null, null, null, null),
        version("v3"), Side.A, NOW);
    SyncPlan plan = plan(status("u1:v1", "u2:v1"), List.of(c), SideState.of(Side.A, side("u2:v1")),
        SideState.of(Side.B, side("u1:v3", "u2:v1")), MANUAL);
    assertThat(shortForm(plan)).containsExactly("delete B u1 conflict");
  }

  @Test
  void resolvedConflict_sideChangedSince_dropsTheResolution_andPlansAgain() {
    Conflict c = conflict("u1", "v2", "v3", Side.A);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), SideState.of(Side.A, side("u1:v2")),
        SideState.of(Side.B, side("u1:v4")), MANUAL);
    Conflict again = ((RecordConflict) plan.actions().get(0)).conflict();
    assertThat(again.isPending()).isTrue();
    assertThat(again.b().text()).isEqualTo("v4");
  }

  @Test
  void pendingConflict_unreadableSide_staysPending() {
    Conflict c = conflict("u1", "v2", "v3", null);
    SideState a = new SideState(Side.A, List.of(), List.of(new Unreadable("u1.ics", "x")), Set.of(), true, false);
    SyncPlan plan = plan(status("u1:v1"), List.of(c), a, SideState.of(Side.B, side("u1:v3")), MANUAL);
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.conflictsPending()).isEqualTo(1);
  }

  @Test
  void describe_namesSideUidAndSummary() {
    SyncPlan plan = plan(status(), List.of(), SideState.of(Side.A, side("u1:v1")), SideState.of(Side.B, side()),
        LATEST_WINS);
    assertThat(plan.actions().get(0).describe()).contains("destination", "u1", "summary of v1");
  }

  // ---- DSL ---------------------------------------------------------------------------------

  static Arguments row(String name, ConflictStrategy strategy, Map<String, ItemStatus> status,
      List<SideItem> a, List<SideItem> b, String... expected) {
    return Arguments.of(name, strategy, status, a, b, List.of(expected));
  }

  /** {@code uid:text}: both sides held {@code text} at {@code uid.ics} with etag {@code s-text}. */
  static Map<String, ItemStatus> status(String... specs) {
    Map<String, ItemStatus> map = new HashMap<>();
    for (String spec : specs) {
      String[] p = spec.split(":");
      SideStatus s = new SideStatus(p[0] + ".ics", "s-" + p[1], hash(p[1]));
      map.put(p[0], new ItemStatus(p[0], s, s));
    }
    return map;
  }

  /**
   * {@code uid:text[@lastModifiedSeconds][#sequence]}. Items are fetched with etag {@code
   * e-text}, so they are planned on content, as the engine would after fetching.
   */
  static List<SideItem> side(String... specs) {
    List<SideItem> items = new ArrayList<>();
    for (String spec : specs) {
      String[] p = spec.split(":");
      String rest = p[1];
      int seq = 0;
      Instant lm = null;
      if (rest.contains("#")) {
        seq = Integer.parseInt(rest.substring(rest.indexOf('#') + 1));
        rest = rest.substring(0, rest.indexOf('#'));
      }
      if (rest.contains("@")) {
        lm = Instant.ofEpochSecond(Long.parseLong(rest.substring(rest.indexOf('@') + 1)));
        rest = rest.substring(0, rest.indexOf('@'));
      }
      Item item = item(p[0], rest, lm, seq);
      // unchanged relative to status(...) → same href and etag as the status
      items.add(SideItem.fetched(p[0] + ".ics", "s-" + rest, item));
    }
    return items;
  }

  static List<SideItem> concat(List<SideItem> x, List<SideItem> y) {
    List<SideItem> all = new ArrayList<>(x);
    all.addAll(y);
    return all;
  }

  static SideState incomplete(Side side, List<SideItem> items, Set<String> confirmedMissing) {
    return new SideState(side, items, List.of(), confirmedMissing, false, false);
  }

  static Conflict conflict(String uid, String textA, String textB, Side resolution) {
    return new Conflict(SyncPlanner.conflictId(uid, hash(textA), hash(textB)), uid, "", NOW.minusSeconds(60),
        version(textA), version(textB), resolution, resolution == null ? null : NOW);
  }

  static ConflictVersion version(String text) {
    return new ConflictVersion("x.ics", "e", hash(text), text);
  }

  static SyncPlan plan(Map<String, ItemStatus> status, List<Conflict> conflicts, SideState a, SideState b,
      ConflictStrategy strategy) {
    return plan(status, conflicts, a, b, SyncOptions.defaults().withStrategy(strategy));
  }

  static SyncPlan plan(Map<String, ItemStatus> status, List<Conflict> conflicts, SideState a, SideState b,
      SyncOptions options) {
    return SyncPlanner.plan(status, conflicts, a, b, options, NOW);
  }

  /** "create B u1 v1", "update A u1 v2 conflict", "delete A u1", "record u1", "forget u1", … */
  static List<String> shortForm(SyncPlan plan) {
    return plan.actions().stream().map(SyncPlannerTest::shortForm).toList();
  }

  static String shortForm(SyncAction action) {
    return switch (action) {
      case SyncAction.Create c -> "create " + c.target() + " " + c.uid() + " " + c.item().text() + (c.conflict() ? " conflict" : "");
      case SyncAction.Update u -> "update " + u.target() + " " + u.uid() + " " + u.item().text() + (u.conflict() ? " conflict" : "");
      case SyncAction.Delete d -> "delete " + d.target() + " " + d.uid() + (d.conflict() ? " conflict" : "");
      case SyncAction.RecordStatus r -> "record " + r.uid();
      case SyncAction.ForgetStatus f -> "forget " + f.uid();
      case SyncAction.RecordConflict rc -> "conflict " + rc.uid();
      case SyncAction.DropConflict dc -> "drop " + dc.uid();
      case SyncAction.UpdateMetadata m -> "metadata " + m.target() + " " + m.change();
      case SyncAction.RecordMetadata r -> "record metadata";
    };
  }
}
