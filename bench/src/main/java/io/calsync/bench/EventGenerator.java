package io.calsync.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.util.CompatibilityHints;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Month;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Clazz;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Writes a vdir folder of realistic calendar items for benchmarks, and edits some of them in place.
 *
 * <pre>
 * EventGenerator --count N --out DIR [--seed S]      # N items, one &lt;uid&gt;.ics each, plus displayname, color
 * EventGenerator --mutate N [--seed S] DIR           # edit N existing items (SUMMARY/DTSTART, SEQUENCE, LAST-MODIFIED)
 * </pre>
 *
 * <p>The mix: about 60% single timed events, 25% weekly or monthly series (some with EXDATEs, some
 * with one or two RECURRENCE-ID overrides), 10% all-day events and 5% yearly all-day series
 * (birthdays). Time zones Europe/Berlin, America/New_York, Asia/Tokyo (each with its VTIMEZONE)
 * and UTC. Half the timed events have an organizer and 1–8 attendees with CN, PARTSTAT, ROLE.
 * Descriptions range from none to a few kilobytes with non-ASCII text, commas, semicolons and
 * newlines. Everything is built as ical4j objects and serialised by ical4j.
 *
 * <p>The output depends only on the count and the seed: the same arguments give the same bytes.
 */
public final class EventGenerator {

  /** All dates are around this day, so that output does not depend on when it runs. */
  static final LocalDate ANCHOR = LocalDate.of(2026, 1, 5);

  static final Instant STAMP = Instant.parse("2026-01-01T09:00:00Z");
  static final List<String> ZONES =
      List.of("Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC");
  private static final double[] ZONE_WEIGHTS = {0.45, 0.25, 0.15, 0.15};

  private static final String[] TOPICS = {
    "Team sync", "Sprint planning", "1:1", "Design review", "Quarterly business review",
    "Dentist", "Lunch with Ana", "Customer call: Müller GmbH", "Board meeting", "Yoga",
    "Flight LH 400 → JFK", "Interview: backend engineer", "Retrospective", "Budget, Q3; final",
    "Kita pickup", "Release 4.2 go/no-go", "Architecture office hours", "Offsite prep",
    "Weekly report", "Conference: calendaring & scheduling", "Training — GDPR basics",
    "東京オフィス定例", "Café with Zoë", "Car service", "Parent-teacher meeting",
  };
  private static final String[] PLACES = {
    "Room Berlin 3.14", "https://meet.example.com/abc-defg-hij", "Zoom", "Conference room B, 2nd floor",
    "Alexanderplatz 1, 10178 Berlin", "350 5th Ave, New York, NY 10118", "渋谷区, 東京都", "Home office",
  };
  private static final String[] FIRST = {
    "Anna", "Ben", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Inès", "Jonas", "Kenji",
    "Laura", "Mateo", "Nora", "Olga", "Paul", "Quentin", "Rosa", "Søren", "Tomás", "Yuki", "Zoë",
  };
  private static final String[] LAST = {
    "Schmidt", "Johnson", "Tanaka", "Müller", "García", "Nguyen", "O'Brien", "Kowalski",
    "Rossi", "Suzuki", "Dubois", "Andersson", "Smith", "Novák",
  };
  private static final String[] WORDS =
      ("agenda review budget roadmap customer feedback release risk migration calendar sync "
              + "status owner deadline follow-up décision résumé naïve größe straße データ 会議 "
              + "notes action items blockers metrics latency throughput hiring onboarding")
          .split(" ");
  private static final String[] CATEGORIES = {"Work", "Personal", "Travel", "Family", "Health"};
  private static final PartStat[] PARTSTATS = {
    PartStat.ACCEPTED, PartStat.ACCEPTED, PartStat.ACCEPTED, PartStat.TENTATIVE,
    PartStat.DECLINED, PartStat.NEEDS_ACTION, PartStat.NEEDS_ACTION,
  };
  private static final WeekDay[] WEEKDAYS = {WeekDay.MO, WeekDay.TU, WeekDay.WE, WeekDay.TH, WeekDay.FR};

  private final Random random;
  private final Map<String, VTimeZone> vtimezones = new HashMap<>();

  EventGenerator(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Integer count = null;
    Integer mutate = null;
    Path out = null;
    long seed = 42;
    List<String> rest = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--count" -> count = Integer.parseInt(args[++i]);
          case "--out" -> out = Path.of(args[++i]);
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--mutate" -> mutate = Integer.parseInt(args[++i]);
          case "-h", "--help" -> {
            usage(System.out);
            return;
          }
          default -> rest.add(args[i]);
        }
      }
    } catch (RuntimeException e) {
      usage(System.err);
      System.exit(2);
    }
    if (mutate != null && rest.size() == 1 && count == null && out == null) {
      List<String> changed = mutate(Path.of(rest.getFirst()), mutate, seed);
      System.out.println("mutated " + changed.size() + " items in " + rest.getFirst());
    } else if (count != null && out != null && mutate == null && rest.isEmpty()) {
      long start = System.nanoTime();
      generate(out, count, seed);
      System.out.printf(
          Locale.ROOT, "generated %d items in %s (%.1f s)%n", count, out, (System.nanoTime() - start) / 1e9);
    } else {
      usage(System.err);
      System.exit(2);
    }
  }

  private static void usage(java.io.PrintStream to) {
    to.println("usage: EventGenerator --count N --out DIR [--seed S]");
    to.println("       EventGenerator --mutate N [--seed S] DIR");
  }

  /** Writes {@code count} items into {@code dir} (created if needed) as a vdir. */
  public static void generate(Path dir, int count, long seed) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("displayname"), "Benchmark calendar (" + count + " items, seed " + seed + ")");
    Files.writeString(dir.resolve("color"), "#3A87AD");
    EventGenerator generator = new EventGenerator(seed);
    for (int i = 0; i < count; i++) {
      Calendar calendar = generator.next(i);
      String uid = calendar.getComponent("VEVENT").orElseThrow().getProperty(Property.UID).orElseThrow().getValue();
      write(dir.resolve(uid + ".ics"), calendar);
    }
  }

  /**
   * Edits {@code n} items of {@code dir}, picked by {@code seed}: series get a new SUMMARY, single
   * events move by an hour (all-day ones by a day) and get a new SUMMARY; every edited master gets
   * SEQUENCE + 1 and LAST-MODIFIED and DTSTAMP a day later than before.
   *
   * @return the file names edited
   */
  public static List<String> mutate(Path dir, int n, long seed) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".ics")).sorted().toList());
    }
    if (files.size() < n) {
      throw new IllegalArgumentException("only " + files.size() + " items in " + dir + ", cannot edit " + n);
    }
    // files written by other tools may fold lines with bare LFs (vdirsyncer stores Radicale's
    // answers as they came): unfold those too, as calsync's own reader does
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
    Random random = new Random(seed ^ 0x5DEECE66DL);
    Collections.shuffle(files, random);
    List<String> changed = new ArrayList<>();
    for (Path file : files.subList(0, n)) {
      Calendar calendar;
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        calendar = new CalendarBuilder().build(reader);
      } catch (ParserException e) {
        throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
      }
      VEvent master =
          calendar.<VEvent>getComponents("VEVENT").stream()
              .filter(e -> e.getProperty(Property.RECURRENCE_ID).isEmpty())
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no master VEVENT in " + file));
      String summary = master.getProperty(Property.SUMMARY).map(Property::getValue).orElse("");
      master.replace(new Summary(summary + " (edited " + (random.nextInt(900) + 100) + ")"));
      if (master.getProperty(Property.RRULE).isEmpty()) {
        shift(master.getProperty(Property.DTSTART));
        shift(master.getProperty(Property.DTEND));
      }
      int sequence = master.<Sequence>getProperty(Property.SEQUENCE).map(Sequence::getSequenceNo).orElse(0);
      master.replace(new Sequence(sequence + 1));
      Instant modified =
          master.<LastModified>getProperty(Property.LAST_MODIFIED).map(p -> p.getDate()).orElse(STAMP);
      master.replace(new LastModified(modified.plus(Duration.ofDays(1))));
      master.replace(new DtStamp(modified.plus(Duration.ofDays(1))));
      write(file, calendar);
      changed.add(file.getFileName().toString());
    }
    return changed;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void shift(java.util.Optional<Property> property) {
    property.ifPresent(
        p -> {
          DateProperty date = (DateProperty) p;
          Temporal t = date.getDate();
          date.setDate(t instanceof LocalDate d ? d.plusDays(1) : t.plus(Duration.ofHours(1)));
        });
  }

  private static void write(Path file, Calendar calendar) throws IOException {
    StringWriter text = new StringWriter(4096);
    new CalendarOutputter(false).output(calendar, text);
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  // ------------------------------------------------------------------ one item

  /** The {@code index}-th item: one VCALENDAR with its VTIMEZONE, master and overrides. */
  Calendar next(int index) {
    String uid = new UUID(random.nextLong(), random.nextLong()).toString();
    double kind = random.nextDouble();
    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//calsync//bench EventGenerator//EN"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);

    if (kind < 0.10) {
      allDay(calendar, uid, false);
    } else if (kind < 0.15) {
      allDay(calendar, uid, true);
    } else {
      timed(calendar, uid, kind < 0.40);
    }
    return calendar;
  }

  private void allDay(Calendar calendar, String uid, boolean yearly) {
    LocalDate day = ANCHOR.plusDays(random.nextInt(730) - 365);
    int days = yearly ? 1 : (random.nextInt(10) < 8 ? 1 : 2 + random.nextInt(5));
    String summary =
        yearly ? "Birthday: " + person() : pick(new String[] {"Vacation", "Public holiday", "Conference", "Offsite", "Moving day", "Out of office"});
    VEvent event = new VEvent(day, day.plusDays(days), summary);
    common(event, uid, 0, summary);
    event.replace(new Transp(Transp.VALUE_TRANSPARENT));
    if (yearly) {
      event.add(new RRule<LocalDate>(new Recur.Builder<LocalDate>().frequency(Frequency.YEARLY).build()));
      event.add(new Categories(new TextList("Birthday")));
    }
    calendar.add(event);
  }

  private void timed(Calendar calendar, String uid, boolean recurring) {
    String zone = pickZone();
    ZoneId zoneId = ZoneId.of(zone);
    LocalDate day = ANCHOR.plusDays(random.nextInt(730) - 365);
    boolean weekly = random.nextDouble() < 0.7;
    if (recurring && weekly) {
      day = day.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.of(1 + random.nextInt(5))));
    } else if (recurring) {
      day = day.withDayOfMonth(1 + random.nextInt(28)); // an instance in every month
    }
    LocalTime time = LocalTime.of(7 + random.nextInt(12), random.nextBoolean() ? 0 : 30);
    Duration length = Duration.ofMinutes(15L * (1 + random.nextInt(8)));
    Temporal start;
    Temporal end;
    if ("UTC".equals(zone)) {
      start = ZonedDateTime.of(day, time, ZoneOffset.UTC).toInstant();
      end = ((Instant) start).plus(length);
    } else {
      start = ZonedDateTime.of(day, time, zoneId);
      end = ((ZonedDateTime) start).plus(length);
      calendar.add(vtimezone(zone));
    }
    String summary = pick(TOPICS);
    VEvent master = new VEvent(start, end, summary);
    common(master, uid, random.nextInt(4) == 0 ? random.nextInt(3) : 0, summary);
    List<Attendee> attendees = random.nextBoolean() ? attendees() : List.of();
    if (!attendees.isEmpty()) {
      master.add(organizer());
      attendees.forEach(master::add);
    }
    calendar.add(master);
    if (!recurring) {
      return;
    }

    Recur.Builder<Temporal> recur = new Recur.Builder<>();
    int interval = random.nextInt(4) == 0 ? 2 : 1;
    if (weekly) {
      recur.frequency(Frequency.WEEKLY).dayList(WeekDay.getWeekDay(DayOfWeek.from(day)));
      if (interval > 1) {
        recur.interval(interval);
      }
    } else {
      recur.frequency(Frequency.MONTHLY).monthDayList(day.getDayOfMonth());
    }
    int open = random.nextInt(3);
    if (open == 0) {
      recur.count(5 + random.nextInt(40));
    } else if (open == 1) {
      recur.until(Instant.from(start).plus(Duration.ofDays(120 + random.nextInt(300))));
    }
    master.add(new RRule<>(recur.build()));

    Period step = weekly ? Period.ofWeeks(interval) : Period.ofMonths(1);
    if (random.nextDouble() < 0.4) {
      List<Temporal> skipped = new ArrayList<>();
      int skips = 1 + random.nextInt(3);
      for (int k = 0; k < skips; k++) {
        skipped.add(plus(start, step.multipliedBy(1 + 2 * k)));
      }
      // ical4j writes the dates but not their TZID by itself: the parameter says which zone.
      master.add(
          start instanceof ZonedDateTime
              ? new ExDate<>(new ParameterList(List.of(new net.fortuna.ical4j.model.parameter.TzId(zone))), new DateList<>(skipped))
              : new ExDate<>(new DateList<>(skipped)));
    }
    if (random.nextDouble() < 0.4) {
      int overrides = 1 + random.nextInt(2);
      for (int k = 0; k < overrides; k++) {
        Temporal original = plus(start, step.multipliedBy(2 + 2 * k));
        Temporal moved = original.plus(Duration.ofHours(random.nextBoolean() ? 1 : -2));
        String overrideSummary = random.nextBoolean() ? summary : summary + " (moved)";
        VEvent override = new VEvent(moved, moved.plus(length), overrideSummary);
        common(override, uid, 1, overrideSummary);
        override.add(new RecurrenceId<>(original));
        if (random.nextBoolean()) {
          override.replace(new Location(pick(PLACES)));
        }
        attendees.forEach(override::add);
        calendar.add(override);
      }
    }
  }

  /** UID, timestamps, sequence, description, location, status, class, alarm, categories. */
  private void common(VEvent event, String uid, int sequence, String summary) {
    Instant created = STAMP.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 400)));
    Instant modified = created.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
    event.replace(new DtStamp(modified));
    event.add(new Uid(uid));
    event.add(new Created(created));
    event.add(new LastModified(modified));
    if (sequence > 0) {
      event.add(new Sequence(sequence));
    }
    String description = description(summary);
    if (description != null) {
      event.add(new Description(description));
    }
    if (random.nextDouble() < 0.6) {
      event.add(new Location(pick(PLACES)));
    }
    if (random.nextDouble() < 0.3) {
      event.add(new Categories(new TextList(pick(CATEGORIES))));
    }
    double r = random.nextDouble();
    if (r < 0.05) {
      event.add(new Status(Status.VALUE_TENTATIVE));
    } else if (r < 0.6) {
      event.add(new Status(Status.VALUE_CONFIRMED));
    }
    if (random.nextDouble() < 0.1) {
      event.add(new Clazz(Clazz.VALUE_PRIVATE));
    }
    if (random.nextDouble() < 0.35) {
      VAlarm alarm = new VAlarm(Duration.ofMinutes(-(5L + 5 * random.nextInt(6))));
      alarm.add(new Action(Action.VALUE_DISPLAY));
      alarm.add(new Description("Reminder"));
      event.add(alarm);
    }
  }

  private String description(String summary) {
    double r = random.nextDouble();
    if (r < 0.3) {
      return null;
    }
    if (r < 0.6) {
      return sentence(6 + random.nextInt(10));
    }
    if (r < 0.9) {
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 2 + random.nextInt(4); k++) {
        text.append(sentence(8 + random.nextInt(14))).append(' ');
      }
      return text.toString().strip();
    }
    // A long agenda, as pasted from a meeting invitation: 1-4 KB with lines, lists and links.
    StringBuilder text = new StringBuilder("Agenda for ").append(summary).append(":\n");
    int items = 10 + random.nextInt(30);
    for (int k = 1; k <= items; k++) {
      text.append(k).append(". ").append(sentence(6 + random.nextInt(12))).append('\n');
    }
    text.append("\nJoin: https://meet.example.com/").append(Integer.toHexString(random.nextInt()))
        .append("?pwd=").append(Long.toHexString(random.nextLong())).append("; dial-in +49 30 1234567, PIN 42#\n");
    return text.toString();
  }

  private String sentence(int words) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < words; k++) {
      if (k > 0) {
        s.append(random.nextInt(9) == 0 ? ", " : " ");
      }
      s.append(pick(WORDS));
    }
    s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
    return s.append(random.nextInt(6) == 0 ? ";" : ".").toString();
  }

  private List<Attendee> attendees() {
    int n = 1 + random.nextInt(8);
    List<Attendee> list = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String name = person();
      Attendee attendee = new Attendee(mailto(name, k));
      attendee.add(new Cn(name));
      attendee.add(pick(PARTSTATS));
      attendee.add(random.nextInt(5) == 0 ? Role.OPT_PARTICIPANT : Role.REQ_PARTICIPANT);
      attendee.add(CuType.INDIVIDUAL);
      if (random.nextBoolean()) {
        attendee.add(Rsvp.TRUE);
      }
      list.add(attendee);
    }
    return list;
  }

  private Organizer organizer() {
    String name = person();
    Organizer organizer = new Organizer(mailto(name, 99));
    organizer.add(new Cn(name));
    return organizer;
  }

  private static URI mailto(String name, int k) {
    String local =
        java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
            .replace("ø", "o")
            .replaceAll("[^A-Za-z ]", "")
            .toLowerCase(Locale.ROOT)
            .replace(' ', '.');
    return URI.create("mailto:" + local + (k < 99 && k % 3 == 2 ? "+" + k : "") + "@example.com");
  }

  private String person() {
    return pick(FIRST) + " " + pick(LAST);
  }

  private String pickZone() {
    double r = random.nextDouble();
    for (int k = 0; k < ZONES.size(); k++) {
      r -= ZONE_WEIGHTS[k];
      if (r < 0) {
        return ZONES.get(k);
      }
    }
    return ZONES.getLast();
  }

  /** {@code t + p}, also for UTC instants (which cannot add months by themselves). */
  private static Temporal plus(Temporal t, Period p) {
    return t instanceof Instant i ? i.atZone(ZoneOffset.UTC).plus(p).toInstant() : t.plus(p);
  }

  private VTimeZone vtimezone(String zone) {
    return vtimezones.computeIfAbsent(zone, EventGenerator::compactVTimeZone);
  }

  /**
   * The VTIMEZONE of a zone as Google, Outlook and Thunderbird write it: the current rule only
   * (one STANDARD and one DAYLIGHT observance), not ical4j's full history since 1893.
   */
  static VTimeZone compactVTimeZone(String zone) {
    List<Observance> observances =
        switch (zone) {
          case "Europe/Berlin" ->
              List.of(
                  observance(false, "CET", "+0200", "+0100", "1970-10-25T03:00", 10, "-1SU"),
                  observance(true, "CEST", "+0100", "+0200", "1970-03-29T02:00", 3, "-1SU"));
          case "America/New_York" ->
              List.of(
                  observance(false, "EST", "-0400", "-0500", "2007-11-04T02:00", 11, "1SU"),
                  observance(true, "EDT", "-0500", "-0400", "2007-03-11T02:00", 3, "2SU"));
          case "Asia/Tokyo" ->
              List.of(observance(false, "JST", "+0900", "+0900", "1970-01-01T00:00", 0, null));
          default -> throw new IllegalArgumentException("no VTIMEZONE for " + zone);
        };
    return new VTimeZone(
        new PropertyList(List.of(new TzId(zone))), new ComponentList<>(observances));
  }

  private static Observance observance(
      boolean daylight, String name, String from, String to, String start, int month, String byDay) {
    List<Property> properties = new ArrayList<>();
    properties.add(new TzName(name));
    properties.add(new TzOffsetFrom(ZoneOffset.of(from)));
    properties.add(new TzOffsetTo(ZoneOffset.of(to)));
    properties.add(new DtStart<>(LocalDateTime.parse(start)));
    if (byDay != null) {
      properties.add(
          new RRule<LocalDateTime>(
              new Recur.Builder<LocalDateTime>()
                  .frequency(Frequency.YEARLY)
                  .monthList(new Month(month))
                  .dayList(new WeekDay(byDay))
                  .build()));
    }
    PropertyList list = new PropertyList(properties);
    return daylight ? new Daylight(list) : new Standard(list);
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
