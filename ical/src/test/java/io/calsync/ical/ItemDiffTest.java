package io.calsync.ical;

import static io.calsync.ical.Fixtures.ics;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemDiffTest {

  private static String event(String... eventLines) {
    String[] lines = new String[eventLines.length + 6];
    lines[0] = "BEGIN:VCALENDAR";
    lines[1] = "VERSION:2.0";
    lines[2] = "BEGIN:VEVENT";
    lines[3] = "UID:d1";
    System.arraycopy(eventLines, 0, lines, 4, eventLines.length);
    lines[lines.length - 2] = "END:VEVENT";
    lines[lines.length - 1] = "END:VCALENDAR";
    return ics(lines);
  }

  private static ItemDiff.Row row(List<ItemDiff.Row> rows, String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  @Test
  void changedTitle_differs_andTheUnchangedStartDoesNot() {
    var rows = ItemDiff.compare(event("DTSTART:20260201T100000Z", "SUMMARY:Standup"),
        event("DTSTART:20260201T100000Z", "SUMMARY:Stand-up\\, moved"), "t");
    assertThat(row(rows, "SUMMARY")).isEqualTo(new ItemDiff.Row("SUMMARY", "Standup", "Stand-up, moved"));
    assertThat(row(rows, "SUMMARY").differs()).isTrue();
    assertThat(row(rows, "DTSTART").differs()).isFalse();
  }

  @Test
  void serverBookkeeping_isLeftOut_soOnlyUserChangesShow() {
    var rows = ItemDiff.compare(event("DTSTAMP:20260101T000000Z", "LAST-MODIFIED:20260101T000000Z", "SUMMARY:x"),
        event("DTSTAMP:20260202T000000Z", "LAST-MODIFIED:20260202T000000Z", "SUMMARY:x"), "t");
    assertThat(rows).extracting(ItemDiff.Row::name).containsExactly("UID", "SUMMARY");
    assertThat(rows).noneMatch(ItemDiff.Row::differs);
  }

  @Test
  void propertyOnOneSideOnly_isARowWithTheOtherSideEmpty() {
    var rows = ItemDiff.compare(event("SUMMARY:x"), event("SUMMARY:x", "LOCATION:Room 4"), "t");
    assertThat(row(rows, "LOCATION")).isEqualTo(new ItemDiff.Row("LOCATION", null, "Room 4"));
  }

  @Test
  void deletedSide_isNullText_andEveryRowDiffers() {
    var rows = ItemDiff.compare(event("SUMMARY:x"), null, "t");
    assertThat(rows).isNotEmpty().allMatch(r -> r.right() == null && r.differs());
  }

  @Test
  void timeZone_isShownWithTheTime_andAlarmsCompareAsOneRow() {
    String left = event("DTSTART;TZID=Europe/Berlin:20260201T100000", "BEGIN:VALARM", "ACTION:DISPLAY",
        "TRIGGER:-PT15M", "END:VALARM");
    String right = event("DTSTART;TZID=Europe/Berlin:20260201T100000", "BEGIN:VALARM", "ACTION:DISPLAY",
        "TRIGGER:-PT30M", "END:VALARM");
    var rows = ItemDiff.compare(left, right, "t");
    assertThat(row(rows, "DTSTART").left()).isEqualTo("20260201T100000 (Europe/Berlin)");
    assertThat(row(rows, ItemDiff.ALARMS).left()).isEqualTo("ACTION=DISPLAY; TRIGGER=-PT15M");
    assertThat(row(rows, ItemDiff.ALARMS).differs()).isTrue();
  }
}
