package io.calsync.app;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.Storages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code calsync demo}: the whole system on this machine, on embedded defaults. A master (SQLite
 * store, no external server) and two agents, each with a folder of sample events, all in this one
 * process but talking over real HTTP on loopback, exactly as on separate machines: each side's
 * events reach the other, edits and a deletion travel in well under a second, a rename through
 * the master's API reaches both. Then it keeps serving (dashboard, API, calendars for a calendar
 * app) until Ctrl-C, or stops with {@code --exit}.
 */
@Command(
    name = "demo",
    description = {
      "Run a master and two agents on this machine with sample calendars, and watch changes travel.",
      "",
      "Starts the master server on embedded defaults (its SQLite store under DIR/master,"
          + " authentication off: a demo only), and two agents, work-laptop and office-server,"
          + " each keeping a folder of .ics files (DIR/work-laptop, DIR/office-server) in sync"
          + " with the master calendar \"Team calendar\". Each folder starts with its own sample"
          + " events (a weekly meeting with a skipped and a moved week, an all-day event, a call"
          + " in New York time, a meeting with attendees); the demo shows them reach the other"
          + " folder, changes an event in each folder and deletes one, renames the calendar"
          + " through the master's API, and times each step. Then it serves until Ctrl-C, and"
          + " prints the addresses to open (add your own .ics files to a folder and watch the"
          + " other).",
      "",
      "DIR is emptied and filled anew on every run; calsync refuses to touch a DIR that it did"
          + " not create itself.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync demo",
      "  calsync demo --dir /tmp/calsync-demo --port 9000",
      "  calsync demo --exit                 the walkthrough only, then stop",
      "",
      "Exit codes: 0 success, 1 failure, 2 usage error."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  /** Marks a directory as the demo's own, so that a re-run may empty it. */
  static final String MARKER = ".calsync-demo";
  static final String CALENDAR = "Team calendar";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @ParentCommand CalsyncMain main;
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to put the demo's calendars and state (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("calsync-demo");

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The master's port on 127.0.0.1 (default: ${DEFAULT-VALUE}; when taken, a free one"
          + " is chosen and shown; 0 always chooses one).")
  int port = 8008;

  @Option(names = "--exit", description = "Stop after the walkthrough instead of serving until Ctrl-C.")
  boolean exit;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = CalsyncMain.out(spec);
    quietLogs();
    Clock clock = main.clock();
    Path root = dir.toAbsolutePath().normalize();
    boolean reused = prepare(root);
    DemoEvents events =
        new DemoEvents(LocalDate.now(clock.withZone(ZoneId.of("Europe/Berlin"))), clock.instant());

    out.println("calsync demo: a master and two agents keeping calendars in step, both ways");
    out.println(reused ? "Working in " + root + " (emptied: it holds the previous demo run)" : "Working in " + root);
    out.println();

    out.println("1. Two calendar folders, each with its own events");
    DemoAgent laptop = DemoAgent.prepare(root, "work-laptop");
    DemoAgent office = DemoAgent.prepare(root, "office-server");
    try (CalendarStorage a = Storages.open(laptop.uri());
        CalendarStorage b = Storages.open(office.uri())) {
      out.println("   work-laptop   (" + laptop.folder() + ")");
      create(a, events.teamMeeting(), "Mondays 10:00 Berlin time; the 3rd week skipped, the 2nd moved to Tuesday");
      create(a, events.offsite(), "all day, Wednesday and Thursday of the 3rd week");
      create(a, events.newYorkCall(), "09:00 New York time");
      out.println("   office-server (" + office.folder() + ")");
      create(b, events.kickoff(), "with an organizer and three attendees");
      create(b, events.maintenance(), "20:00-22:00 UTC");
      create(b, events.lunchAndLearn(), "12:00 Berlin time");
    }
    out.println();

    try (DemoMaster master = DemoMaster.start(root.resolve("master"), port)) {
      if (port != 0 && master.port() != port) {
        out.println("(port " + port + " is taken: the master listens on " + master.port() + " instead)");
      }
      out.println("2. The master starts (" + master.url() + ", store " + root.resolve("master") + ","
          + " authentication off: a demo on this machine), then both agents: each sends its events up and gets"
          + " the other's");
      long started = System.nanoTime();
      try (var agentA = laptop.start(master.url(), main.env(), clock);
          var agentB = office.start(master.url(), main.env(), clock)) {
        awaitCount(laptop, 6);
        awaitCount(office, 6);
        out.println("   both folders hold 6 events after " + millisSince(started) + " ms (JVM warm-up included)");
        out.println();

        out.println("3. A change in each folder and a deletion, as a calendar app would save them");
        Instant later = clock.instant().plusSeconds(60);
        long changed = System.nanoTime();
        try (CalendarStorage a = Storages.open(laptop.uri());
            CalendarStorage b = Storages.open(office.uri())) {
          replace(a, events.newYorkCall(10, 1, later));
          out.println("   in work-laptop:   \"Call with the New York office\" moved to 10:00 New York time");
          replace(b, events.kickoff("Room 5.01", 1, later));
          out.println("   in office-server: \"Project kickoff\" moved to Room 5.01");
          delete(b, DemoEvents.LUNCH_AND_LEARN);
          out.println("   in office-server: \"Lunch & learn: time zones in iCalendar\" deleted");
        }
        awaitText(office, "DTSTART;TZID=America/New_York:", "T100000");
        awaitText(laptop, "LOCATION:", "Room 5.01");
        awaitCount(laptop, 5);
        out.println("   all three reached the other folder after " + millisSince(changed) + " ms");
        out.println();

        out.println("4. The calendar renamed and recoloured through the master's API");
        long renamed = System.nanoTime();
        String calendarId = master.calendarIdNamed(CALENDAR);
        master.put("/calendars/" + calendarId, "{\"name\":\"Team calendar 2027\",\"color\":\"#8E24AA\"}");
        out.println("   PUT " + master.url() + "/calendars/" + calendarId + " {\"name\": \"Team calendar 2027\", \"color\": \"#8E24AA\"}");
        awaitFile(laptop, "displayname", "Team calendar 2027");
        awaitFile(office, "displayname", "Team calendar 2027");
        out.println("   both folders renamed after " + millisSince(renamed) + " ms");
        out.println();

        printAddresses(master, laptop, office, root);
        out.flush();
        if (!exit) {
          out.println("Serving until Ctrl-C. Add, edit or delete .ics files in one folder and watch the other.");
          out.flush();
          CountDownLatch stop = new CountDownLatch(1);
          Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "calsync-demo-stop"));
          stop.await();
        }
      }
    }
    return CalsyncMain.EXIT_OK;
  }

  private void printAddresses(DemoMaster master, DemoAgent laptop, DemoAgent office, Path root) {
    out.println("Have a look:");
    for (String line : master.addresses()) out.println("  " + line);
    out.println("  " + laptop.folder() + "/*.ics   and   " + office.folder() + "/*.ics");
    out.println("  " + laptop.configFile() + "   (an agent's outlook_config.json)");
    out.println("The same on separate machines:");
    out.println("  calsync server                                  on the master");
    out.println("  calsync agent --config outlook_config.json      on each machine with calendars");
  }

  /** Agents and the master log what they do; the demo tells the story itself. */
  private static void quietLogs() {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    java.util.logging.Logger.getLogger("io.calsync").setLevel(java.util.logging.Level.WARNING);
  }

  private void awaitCount(DemoAgent agent, int n) {
    await(agent.folder().getFileName() + " holds " + n + " events", () -> agent.eventFiles().size() == n);
  }

  private void awaitText(DemoAgent agent, String a, String b) {
    await(agent.folder().getFileName() + " has the change", () -> agent.eventFiles().stream()
        .anyMatch(text -> text.lines().anyMatch(l -> l.contains(a) && l.contains(b))));
  }

  private void awaitFile(DemoAgent agent, String name, String value) {
    await(agent.folder().getFileName() + "/" + name + " = " + value, () -> value.equals(agent.metadata(name)));
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the demo waited " + PATIENCE.toSeconds() + " s in vain for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /**
   * Makes {@code root} an empty demo directory. A directory holding anything but an earlier demo
   * run is refused.
   *
   * @return true when an earlier demo run was cleared away
   */
  private static boolean prepare(Path root) throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new Errors.UserError(root + " exists and is not a directory: choose another --dir");
    }
    boolean reused = false;
    if (Files.isDirectory(root)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(root)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(root.resolve(MARKER))) {
        throw new Errors.UserError(
            root
                + " exists and was not made by calsync demo; it is left alone: choose another"
                + " --dir, or remove it");
      }
      reused = !empty;
      if (reused) {
        deleteContents(root);
      }
    }
    Files.createDirectories(root);
    Files.writeString(root.resolve(MARKER), "made by calsync demo; emptied on every run\n");
    return reused;
  }

  private static void deleteContents(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void create(CalendarStorage storage, Item item, String note) {
    storage.create(item);
    out.println("     + " + item.summary() + ": " + note);
  }

  /** The stored version of the item with {@code uid}: href and etag. */
  private static ListedItem find(CalendarStorage storage, String uid) {
    List<ListedItem> listed = storage.list().items();
    for (Fetched f : storage.get(listed.stream().map(ListedItem::href).toList())) {
      if (f instanceof Fetched.Found found && found.item().uid().equals(uid)) {
        return new ListedItem(found.href(), found.etag());
      }
    }
    throw new IllegalStateException("demo event " + uid + " is missing in " + storage.location());
  }

  private static void replace(CalendarStorage storage, Item item) {
    ListedItem current = find(storage, item.uid());
    storage.update(current.href(), item, current.etag());
  }

  private static void delete(CalendarStorage storage, String uid) {
    ListedItem current = find(storage, uid);
    storage.delete(current.href(), current.etag());
  }

}
