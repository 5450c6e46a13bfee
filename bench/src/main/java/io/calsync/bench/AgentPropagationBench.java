package io.calsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Propagation latency between two running agents (started by {@code bench/agent-propagation.sh}):
 * writes N changes, one at a time, into agent A's ics folder (as an editor saving a file would:
 * temp file, then rename) and measures how long until agent B's folder holds the change, polling
 * B's file every millisecond. Half the changes create an event, half edit one. Prints p50, p99 and
 * max as markdown table rows.
 */
public final class AgentPropagationBench {
  private AgentPropagationBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: AgentPropagationBench FOLDER_A FOLDER_B CHANGES");
      System.exit(2);
    }
    Path a = Path.of(args[0]);
    Path b = Path.of(args[1]);
    int changes = Integer.parseInt(args[2]);
    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      String uid = "bench-" + (i / 2);
      String summary = "Change " + i;
      long start = System.nanoTime();
      write(a.resolve(uid + ".ics"), uid, summary);
      awaitSummary(b, uid, summary, start);
      micros.add((System.nanoTime() - start) / 1000);
      Thread.sleep(100); // one change at a time, as a person edits
    }
    Collections.sort(micros);
    row("A → B propagation p50 (" + changes + " changes, file write to file written)", ms(percentile(micros, 50)));
    row("A → B propagation p99", ms(percentile(micros, 99)));
    row("A → B propagation max", ms(micros.get(micros.size() - 1)));
  }

  private static void write(Path file, String uid, String summary) throws IOException {
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync bench//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
        + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T110000Z\r\nSUMMARY:" + summary
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, ics);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Polls B's folder for a file of {@code uid} holding {@code summary}; 30 s at most. */
  private static void awaitSummary(Path folder, String uid, String summary, long start) throws Exception {
    Path likely = folder.resolve(uid + ".ics");
    String marker = "SUMMARY:" + summary + "\r\n";
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
      try {
        if (Files.readString(likely).contains(marker)) return;
      } catch (NoSuchFileException notYet) {
        // not written yet (or under another name: checked below now and then)
      }
      if ((System.nanoTime() - start) > TimeUnit.SECONDS.toNanos(2) && anyFileHas(folder, marker)) return;
      Thread.sleep(1);
    }
    throw new IllegalStateException(uid + " '" + summary + "' did not reach " + folder + " within 30 s");
  }

  private static boolean anyFileHas(Path folder, String marker) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".ics")).toList()) {
        if (Files.readString(f).contains(marker)) return true;
      }
    }
    return false;
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static String ms(long micros) {
    return String.format("%.0f ms", micros / 1000.0);
  }

  private static void row(String what, String value) {
    System.out.println("| " + what + " | " + value + " |");
  }
}
