package io.calsync.app;

import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.Storages;
import java.io.IOException;
import java.io.PrintWriter;
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
 * the master would make every short {@code calsync sync} load the web server too (measured: 6,600
 * classes and 0.65 s for {@code --help}, against 0.3 s with a cache of the CLI's own classes).
 *
 * <ul>
 *   <li>{@code cli}: what short commands load and run hot: two {@code ics} folders of {@value
 *       #EVENTS} events synced (first run, no-change runs, a run after edits), a dry run and a
 *       sync into a single-file calendar, a conflicts listing, the storages list and the help
 *       texts. The cache also keeps the method profiles of this run (JDK 25, JEP 515), so the
 *       size matters: with a few events the JIT of a later 10,000-event sync starts from
 *       nothing (measured: a no-change sync of 10,000 events 1.0 s with six training events,
 *       0.83 s with a training of that size).
 *   <li>{@code service}: what long-running processes load: the demo (a master and two agents over
 *       loopback HTTP, SQLite stores, file watching, the push channel). The launcher uses it for
 *       {@code server}, {@code agent} and {@code demo}.
 * </ul>
 */
@Command(name = "aot-training", hidden = true, description = "Warm-up workload for the start-up cache.")
final class TrainingCommand implements Callable<Integer> {

  /** Events in the folders of the {@code cli} training. */
  static final int EVENTS = 3000;

  @ParentCommand CalsyncMain main;

  @Parameters(index = "0", defaultValue = "cli", description = "cli or service")
  String profile;

  @Override
  public Integer call() throws IOException {
    Path work = Files.createTempDirectory("calsync-training");
    try {
      switch (profile) {
        case "cli" -> cli(work);
        case "service" -> run("demo", "--dir", work.resolve("demo").toString(), "--port", "0", "--exit");
        default -> throw new CommandLine.ParameterException(
            new CommandLine(this), "unknown training profile '" + profile + "': cli or service");
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
    String[] sync = {"sync", "--from", "ics:" + a, "--to", "ics:" + b, "--state", state};
    DemoEvents events = new DemoEvents(LocalDate.now(ZoneId.of("Europe/Berlin")), Instant.now());
    List<Item> items = events.copies(EVENTS);
    write(a, items);
    run("--help");
    run("sync", "--help");
    run(sync);
    run(sync);
    run(sync);
    write(a, items.subList(0, 10).stream().map(DemoEvents::edited).toList());
    run(sync);
    run(sync);
    Path small = work.resolve("small");
    write(small, items.subList(0, 20));
    run("sync", "--from", "ics:" + small, "--to", "ics-file:" + work.resolve("all.ics"), "--state", state, "--dry-run");
    run("sync", "--from", "ics:" + small, "--to", "ics-file:" + work.resolve("all.ics"), "--state", state);
    run("conflicts", "list", "--state", state);
    run("storages");
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

  private void run(String... args) {
    PrintWriter silent = new PrintWriter(Writer.nullWriter());
    CommandLine cl = new CalsyncMain(main.env(), main.clock()).commandLine();
    cl.setOut(silent);
    cl.setErr(silent);
    cl.execute(args);
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
