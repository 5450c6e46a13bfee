package io.calsync.provider.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DavPathsAndTimeZonesTest {

  @Test
  void segments_roundTripThroughEncoding() {
    String name = "a b/c%20ü€😀?#&.ics";
    String enc = DavPaths.encodeSegment(name);
    assertThat(enc).doesNotContain(" ", "/", "?", "#");
    assertThat(DavPaths.decode(enc)).isEqualTo(name);
    assertThat(DavPaths.decode("100%")).isEqualTo("100%"); // malformed escapes kept
  }

  @Test
  void hrefsFromServers_areResolvedAndDecoded() {
    URI base = URI.create("http://h:1/alice/calendars/cal/");
    assertThat(DavPaths.decodedPath(base, "http%3A//h:1/alice/calendars/cal/x.ics")).isNotNull();
    assertThat(DavPaths.decodedPath(base, "http://h:1/alice/calendars/cal/a%20b.ics")).isEqualTo("/alice/calendars/cal/a b.ics");
    assertThat(DavPaths.decodedPath(base, "/alice/calendars/cal/a b.ics")).isEqualTo("/alice/calendars/cal/a b.ics");
    assertThat(DavPaths.samePath("/SOGo/dav/alice", "/SOGo/dav/alice/")).isTrue();
    assertThat(DavPaths.asCollection(URI.create("http://h/SOGo/dav/alice")).getPath()).isEqualTo("/SOGo/dav/alice/");
  }

  @Test
  void vtimezone_forBerlin_hasBothRules() {
    String v = TimeZones.vcalendarWith("Europe/Berlin");
    assertThat(v).contains("TZID:Europe/Berlin", "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "DTSTART:19701025T030000",
        "BYMONTH=3;BYDAY=SU;BYMONTHDAY=25,26,27,28,29,30,31", "BYMONTH=10;BYDAY=SU;BYMONTHDAY=25,26,27,28,29,30,31",
        "TZOFFSETTO:+0200", "TZOFFSETTO:+0100");
    assertThat(TimeZones.vcalendarWith("Asia/Tokyo")).contains("TZOFFSETTO:+0900").doesNotContain("DAYLIGHT");
    assertThat(TimeZones.vcalendarWith("Not/AZone")).isNull();
  }
}
