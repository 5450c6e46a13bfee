package io.calsync.ical;

import static io.calsync.ical.Fixtures.ics;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IcalCodecTest {

  @Test
  void parseItem_fillsUidSummarySequenceAndLastModifiedFromTheMaster() {
    Item item =
        IcalCodec.parseItem(
            Fixtures.read("weekly-with-exdate-and-override.ics"), "cal/standup.ics");

    assertThat(item.uid()).isEqualTo("weekly-standup-7f3a@example.com");
    assertThat(item.summary()).isEqualTo("Stand-up");
    assertThat(item.sequence()).isEqualTo(2);
    assertThat(item.lastModified()).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
    assertThat(item.hash()).matches("[0-9a-f]{64}");
  }

  @Test
  void parseItem_givesBareLineFeedsTheCrlfOfRfc5545_withoutChangingTheHash() {
    String crlf =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:lf-1\r\n"
            + "DTSTAMP:20250101T000000Z\r\nDTSTART:20250101T100000Z\r\n"
            + "ATTENDEE;CN=Anna Andersson;CUTYPE=INDIVIDUAL;PARTSTAT=DECLINED;ROLE=OPT-PAR\r\n"
            + " TICIPANT:mailto:anna@example.com\r\nSUMMARY:Folded\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    String lf = crlf.replace("\r\n", "\n");
    String mixed = crlf.replaceFirst("\r\n", "\n");

    Item fromLf = IcalCodec.parseItem(lf, "radicale answer");
    Item fromMixed = IcalCodec.parseItem(mixed, "mixed");
    Item fromCrlf = IcalCodec.parseItem(crlf, "crlf");

    assertThat(fromLf.text()).isEqualTo(crlf);
    assertThat(fromMixed.text()).isEqualTo(crlf);
    assertThat(fromCrlf.text()).isSameAs(crlf);
    assertThat(fromLf.hash()).isEqualTo(fromCrlf.hash());
  }

  @Test
  void parseItem_lastModifiedFallsBackToDtstamp_andIsNullWithNeither() {
    String withStamp =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:a", "DTSTAMP:20240102T030405Z",
            "DTSTART:20240105T100000Z", "END:VEVENT", "END:VCALENDAR");
    String without = withStamp.replace("DTSTAMP:20240102T030405Z\r\n", "");

    assertThat(IcalCodec.parseItem(withStamp, "a.ics").lastModified())
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(IcalCodec.parseItem(without, "a.ics").lastModified()).isNull();
    assertThat(IcalCodec.parseItem(without, "a.ics").sequence()).isZero();
    assertThat(IcalCodec.parseItem(without, "a.ics").summary()).isEmpty();
  }

  @Test
  void parseItem_summaryIsPlainText() {
    Item item = IcalCodec.parseItem(Fixtures.read("attendees-long-description.ics"), "d.ics");

    assertThat(item.summary()).isEqualTo("Design review: caché, naïve résumé; 日本語 & emoji 🎉");
  }

  @Test
  void parseItem_overridesWithoutMaster_formOneItem_withFirstOverrideAsMaster() {
    Item item = IcalCodec.parseItem(Fixtures.read("override-without-master.ics"), "inv.ics");

    assertThat(item.uid()).isEqualTo("series-owned-by-someone-else@partner.example");
    assertThat(item.summary()).isEqualTo("Partner sync (you are invited to this one)");
    assertThat(item.lastModified()).isEqualTo(Instant.parse("2024-08-20T00:00:00Z"));
  }

  @Test
  void parseItem_acceptsVtodo() {
    Item item = IcalCodec.parseItem(Fixtures.read("vtodo.ics"), "todo.ics");

    assertThat(item.uid()).isEqualTo("todo-tax-return-2024@nextcloud.example");
    assertThat(item.lastModified()).isEqualTo(Instant.parse("2024-02-15T17:00:00Z"));
  }

  @Test
  void parseCalendar_collectsCalendarProperties_asPlainText() {
    ParsedCalendar parsed =
        IcalCodec.parseCalendar(
            Fixtures.read("google-export-with-calendar-properties.ics"), "family.ics");

    assertThat(parsed.properties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "X-WR-CALNAME", "Family, shared",
                "X-WR-TIMEZONE", "Europe/Berlin",
                "X-WR-CALDESC", "Everything the family plans",
                "X-APPLE-CALENDAR-COLOR", "#FF2968"));
    assertThat(parsed.items())
        .extracting(Item::uid)
        .containsExactly(
            "2b7f1c0f9e@google.com", "5c8d2e4a1b@google.com", "journal-2024-09-01@example.com");
  }

  @Test
  void parseCalendar_itemText_isFreshCalendarWithOriginalProdidCalscaleAndOnlyUsedTimezones() {
    ParsedCalendar parsed =
        IcalCodec.parseCalendar(Fixtures.read("multi-timezone.ics"), "multi.ics");

    Item ny = parsed.items().get(1);
    Item cross = parsed.items().get(2);
    assertThat(ny.text())
        .startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML")
        .contains("TZID:America/New_York")
        .doesNotContain("TZID:Europe/Berlin", "TZID:Asia/Kolkata", "X-WR-", "METHOD");
    assertThat(cross.text()).contains("TZID:Asia/Kolkata", "TZID:Europe/Berlin");
    assertThat(cross.text()).doesNotContain("TZID:America/New_York");

    ParsedCalendar google =
        IcalCodec.parseCalendar(
            Fixtures.read("google-export-with-calendar-properties.ics"), "g.ics");
    assertThat(google.items().getFirst().text())
        .contains("CALSCALE:GREGORIAN")
        .doesNotContain("METHOD:PUBLISH", "X-WR-CALNAME");
  }

  @Test
  void parseCalendar_withoutProdid_writesCalsyncProdid() {
    String text =
        ics("BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:a", "END:VEVENT", "END:VCALENDAR");

    Item item = IcalCodec.parseCalendar(text, "a.ics").items().getFirst();

    assertThat(item.text()).contains("PRODID:" + IcalCodec.PRODID);
  }

  @Test
  void parseCalendar_keepsOverridesWithTheirMaster_inFileOrder() {
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20240108T100000Z", "SUMMARY:moved", "END:VEVENT",
            "BEGIN:VEVENT", "UID:other", "SUMMARY:other", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "DTSTART:20240101T100000Z", "RRULE:FREQ=WEEKLY",
            "SUMMARY:series", "END:VEVENT",
            "END:VCALENDAR");

    ParsedCalendar parsed = IcalCodec.parseCalendar(text, "x.ics");

    assertThat(parsed.items()).extracting(Item::uid).containsExactly("s", "other");
    Item series = parsed.items().getFirst();
    assertThat(series.summary()).isEqualTo("series");
    assertThat(series.text()).contains("SUMMARY:moved", "SUMMARY:series");
  }

  @Test
  void parseCalendar_twoMastersWithOneUid_areRejectedNotMerged() {
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "BEGIN:VEVENT", "UID:dup", "SUMMARY:one", "END:VEVENT",
            "BEGIN:VEVENT", "UID:ok", "SUMMARY:fine", "END:VEVENT",
            "BEGIN:VEVENT", "UID:dup", "SUMMARY:two", "END:VEVENT",
            "END:VCALENDAR");

    ParsedCalendar parsed = IcalCodec.parseCalendar(text, "x.ics");

    assertThat(parsed.items()).extracting(Item::uid).containsExactly("ok");
    assertThat(parsed.rejected())
        .containsExactly(
            new ParsedCalendar.Rejected("dup", "two VEVENTs with UID dup and no RECURRENCE-ID"));
  }

  @Test
  void parseCalendar_twoOverridesOfOneInstance_areRejected() {
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "BEGIN:VEVENT", "UID:s", "RRULE:FREQ=DAILY", "DTSTART:20240101T100000Z", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20240102T100000Z", "SUMMARY:a", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "RECURRENCE-ID:20240102T100000Z", "SUMMARY:b", "END:VEVENT",
            "END:VCALENDAR");

    ParsedCalendar parsed = IcalCodec.parseCalendar(text, "x.ics");

    assertThat(parsed.items()).isEmpty();
    assertThat(parsed.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uid()).isEqualTo("s");
              assertThat(r.reason()).contains("RECURRENCE-ID 20240102T100000Z");
            });
  }

  @Test
  void parseCalendar_componentWithoutUid_isRejectedWithNullUid_othersKept() {
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "BEGIN:VEVENT", "SUMMARY:anonymous", "END:VEVENT",
            "BEGIN:VEVENT", "UID:ok", "END:VEVENT",
            "END:VCALENDAR");

    ParsedCalendar parsed = IcalCodec.parseCalendar(text, "x.ics");

    assertThat(parsed.items()).extracting(Item::uid).containsExactly("ok");
    assertThat(parsed.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uid()).isNull();
              assertThat(r.reason()).contains("VEVENT", "anonymous", "no UID");
            });
  }

  @Test
  void joinCalendar_writesEachTimezoneOnce_andTheCalendarProperties() {
    ParsedCalendar parsed =
        IcalCodec.parseCalendar(Fixtures.read("multi-timezone.ics"), "multi.ics");

    String joined =
        IcalCodec.joinCalendar(
            parsed.items(), Map.of("X-WR-CALNAME", "Work; travel, misc", "X-WR-TIMEZONE", "UTC"));

    assertThat(joined.split("TZID:Europe/Berlin\r\n", -1)).hasSize(2);
    assertThat(joined.split("BEGIN:VTIMEZONE", -1)).hasSize(4);
    assertThat(joined).contains("X-WR-CALNAME:Work\\; travel\\, misc\r\n", "X-WR-TIMEZONE:UTC");
    assertThat(joined.indexOf("BEGIN:VTIMEZONE")).isLessThan(joined.indexOf("BEGIN:VEVENT"));
    assertThat(IcalCodec.parseCalendar(joined, "j.ics").properties())
        .containsEntry("X-WR-CALNAME", "Work; travel, misc");
  }

  @Test
  void joinCalendar_ofNothing_isAnEmptyCalendar_thatSplitsIntoNothing() {
    String joined = IcalCodec.joinCalendar(List.of(), Map.of());

    ParsedCalendar parsed = IcalCodec.parseCalendar(joined, "empty.ics");

    assertThat(parsed.items()).isEmpty();
    assertThat(parsed.rejected()).isEmpty();
    assertThat(parsed.properties()).isEmpty();
  }

  @Test
  void itemText_isFoldedAt75Characters_withCrlf() {
    Item item =
        IcalCodec.parseCalendar(Fixtures.read("attendees-long-description.ics"), "d.ics")
            .items()
            .getFirst();

    // ical4j's FoldingWriter counts characters, not the octets RFC 5545 asks for; every
    // parser we meet unfolds either.
    for (String line : item.text().split("\r\n")) {
      assertThat(line.length()).isLessThanOrEqualTo(75);
    }
    assertThat(item.text()).doesNotContain("\r\r").endsWith("END:VCALENDAR\r\n");
  }

  @Test
  void valuesThatIcal4jWouldReformat_areWrittenVerbatim() {
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:v",
            "RDATE;VALUE=PERIOD:20240301T100000Z/20240301T120000Z",
            "RRULE:BYDAY=MO;FREQ=WEEKLY",
            "SUMMARY:line\\Nbreak \\: colon",
            "PRIORITY:05",
            "END:VEVENT", "END:VCALENDAR");

    String written = IcalCodec.parseCalendar(text, "v.ics").items().getFirst().text();

    assertThat(written)
        .contains(
            "RDATE;VALUE=PERIOD:20240301T100000Z/20240301T120000Z\r\n",
            "RRULE:BYDAY=MO;FREQ=WEEKLY\r\n",
            "SUMMARY:line\\Nbreak \\: colon\r\n",
            "PRIORITY:05\r\n");
  }

  @Test
  void relaxedParsing_acceptsLfLineEndings_lowercasePropertyNames_andTabFolding() {
    String text =
        "BEGIN:VCALENDAR\nversion:2.0\nBEGIN:VEVENT\nuid:lower\nsummary;language=de:Hallo\n"
            + "DESCRIPTION:folded with a tab\n\tcontinues\nEND:VEVENT\nEND:VCALENDAR\n";

    Item item = IcalCodec.parseItem(text, "lower.ics");

    assertThat(item.uid()).isEqualTo("lower");
    assertThat(item.summary()).isEqualTo("Hallo");
    assertThat(IcalCodec.parseCalendar(text, "lower.ics").items().getFirst().text())
        .contains("DESCRIPTION:folded with a tabcontinues");
  }

  @Test
  void multiValuedQuotedParameter_knownIcal4jLimit_textKeptByParseItem_hashStableThroughSplit() {
    // ical4j 4.4.0 reads MEMBER="a","b" as MEMBER="a" and moves the rest into the value.
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:m",
            "ATTENDEE;MEMBER=\"mailto:a@example.com\",\"mailto:b@example.com\":mailto:j@example.com",
            "END:VEVENT", "END:VCALENDAR");

    Item item = IcalCodec.parseItem(text, "m.ics");
    Item split = IcalCodec.parseCalendar(text, "m.ics").items().getFirst();

    assertThat(item.text()).isSameAs(text);
    assertThat(split.hash()).isEqualTo(item.hash());
    assertThat(IcalCodec.parseItem(split.text(), "m.ics").hash()).isEqualTo(item.hash());
  }
}
