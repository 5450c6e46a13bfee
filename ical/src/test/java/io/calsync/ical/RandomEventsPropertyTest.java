package io.calsync.ical;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over random events (random properties, parameters, overrides, text with
 * every character that needs escaping), with a seeded {@link Random}: a failure names the seed,
 * and {@code -Dcalsync.seed=N} replays it.
 */
class RandomEventsPropertyTest {

  private static final int EVENTS = 150;
  private static final String[] TZIDS = {
    "Europe/Berlin", "America/New_York", "Asia/Kolkata", "W. Europe Standard Time", "UTC"
  };

  private final long seed = Long.getLong("calsync.seed", new Random().nextLong());
  private final Random random = new Random(seed);

  /** One property before serialisation. */
  private record P(String name, List<String[]> params, String value) {}

  @Test
  void hash_isStableUnderShuffledPropertiesParametersQuotesAndFolding() {
    for (int n = 0; n < EVENTS; n++) {
      List<List<P>> components = randomItem("uid-" + n + "-" + random.nextInt(1000));
      String a = serialise(components, random);
      String b = serialise(components, random);

      Item first = IcalCodec.parseItem(a, "a.ics");
      Item second = IcalCodec.parseItem(b, "b.ics");

      assertThat(second.hash())
          .as("seed %d, event %d:%n%s%n---%n%s", seed, n, a, b)
          .isEqualTo(first.hash());
      assertThat(second.uid()).isEqualTo(first.uid());
    }
  }

  @Test
  void hash_changesWhenTheSummaryChanges() {
    for (int n = 0; n < EVENTS; n++) {
      List<List<P>> components = randomItem("uid-" + n);
      String a = serialise(components, random);
      List<P> master = components.getFirst();
      master.replaceAll(
          p -> p.name().equals("SUMMARY") ? new P("SUMMARY", p.params(), p.value() + "x") : p);
      String b = serialise(components, random);

      assertThat(IcalCodec.parseItem(b, "b.ics").hash())
          .as("seed %d, event %d", seed, n)
          .isNotEqualTo(IcalCodec.parseItem(a, "a.ics").hash());
    }
  }

  @Test
  void splitAndJoin_preserveUidsAndHashes() {
    StringBuilder whole = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    Map<String, String> hashByUid = new LinkedHashMap<>();
    for (int n = 0; n < EVENTS; n++) {
      List<List<P>> components = randomItem("joined-" + n);
      String text = serialise(components, random);
      hashByUid.put("joined-" + n, IcalCodec.parseItem(text, "e.ics").hash());
      whole.append(text, text.indexOf("BEGIN:V", 10), text.lastIndexOf("END:VCALENDAR"));
    }
    whole.append("X-WR-CALNAME:Random\\, ").append(seed).append("\r\nEND:VCALENDAR\r\n");

    ParsedCalendar split = IcalCodec.parseCalendar(whole.toString(), "random.ics");
    ParsedCalendar again =
        IcalCodec.parseCalendar(
            IcalCodec.joinCalendar(split.items(), split.properties()), "joined.ics");

    assertThat(split.rejected()).as("seed %d", seed).isEmpty();
    assertThat(hashes(split.items())).as("seed %d", seed).isEqualTo(hashByUid);
    assertThat(hashes(again.items())).as("seed %d", seed).isEqualTo(hashByUid);
    assertThat(again.properties()).containsEntry("X-WR-CALNAME", "Random, " + seed);
    for (Item item : again.items()) {
      assertThat(IcalCodec.parseItem(item.text(), "i.ics")).isEqualTo(item);
    }
  }

  private static Map<String, String> hashes(List<Item> items) {
    Map<String, String> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(i.uid(), i.hash()));
    return map;
  }

  // --- generation ------------------------------------------------------------------------------

  /** A master (most of the time) and 0 to 3 overrides; each a mutable list of properties. */
  private List<List<P>> randomItem(String uid) {
    List<List<P>> comps = new ArrayList<>();
    String tzid = TZIDS[random.nextInt(TZIDS.length)];
    boolean master = random.nextInt(8) != 0;
    int overrides = master ? random.nextInt(4) : 1 + random.nextInt(2);
    if (master) {
      List<P> props = common(uid, tzid, "2024031" + random.nextInt(10) + "T1" + random.nextInt(10) + "0000");
      props.add(new P("RRULE", List.of(), randomRule()));
      if (random.nextBoolean()) {
        props.add(new P("EXDATE", List.<String[]>of(new String[] {"TZID", tzid}),
            "20240401T100000,20240408T100000"));
      }
      comps.add(props);
    }
    for (int o = 0; o < overrides; o++) {
      String day = String.format("202405%02dT100000", 1 + o * 7);
      List<P> props = common(uid, tzid, day.replace("T10", "T1" + random.nextInt(10)));
      props.add(new P("RECURRENCE-ID", List.<String[]>of(new String[] {"TZID", tzid}), day));
      comps.add(props);
    }
    return comps;
  }

  private List<P> common(String uid, String tzid, String start) {
    List<P> props = new ArrayList<>();
    props.add(new P("UID", List.of(), uid));
    props.add(new P("DTSTAMP", List.of(), "20240101T000000Z"));
    props.add(new P("DTSTART", List.<String[]>of(new String[] {"TZID", tzid}), start));
    props.add(new P("SUMMARY", randomParams(0), IcalText.encode(randomText(30))));
    if (random.nextBoolean()) {
      props.add(new P("DESCRIPTION", List.of(), IcalText.encode(randomText(300))));
    }
    if (random.nextBoolean()) {
      props.add(new P("LOCATION", randomParams(1), IcalText.encode(randomText(20))));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      List<String[]> params = new ArrayList<>(randomParams(2));
      params.add(new String[] {"CN", randomWord() + (random.nextBoolean() ? ", " : " ") + randomWord()});
      params.add(new String[] {"PARTSTAT", random.nextBoolean() ? "ACCEPTED" : "TENTATIVE"});
      props.add(new P("ATTENDEE", params, "mailto:" + randomWord() + i + "@example.com"));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      props.add(new P("X-RANDOM-" + i, randomParams(2), IcalText.encode(randomText(40))));
    }
    if (random.nextBoolean()) {
      props.add(new P("SEQUENCE", List.of(), String.valueOf(random.nextInt(5))));
    }
    return props;
  }

  private String randomRule() {
    List<String> parts = new ArrayList<>(List.of("FREQ=" + (random.nextBoolean() ? "WEEKLY" : "DAILY")));
    if (random.nextBoolean()) {
      parts.add("COUNT=" + (1 + random.nextInt(30)));
    }
    if (random.nextBoolean()) {
      parts.add("INTERVAL=" + (2 + random.nextInt(3)));
    }
    if (random.nextBoolean()) {
      parts.add("BYDAY=MO,WE");
    }
    return String.join(";", parts);
  }

  private List<String[]> randomParams(int max) {
    List<String[]> params = new ArrayList<>();
    for (int i = random.nextInt(max + 1); i > 0; i--) {
      params.add(new String[] {"X-P" + i, random.nextBoolean() ? randomWord() : randomWord() + ":" + randomWord()});
    }
    return params;
  }

  private String randomWord() {
    String letters = "abcdefghijklmnopqrstuvwxyzäöüßéñ";
    StringBuilder sb = new StringBuilder();
    for (int i = 1 + random.nextInt(8); i > 0; i--) {
      sb.append(letters.charAt(random.nextInt(letters.length())));
    }
    return sb.toString();
  }

  private String randomText(int maxLength) {
    String chars = "abc XYZ 0123 ,;:\\\"'\n\t€日本😀";
    StringBuilder sb = new StringBuilder(randomWord());
    for (int i = random.nextInt(maxLength); i > 0; i--) {
      int at = random.nextInt(chars.length());
      char c = chars.charAt(at);
      if (Character.isHighSurrogate(c) && at + 1 < chars.length()) {
        sb.append(c).append(chars.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // --- serialisation, as differently as servers do it ------------------------------------------

  private static String serialise(List<List<P>> comps, Random random) {
    StringBuilder sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    sb.append("PRODID:-//random ").append(random.nextInt(100)).append("//EN\r\n");
    List<List<P>> order = new ArrayList<>(comps);
    Collections.shuffle(order, random);
    int fold = 40 + random.nextInt(40);
    for (List<P> comp : order) {
      sb.append("BEGIN:VEVENT\r\n");
      List<P> props = new ArrayList<>(comp);
      Collections.shuffle(props, random);
      for (P p : props) {
        StringBuilder line = new StringBuilder(p.name());
        List<String[]> params = new ArrayList<>(p.params());
        Collections.shuffle(params, random);
        for (String[] param : params) {
          String name = random.nextBoolean() ? param[0] : param[0].toLowerCase(java.util.Locale.ROOT);
          boolean mustQuote = param[1].matches(".*[:;,].*");
          boolean quote = mustQuote || random.nextBoolean();
          line.append(';').append(name).append('=')
              .append(quote ? "\"" + param[1] + "\"" : param[1]);
        }
        line.append(':').append(p.value());
        sb.append(fold(line.toString(), fold)).append("\r\n");
      }
      sb.append("END:VEVENT\r\n");
    }
    return sb.append("END:VCALENDAR\r\n").toString();
  }

  /** Folds after {@code width} characters, never inside a surrogate pair. */
  private static String fold(String line, int width) {
    StringBuilder sb = new StringBuilder(line.length() + 16);
    int col = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (col >= width && !Character.isLowSurrogate(c)) {
        sb.append("\r\n ");
        col = 1;
      }
      sb.append(c);
      col++;
    }
    return sb.toString();
  }
}
