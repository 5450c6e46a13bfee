package io.calsync.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixturesTest {

  static java.util.List<String> names() {
    return Fixtures.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void fixture_isFoldedAt75OctetsWithCrlf(String name) {
    String text = Fixtures.text(name);
    assertThat(text).endsWith("END:VCALENDAR\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    for (String line : text.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void load_parsesOneItemWithItsUid(String name) {
    Item item = Fixtures.load(name);
    assertThat(item.uid()).startsWith("fixture-").endsWith("@calsync.test");
    assertThat(item.hash()).isNotBlank();
    assertThat(item.text()).isEqualTo(Fixtures.text(name));
  }

  @Test
  void all_givesEveryFixtureWithDistinctUids() {
    assertThat(Fixtures.all()).extracting(Item::uid).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void simpleEvent_foldsUidAndEscapesSummary() {
    String uid = "a,b;c\\d " + "ü".repeat(80);
    Item item = Fixtures.simpleEvent(uid, "Summary, with; specials\nand a line");
    assertThat(item.uid()).isEqualTo(uid);
    assertThat(item.summary()).isEqualTo("Summary, with; specials\nand a line");
    for (String line : item.text().split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
    }
  }

  @Test
  void simpleEvent_differentSummaries_haveDifferentHashes() {
    assertThat(Fixtures.simpleEvent("u@x", "one").hash())
        .isNotEqualTo(Fixtures.simpleEvent("u@x", "two").hash())
        .isEqualTo(Fixtures.simpleEvent("u@x", "one").hash());
  }
}
