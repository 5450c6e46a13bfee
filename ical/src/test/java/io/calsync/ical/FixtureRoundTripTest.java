package io.calsync.ical;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every valid fixture survives parse, write and parse again: same items, same hashes. */
class FixtureRoundTripTest {

  static final List<String> VALID = Fixtures.VALID;
  static final List<String> SINGLE_ITEM = Fixtures.SINGLE_ITEM;

  @ParameterizedTest
  @FieldSource("VALID")
  void parseCalendar_splitsEveryFixtureWithoutRejections(String fixture) {
    ParsedCalendar parsed = IcalCodec.parseCalendar(Fixtures.read(fixture), fixture);

    assertThat(parsed.rejected()).isEmpty();
    assertThat(parsed.items()).isNotEmpty();
    assertThat(parsed.items()).extracting(Item::uid).doesNotHaveDuplicates();
    assertThat(parsed.items()).extracting(Item::uid).containsExactlyElementsOf(uidsIn(fixture));
  }

  @ParameterizedTest
  @FieldSource("VALID")
  void splitItemText_parsesBackToSameUidAndHash(String fixture) {
    for (Item item : IcalCodec.parseCalendar(Fixtures.read(fixture), fixture).items()) {
      Item again = IcalCodec.parseItem(item.text(), fixture);

      assertThat(again).isEqualTo(item);
    }
  }

  @ParameterizedTest
  @FieldSource("SINGLE_ITEM")
  void parseItem_keepsTextUnchangedButForLineEndings_andHashesLikeTheSplitItem(String fixture) {
    String text = Fixtures.read(fixture);

    Item item = IcalCodec.parseItem(text, fixture);
    Item split = IcalCodec.parseCalendar(text, fixture).items().getFirst();

    // CRLF line endings (RFC 5545), and nothing else changed
    assertThat(item.text()).isEqualTo(text.replace("\r\n", "\n").replace("\n", "\r\n"));
    assertThat(item.uid()).isEqualTo(split.uid());
    assertThat(item.hash()).isEqualTo(split.hash());
    assertThat(item.summary()).isEqualTo(split.summary());
    assertThat(item.sequence()).isEqualTo(split.sequence());
    assertThat(item.lastModified()).isEqualTo(split.lastModified());
  }

  @ParameterizedTest
  @FieldSource("VALID")
  void joinThenSplit_givesSameUidsHashesAndProperties(String fixture) {
    ParsedCalendar first = IcalCodec.parseCalendar(Fixtures.read(fixture), fixture);

    String joined = IcalCodec.joinCalendar(first.items(), first.properties());
    ParsedCalendar second = IcalCodec.parseCalendar(joined, "joined " + fixture);

    assertThat(second.rejected()).isEmpty();
    assertThat(hashesByUid(second.items())).isEqualTo(hashesByUid(first.items()));
    assertThat(second.properties()).isEqualTo(first.properties());
    // and once more: a second join writes the very same text
    assertThat(IcalCodec.joinCalendar(second.items(), second.properties())).isEqualTo(joined);
  }

  @ParameterizedTest
  @FieldSource("VALID")
  void unknownPropertiesAndParameters_surviveSplitAndJoin(String fixture) throws Exception {
    String text = Fixtures.read(fixture);
    ParsedCalendar parsed = IcalCodec.parseCalendar(text, fixture);
    String joined = IcalCodec.joinCalendar(parsed.items(), parsed.properties());

    List<String> original = unknownContent(Ical4j.parse(text).components());
    List<String> fromItems = new ArrayList<>();
    for (Item item : parsed.items()) {
      fromItems.addAll(unknownContent(Ical4j.parse(item.text()).components()));
    }
    List<String> fromJoined = unknownContent(Ical4j.parse(joined).components());

    assertThat(fromItems).containsExactlyInAnyOrderElementsOf(original);
    assertThat(fromJoined).containsExactlyInAnyOrderElementsOf(original);
  }

  /** Every X- or unknown property and every X- parameter, verbatim, with its component. */
  private static List<String> unknownContent(List<IcalTree.Comp> comps) {
    List<String> found = new ArrayList<>();
    for (IcalTree.Comp c : comps) {
      if (c.name().equals("VTIMEZONE")) {
        continue;
      }
      for (IcalTree.Prop p : c.properties()) {
        boolean unknownProp = p.name().startsWith("X-") || !KNOWN_IANA.contains(" " + p.name() + " ");
        for (IcalTree.Param param : p.params()) {
          if (param.name().startsWith("X-")) {
            found.add(c.name() + " " + p.name() + ";" + param.name() + "=" + param.value());
          }
        }
        if (unknownProp) {
          found.add(c.name() + " " + p.name() + ":" + p.value());
        }
      }
      found.addAll(unknownContent(c.children()));
    }
    return found;
  }

  private static final String KNOWN_IANA =
      " UID DTSTAMP DTSTART DTEND DURATION SUMMARY DESCRIPTION LOCATION RRULE EXDATE RDATE"
          + " RECURRENCE-ID SEQUENCE STATUS TRANSP CLASS CREATED LAST-MODIFIED ORGANIZER ATTENDEE"
          + " CATEGORIES PRIORITY DUE PERCENT-COMPLETE ACTION TRIGGER ";

  private static List<String> uidsIn(String fixture) throws RuntimeException {
    try {
      return Ical4j.parse(Fixtures.read(fixture)).components().stream()
          .filter(c -> !c.name().equals("VTIMEZONE"))
          .map(IcalTree.Comp::uid)
          .distinct()
          .collect(Collectors.toList());
    } catch (Ical4j.SyntaxError e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> hashesByUid(List<Item> items) {
    Map<String, String> map = new TreeMap<>();
    items.forEach(i -> map.put(i.uid(), i.hash()));
    return map;
  }
}
