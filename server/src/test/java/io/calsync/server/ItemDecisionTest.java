package io.calsync.server;

import static io.calsync.core.sync.ConflictStrategy.DESTINATION_WINS;
import static io.calsync.core.sync.ConflictStrategy.LATEST_WINS;
import static io.calsync.core.sync.ConflictStrategy.MANUAL;
import static io.calsync.core.sync.ConflictStrategy.SOURCE_WINS;
import static io.calsync.server.ItemDecision.Verdict.APPLY;
import static io.calsync.server.ItemDecision.Verdict.CONFLICT;
import static io.calsync.server.ItemDecision.Verdict.SUPERSEDE;
import static io.calsync.server.ItemDecision.Verdict.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.ical.IcalCodec;
import io.calsync.server.ItemDecision.Current;
import org.junit.jupiter.api.Test;

/** The decision table of docs/protocol.md, row by row, without a server. */
class ItemDecisionTest {
  private static final Current LIVE_V2 = new Current(2L, false, IcalCodec.parseItem(TestIcs.event("u", "m", "20260110T100000Z", 0), "m"));
  private static final Current TOMBSTONE_V2 = new Current(2L, true, null);

  private static IncomingChange put(String summary, Long base) {
    return new IncomingChange("u", IcalCodec.parseItem(TestIcs.event("u", summary, "20260110T100000Z", 0), "in"), base);
  }

  private static IncomingChange delete(Long base) {
    return new IncomingChange("u", null, base);
  }

  @Test
  void noneOrTombstone_putWithNullOrTombstoneBase_isApplied() {
    assertThat(ItemDecision.decide(Current.NONE, put("x", null), MANUAL)).isEqualTo(APPLY);
    assertThat(ItemDecision.decide(TOMBSTONE_V2, put("x", null), MANUAL)).isEqualTo(APPLY);
    assertThat(ItemDecision.decide(TOMBSTONE_V2, put("x", 2L), MANUAL)).isEqualTo(APPLY);
  }

  @Test
  void changeOnTheCurrentVersion_isApplied() {
    assertThat(ItemDecision.decide(LIVE_V2, put("x", 2L), MANUAL)).isEqualTo(APPLY);
    assertThat(ItemDecision.decide(LIVE_V2, delete(2L), MANUAL)).isEqualTo(APPLY);
  }

  @Test
  void sameContent_orDeletingADeletedItem_isUnchanged_whateverTheBase() {
    assertThat(ItemDecision.decide(LIVE_V2, put("m", 1L), MANUAL)).isEqualTo(UNCHANGED);
    assertThat(ItemDecision.decide(TOMBSTONE_V2, delete(1L), MANUAL)).isEqualTo(UNCHANGED);
    assertThat(ItemDecision.decide(Current.NONE, delete(null), MANUAL)).isEqualTo(UNCHANGED);
  }

  @Test
  void concurrent_followsTheStrategy() {
    assertThat(ItemDecision.decide(LIVE_V2, put("x", 1L), SOURCE_WINS)).isEqualTo(APPLY);
    assertThat(ItemDecision.decide(LIVE_V2, put("x", null), DESTINATION_WINS)).isEqualTo(SUPERSEDE);
    assertThat(ItemDecision.decide(LIVE_V2, put("x", 1L), MANUAL)).isEqualTo(CONFLICT);
    assertThat(ItemDecision.decide(TOMBSTONE_V2, put("x", 1L), MANUAL)).isEqualTo(CONFLICT);
  }

  @Test
  void latestWins_tieGoesToTheMaster_andAnEditBeatsADelete() {
    assertThat(ItemDecision.decide(LIVE_V2, put("x", 1L), LATEST_WINS)).as("same LAST-MODIFIED and SEQUENCE").isEqualTo(SUPERSEDE);
    assertThat(ItemDecision.decide(LIVE_V2, delete(1L), LATEST_WINS)).isEqualTo(SUPERSEDE);
    assertThat(ItemDecision.decide(TOMBSTONE_V2, put("x", 1L), LATEST_WINS)).isEqualTo(APPLY);
  }
}
