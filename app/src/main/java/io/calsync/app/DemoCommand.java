package io.calsync.app;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.sync.SyncOptions;
import io.calsync.provider.Storages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code calsync demo}: two sample calendars on disk, synced both ways, changed on both sides,
 * synced again. Everything goes through the real storages, engine and state DB.
 */
@Command(
    name = "demo",
    description = {
      "Sync two sample calendars on your disk, step by step.",
      "",
      "Shows calsync at work on two sample calendars on your disk: two folders of .ics files,"
          + " work-laptop and office-server, each with a few events (a weekly meeting with a"
          + " skipped and a moved week, an all-day event, a call in New York time, a meeting with"
          + " attendees). It syncs them both ways, changes an event on each side and deletes one,"
          + " syncs again, then shows that one more sync has nothing to do.",
      "",
      "DIR is emptied and filled anew on every run; calsync refuses to touch a DIR that it did"
          + " not create itself.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync demo",
      "  calsync demo --dir /tmp/calsync-demo",
      "",
      "Exit codes: 0 success, 1 failure, 2 usage error."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  /** Marks a directory as the demo's own, so that a re-run may empty it. */
  static final String MARKER = ".calsync-demo";

  @ParentCommand CalsyncMain main;
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to put the demo's calendars and state (default: ${DEFAULT-VALUE}).")
  Path dir = Path.of("calsync-demo");

  private PrintWriter out;

  @Override
  public Integer call() throws IOException {
    out = CalsyncMain.out(spec);
    Clock clock = main.clock();
    Path root = dir.toAbsolutePath().normalize();
    boolean reused = prepare(root);
    Path laptopDir = root.resolve("work-laptop");
    Path serverDir = root.resolve("office-server");
    Path stateDir = root.resolve("state");
    Files.createDirectories(laptopDir);
    Files.createDirectories(serverDir);
    String laptop = "ics:" + laptopDir;
    String server = "ics:" + serverDir;
    DemoEvents events =
        new DemoEvents(LocalDate.now(clock.withZone(ZoneId.of("Europe/Berlin"))), clock.instant());

    out.println("calsync demo: two calendars kept in step, both ways");
    out.println(
        (reused
            ? "Working in " + root + " (emptied: it holds the previous demo run)"
            : "Working in " + root));
    out.println();

    out.println("1. Two calendars, each with its own events");
    try (CalendarStorage a = Storages.open(laptop);
        CalendarStorage b = Storages.open(server)) {
      name(a, "Work laptop", "#1E88E5");
      name(b, "Office server", "#43A047");
      out.println("   work-laptop   (" + a.location() + ")");
      create(
          a,
          events.teamMeeting(),
          "Mondays 10:00 Berlin time; the 3rd week skipped, the 2nd moved to Tuesday");
      create(a, events.offsite(), "all day, Wednesday and Thursday of the 3rd week");
      create(a, events.newYorkCall(), "09:00 New York time");
      out.println("   office-server (" + b.location() + ")");
      create(b, events.kickoff(), "with an organizer and three attendees");
      create(b, events.maintenance(), "20:00-22:00 UTC");
      create(b, events.lunchAndLearn(), "12:00 Berlin time");
    }
    out.println();

    out.println("2. First sync: each side gets the other's events");
    sync(stateDir, laptop, server, clock);
    out.println("   Both folders now hold " + count(laptop) + " and " + count(server) + " events.");
    out.println();

    out.println("3. A change on each side and a deletion, then sync again");
    Instant later = clock.instant().plusSeconds(60);
    try (CalendarStorage a = Storages.open(laptop);
        CalendarStorage b = Storages.open(server)) {
      replace(a, events.newYorkCall(10, 1, later));
      out.println(
          "   on work-laptop:   \"Call with the New York office\" moved to 10:00 New York time");
      replace(b, events.kickoff("Room 5.01", 1, later));
      out.println("   on office-server: \"Project kickoff\" moved to Room 5.01");
      delete(b, DemoEvents.LUNCH_AND_LEARN);
      out.println("   on office-server: \"Lunch & learn: time zones in iCalendar\" deleted");
    }
    sync(stateDir, laptop, server, clock);
    out.println();

    out.println("4. One more sync: nothing left to do");
    sync(stateDir, laptop, server, clock);
    out.println();

    out.println("Look at the files:");
    out.println("  " + laptopDir + "/*.ics");
    out.println("  " + serverDir + "/*.ics");
    out.println(
        "  "
            + PairSync.dbFile(stateDir)
            + "   (the state: what both sides held after the last sync)");
    out.println("The same sync by hand:");
    out.println("  calsync sync --from " + laptop + " --to " + server + " --state " + stateDir);
    out.println("Every option: calsync sync --help");
    return CalsyncMain.EXIT_OK;
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

  private static void name(CalendarStorage storage, String name, String color) {
    if (storage.capabilities().metadataWritable()) {
      storage.updateMetadata(new MetadataChange(name, color, null, null));
    }
  }

  private void create(CalendarStorage storage, Item item, String note) {
    storage.create(item);
    out.println("     + " + item.summary() + ": " + note);
  }

  private void sync(Path stateDir, String from, String to, Clock clock) {
    PairSync.Outcome outcome;
    try (ProgressReporter progress =
        ProgressReporter.forConsole(CalsyncMain.err(spec), out, "     ")) {
      outcome =
          PairSync.run(
              stateDir, from, to, StorageOpener.ofEnvironment(Map.of()), SyncOptions.defaults(),
              progress, clock);
    }
    if (outcome.report().plan().stream().noneMatch(ProgressReporter::changesSomething)) {
      out.println("     (no changes)");
    }
    ReportPrinter.print(out, outcome, "   ", " --state " + stateDir);
    if (outcome.report().hasErrors()) {
      throw new IllegalStateException("the demo's sync reported problems (see above)");
    }
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

  private static int count(String uri) {
    try (CalendarStorage storage = Storages.open(uri)) {
      return storage.list().items().size();
    }
  }
}
