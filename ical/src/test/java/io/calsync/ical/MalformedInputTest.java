package io.calsync.ical;

import static io.calsync.ical.Fixtures.ics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.calsync.core.storage.StorageException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class MalformedInputTest {

  static final List<String> INVALID = Fixtures.INVALID;

  @ParameterizedTest
  @FieldSource("INVALID")
  void parseItem_onInvalidFixture_isMalformedNamingSource(String fixture) {
    String source = "cal/" + fixture;

    assertThatThrownBy(() -> IcalCodec.parseItem(Fixtures.invalid(fixture), source))
        .isExactlyInstanceOf(StorageException.Malformed.class)
        .hasMessageStartingWith(source + ": ");
  }

  @Test
  void parseItem_truncated_namesLineAndEndOfFile() {
    assertThatThrownBy(() -> IcalCodec.parseItem(Fixtures.invalid("truncated.ics"), "cal/abc.ics"))
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessageMatching("cal/abc\\.ics: line \\d+: (?i)unexpected end of file.*")
        .hasCauseInstanceOf(net.fortuna.ical4j.data.ParserException.class);
  }

  @Test
  void parseItem_withoutUid_isMalformedNamingSource() {
    assertThatThrownBy(() -> IcalCodec.parseItem(Fixtures.invalid("no-uid.ics"), "x.ics"))
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessage("x.ics: no UID in VEVENT");
  }

  @Test
  void parseItem_withTwoUids_isMalformedNamingSource() {
    assertThatThrownBy(() -> IcalCodec.parseItem(Fixtures.invalid("two-uids.ics"), "x.ics"))
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessage(
            "x.ics: holds 2 UIDs (first@example.com, second@example.com);"
                + " one file must hold one item");
  }

  @Test
  void parseItem_withOnlyATimezone_isMalformed() {
    assertThatThrownBy(() -> IcalCodec.parseItem(Fixtures.invalid("no-component.ics"), "x.ics"))
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessageContaining("x.ics: no component");
  }

  @Test
  void parseItem_withNullText_isMalformed() {
    assertThatThrownBy(() -> IcalCodec.parseItem(null, "x.ics"))
        .isInstanceOf(StorageException.Malformed.class)
        .hasMessage("x.ics: no text");
  }

  @ParameterizedTest
  @FieldSource("INVALID")
  void parseCalendar_throwsOnlyForTextThatIsNotICalendar(String fixture) {
    String text = Fixtures.invalid(fixture);
    boolean notICalendar =
        List.of(
                "truncated.ics",
                "garbage.ics",
                "html-error-page.ics",
                "empty.ics",
                "unterminated-component.ics")
            .contains(fixture);

    if (notICalendar) {
      assertThatThrownBy(() -> IcalCodec.parseCalendar(text, "feed.ics"))
          .isExactlyInstanceOf(StorageException.Malformed.class)
          .hasMessageStartingWith("feed.ics: ");
    } else {
      ParsedCalendar parsed = IcalCodec.parseCalendar(text, "feed.ics");
      assertThat(parsed.items().size() + parsed.rejected().size())
          .isEqualTo(fixture.equals("no-component.ics") ? 0 : fixture.equals("two-uids.ics") ? 2 : 1);
    }
  }

  @Test
  void joinCalendar_withItemTextThatIsNotICalendar_isMalformedNamingTheItem() {
    var bad = new io.calsync.core.model.Item("u1", "not ical", "h", null, 0, "");

    assertThatThrownBy(() -> IcalCodec.joinCalendar(List.of(bad), java.util.Map.of()))
        .isExactlyInstanceOf(StorageException.Malformed.class)
        .hasMessageStartingWith("item u1: ");
  }

  /**
   * Cuts, splices and garbles a valid fixture at random places: whatever comes out, the codec
   * either parses it or throws {@code Malformed} naming the source, never anything else.
   */
  @Test
  void mangledInput_onlyEverGivesMalformed() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<String> sources =
        Fixtures.VALID.stream().map(Fixtures::read).toList();
    String alphabet = "\r\n:;,=\"\\ ABEGINDVCALENTZ\u0000\u00e9";
    for (int round = 0; round < 500; round++) {
      String text = sources.get(random.nextInt(sources.size()));
      StringBuilder sb = new StringBuilder(text);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && !sb.isEmpty(); e++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(4)) {
          case 0 -> sb.setLength(at);
          case 1 -> sb.deleteCharAt(at);
          case 2 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String mangled = sb.toString();
      for (int call = 0; call < 2; call++) {
        try {
          if (call == 0) {
            IcalCodec.parseItem(mangled, "m.ics");
          } else {
            ParsedCalendar p = IcalCodec.parseCalendar(mangled, "m.ics");
            IcalCodec.joinCalendar(p.items(), p.properties());
          }
        } catch (StorageException.Malformed expected) {
          assertThat(expected.getMessage()).startsWith("m.ics: ");
        } catch (RuntimeException other) {
          fail("seed " + seed + ", round " + round + ": " + other + " for input:\n" + mangled, other);
        }
      }
    }
  }

  @Test
  void parseItem_lenient_withBadValues_stillParses() {
    String text =
        ics(
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:odd",
            "DTSTART:not-a-date", "LAST-MODIFIED:garbage", "DTSTAMP:20240101",
            "SEQUENCE:many", "END:VEVENT", "END:VCALENDAR");

    var item = IcalCodec.parseItem(text, "odd.ics");

    assertThat(item.sequence()).isZero();
    assertThat(item.lastModified()).isEqualTo(java.time.Instant.parse("2024-01-01T00:00:00Z"));
  }
}
