package io.calsync.app;

import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.Storages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A representative workload for the JVM's start-up cache, run by the {@code ./calsync} launcher
 * once per build and profile, in a temporary directory, printing nothing. The JVM records which
 * classes the workload loads and links (JDK 25's AOT cache, or a CDS archive on older JDKs), so
 * later commands start without loading and verifying them again.
 *
 * <p>Two profiles, because an AOT cache loads every class it holds at start-up: a cache trained on
 * the master made every short {@code calsync sync} load the web server too (6,640 classes for
 * {@code --help}). Measured on 2026-11-25 (2 vCPUs, hyperfine, 10 runs): {@code --help} 0.49 s
 * with the {@code cli} cache against 0.56 s with the {@code service} one; a no-change sync of
 * 10,000 events 1.03 s, 1.06 s, and 1.11 s with no cache.
 *
 * <ul>
 *   <li>{@code cli}: what short commands load and run hot: two {@code ics} folders of {@value
 *       #EVENTS} events synced (first run, no-change runs, a run after edits), a dry run and a
 *       sync into a single-file calendar, a conflicts listing, the storages list and the help
 *       texts. The cache also keeps the method profiles of this run (JDK 25, JEP 515): a few
 *       thousand events give the JIT of a later large sync real profiles to start from.
 *   <li>{@code remote}: what commands on a CalDAV calendar load: the JDK's HTTP client, TLS set-up,
 *       the StAX parser and the CalDAV provider (cold, they cost a sync about 0.3 s). The
 *       workload syncs a folder of {@value #REMOTE_EVENTS} events with a calendar of the master's
 *       own CalDAV endpoint, started in this process on a loopback port (first run, no-change,
 *       after edits), and discovers its calendars; so this cache also holds the master's classes.
 *       The launcher uses it when an argument names a CalDAV or iCloud calendar.
 *   <li>{@code service}: what long-running processes load: the demo (a master and two agents over
 *       loopback HTTP, SQLite stores, file watching, the push channel). The launcher uses it for
 *       {@code server}, {@code agent} and {@code demo}.
 * </ul>
 */
@Command(name = "aot-training", hidden = true, description = "Warm-up workload for the start-up cache.")
final class TrainingCommand implements Callable<Integer> {

  /** Events in the folders of the {@code cli} training. */
  static final int EVENTS = 3000;

  /** Events synced with the master's CalDAV endpoint in the {@code remote} training. */
  static final int REMOTE_EVENTS = 300;

  @ParentCommand CalsyncMain main;

  /** The workloads; see the class comment. */
  enum Profile {
    cli,
    remote,
    service
  }

  @Parameters(index = "0", defaultValue = "cli", description = "cli, remote or service")
  Profile profile;

  @CommandLine.Option(names = "--events", defaultValue = "" + EVENTS, description = "Events of the cli training.")
  int events;

  @Override
  public Integer call() throws IOException {
    Path work = Files.createTempDirectory("calsync-training");
    try {
      switch (profile) {
        case cli -> cli(work);
        case remote -> remote(work);
        case service -> run("demo", "--dir", work.resolve("demo").toString(), "--port", "0", "--exit");
      }
      return CalsyncMain.EXIT_OK;
    } finally {
      delete(work);
    }
  }

  private void cli(Path work) {
    Path a = work.resolve("a");
    Path b = work.resolve("b");
    String state = work.resolve("state").toString();
    List<Item> items = demoCopies(events);
    write(a, items);
    run("--help");
    run("sync", "--help");
    syncRounds(a, items, "sync", "--from", "ics:" + a, "--to", "ics:" + b, "--state", state);
    Path small = work.resolve("small");
    write(small, items.subList(0, Math.min(20, items.size())));
    run("sync", "--from", "ics:" + small, "--to", "ics-file:" + work.resolve("all.ics"), "--state", state, "--dry-run");
    run("sync", "--from", "ics:" + small, "--to", "ics-file:" + work.resolve("all.ics"), "--state", state);
    run("conflicts", "list", "--state", state);
    run("storages");
  }

  private void remote(Path work) {
    Path a = work.resolve("a");
    String state = work.resolve("state").toString();
    List<Item> items = demoCopies(Math.min(events, REMOTE_EVENTS));
    write(a, items);
    try (DemoMaster master = DemoMaster.start(work.resolve("master"), 0)) {
      String id = master.post("/calendars", "{\"name\": \"Training\"}").path("calendar").path("id").asText();
      syncRounds(a, items, "sync", "--from", "ics:" + a,
          "--to", "caldav+" + master.url() + "/dav/calendars/" + id + "/", "--state", state);
      run("discover", "caldav", master.url() + "/dav/");
    }
  }

  private static List<Item> demoCopies(int n) {
    return new DemoEvents(LocalDate.now(ZoneId.of("Europe/Berlin")), Instant.now()).copies(n);
  }

  /**
   * The runs of a sync's life: the first, two with nothing to do, one after ten of {@code items}
   * were edited in {@code folder}, and one more with nothing to do.
   */
  private void syncRounds(Path folder, List<Item> items, String... sync) {
    run(sync);
    run(sync);
    run(sync);
    write(folder, items.subList(0, Math.min(10, items.size())).stream().map(DemoEvents::edited).toList());
    run(sync);
    run(sync);
  }

  /** Creates or replaces these events in the folder, as a calendar app would save them. */
  private static void write(Path folder, List<Item> items) {
    try (CalendarStorage storage = Storages.open("ics:" + folder)) {
      Map<String, ListedItem> existing = new HashMap<>();
      storage.list().items().forEach(listed -> existing.put(listed.href(), listed));
      for (Item item : items) {
        ListedItem listed = existing.get(item.uid() + ".ics");
        if (listed == null) {
          storage.create(item);
        } else {
          storage.update(listed.href(), item, listed.etag());
        }
      }
      storage.flush();
    }
  }

  /**
   * Runs one command of the workload, silently; a failure fails the training (the launcher then
   * keeps no cache rather than one trained on an error path).
   */
  private void run(String... args) {
    PrintWriter silent = new PrintWriter(Writer.nullWriter());
    StringWriter err = new StringWriter();
    CommandLine cl = new CalsyncMain(main.env(), main.clock()).commandLine();
    cl.setOut(silent);
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    if (code != CalsyncMain.EXIT_OK) {
      throw new IllegalStateException(
          "training step 'calsync " + String.join(" ", args) + "' ended with " + code + ": " + err);
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
