package io.calsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventGeneratorTest {

  private static final int COUNT = 300;

  @TempDir Path dir;

  @Test
  void generate_sameSeed_writesTheSameBytes() throws IOException {
    EventGenerator.generate(dir.resolve("one"), 50, 7);
    EventGenerator.generate(dir.resolve("two"), 50, 7);

    for (Path file : icsFiles(dir.resolve("one"))) {
      assertThat(Files.readString(dir.resolve("two").resolve(file.getFileName())))
          .isEqualTo(Files.readString(file));
    }
  }

  @Test
  void generate_writesAVdirOfParseableItemsWithTheIntendedMix() throws Exception {
    Path vdir = dir.resolve("cal");
    EventGenerator.generate(vdir, COUNT, 42);

    assertThat(vdir.resolve("displayname")).isRegularFile();
    assertThat(Files.readString(vdir.resolve("color"))).matches("#[0-9A-F]{6}");
    List<Path> files = icsFiles(vdir);
    assertThat(files).hasSize(COUNT);

    Map<String, Integer> kinds = new HashMap<>();
    for (Path file : files) {
      Calendar calendar = parse(file);
      List<VEvent> events = calendar.getComponents("VEVENT");
      VEvent master = events.getFirst();
      String uid = master.getProperty(Property.UID).orElseThrow().getValue();
      assertThat(file.getFileName().toString()).isEqualTo(uid + ".ics");
      assertThat(events).allSatisfy(e -> assertThat(e.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(uid));
      String text = Files.readString(file);
      for (String zone : List.of("Europe/Berlin", "America/New_York", "Asia/Tokyo")) {
        if (text.contains("TZID=" + zone)) {
          assertThat(text).as(file + " defines the zone it uses").contains("TZID:" + zone);
        }
      }
      if (text.contains("EXDATE;TZID=") || text.contains("EXDATE:")) {
        kinds.merge("exdate", 1, Integer::sum);
      }
      if (events.size() > 1) {
        kinds.merge("overrides", 1, Integer::sum);
      }
      if (text.contains("ATTENDEE")) {
        kinds.merge("attendees", 1, Integer::sum);
      }
      if (text.contains("DTSTART:20") && text.contains("Z\r\n")) {
        kinds.merge("utc", 1, Integer::sum);
      }
      boolean allDay = master.getProperty(Property.DTSTART).orElseThrow().toString().contains("VALUE=DATE");
      boolean series = master.getProperty(Property.RRULE).isPresent();
      kinds.merge(allDay ? (series ? "yearly all-day" : "all-day") : (series ? "series" : "single"), 1, Integer::sum);
    }

    assertThat(kinds.get("single")).isBetween(COUNT * 50 / 100, COUNT * 70 / 100);
    assertThat(kinds.get("series")).isBetween(COUNT * 18 / 100, COUNT * 32 / 100);
    assertThat(kinds.get("all-day")).isBetween(COUNT * 5 / 100, COUNT * 15 / 100);
    assertThat(kinds.get("yearly all-day")).isPositive();
    assertThat(kinds.get("exdate")).isPositive();
    assertThat(kinds.get("overrides")).isPositive();
    assertThat(kinds.get("attendees")).isBetween(COUNT * 30 / 100, COUNT * 60 / 100);
    assertThat(kinds.get("utc")).isPositive();
  }

  @Test
  void mutate_editsExactlyNItemsAndBumpsSequence() throws Exception {
    Path vdir = dir.resolve("cal");
    EventGenerator.generate(vdir, 60, 1);
    Map<Path, String> before = new HashMap<>();
    for (Path file : icsFiles(vdir)) {
      before.put(file, Files.readString(file));
    }

    List<String> changed = EventGenerator.mutate(vdir, 10, 2);

    assertThat(changed).hasSize(10).doesNotHaveDuplicates();
    int differing = 0;
    for (Path file : icsFiles(vdir)) {
      String now = Files.readString(file);
      if (!now.equals(before.get(file))) {
        differing++;
        assertThat(changed).contains(file.getFileName().toString());
        VEvent master = parse(file).<VEvent>getComponents("VEVENT").getFirst();
        VEvent old = parse(before.get(file)).<VEvent>getComponents("VEVENT").getFirst();
        assertThat(master.getProperty(Property.SUMMARY).orElseThrow().getValue()).contains("(edited ");
        assertThat(sequence(master)).isEqualTo(sequence(old) + 1);
      }
    }
    assertThat(differing).isEqualTo(10);
    assertThat(icsFiles(vdir)).hasSize(60);
  }

  private static int sequence(VEvent event) {
    return event.<Sequence>getProperty(Property.SEQUENCE).map(Sequence::getSequenceNo).orElse(0);
  }

  private static List<Path> icsFiles(Path vdir) throws IOException {
    try (Stream<Path> files = Files.list(vdir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".ics")).sorted().toList();
    }
  }

  private static Calendar parse(Path file) throws IOException, ParserException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return new CalendarBuilder().build(reader);
    }
  }

  private static Calendar parse(String text) throws IOException, ParserException {
    return new CalendarBuilder().build(new java.io.StringReader(text));
  }
}
