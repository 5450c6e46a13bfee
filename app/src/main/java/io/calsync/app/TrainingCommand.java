package io.calsync.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * A representative workload for the JVM's start-up cache, run once by the {@code ./calsync}
 * launcher after the jar is built: the demo (a master and two agents over loopback HTTP, ics
 * folders, SQLite stores, iCalendar parsing), a sync and a dry run into a single-file calendar
 * (the engine) and a conflicts listing, all in a
 * temporary directory, printing nothing. The JVM records which classes this loads and links
 * (JDK 25's AOT cache, or a CDS archive on older JDKs), so every later command starts without
 * loading and verifying them again.
 */
@Command(name = "aot-training", hidden = true, description = "Warm-up workload for the start-up cache.")
final class TrainingCommand implements Callable<Integer> {

  @ParentCommand CalsyncMain main;

  @Override
  public Integer call() throws IOException {
    Path work = Files.createTempDirectory("calsync-training");
    try {
      Path demo = work.resolve("demo");
      run("demo", "--dir", demo.toString(), "--port", "0", "--exit");
      String state = work.resolve("state").toString();
      run("sync", "--from", "ics:" + demo.resolve("work-laptop"),
          "--to", "ics-file:" + work.resolve("all.ics"), "--state", state, "--dry-run");
      run("sync", "--from", "ics:" + demo.resolve("work-laptop"),
          "--to", "ics-file:" + work.resolve("all.ics"), "--state", state);
      run("conflicts", "list", "--state", state);
      run("storages");
      return CalsyncMain.EXIT_OK;
    } finally {
      delete(work);
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
