package io.calsync.app;

import io.calsync.core.sync.SyncAction;
import io.calsync.core.sync.SyncListener;
import java.io.Console;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Shows a long sync's progress on stderr: on a terminal a one-line bar redrawn with {@code \r};
 * otherwise (a log, a pipe) a line at most every 2 seconds. Short runs show nothing. Optionally
 * prints every change as it is applied (bookkeeping actions such as recording a status are left
 * out).
 */
final class ProgressReporter implements SyncListener, AutoCloseable {

  private static final long MILLI = 1_000_000L;
  private static final long BAR_AFTER = 300 * MILLI;
  private static final long BAR_EVERY = 100 * MILLI;
  private static final long LOG_EVERY = 2_000 * MILLI;
  private static final int BAR_CELLS = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final PrintWriter actions;
  private final String indent;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastShown;
  private String phase = "syncing";
  private int barLength;

  /**
   * @param actions where to print each applied change, or null for none
   * @param indent put before each printed change
   */
  ProgressReporter(
      PrintWriter err,
      boolean terminal,
      PrintWriter actions,
      String indent,
      LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.actions = actions;
    this.indent = indent;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.lastShown = start;
  }

  /** For the process's own stderr: a bar when it is a terminal. */
  static ProgressReporter forConsole(PrintWriter err, PrintWriter actions, String indent) {
    return new ProgressReporter(err, isTerminal(), actions, indent, System::nanoTime);
  }

  @Override
  public void phase(String description) {
    phase = description;
  }

  @Override
  public void progress(long done, long total) {
    long now = nanoTime.getAsLong();
    if (terminal) {
      if (now - start < BAR_AFTER || (now - lastShown < BAR_EVERY && done < total)) {
        return;
      }
      drawBar(done, total);
    } else {
      if (now - lastShown < LOG_EVERY) {
        return;
      }
      err.println("calsync: " + phase + ": " + done + "/" + total);
      err.flush();
    }
    lastShown = now;
  }

  @Override
  public void applied(SyncAction action, String outcome) {
    if (actions == null || !changesSomething(action)) {
      return;
    }
    clearBar();
    actions.println(
        indent + action.describe() + ("ok".equals(outcome) ? "" : " (" + outcome + ")"));
    actions.flush();
  }

  /** True for the actions a user cares to see: writes to a side and new conflicts. */
  static boolean changesSomething(SyncAction action) {
    return action instanceof SyncAction.Create
        || action instanceof SyncAction.Update
        || action instanceof SyncAction.Delete
        || action instanceof SyncAction.RecordConflict;
  }

  /** Removes the bar, if one is shown. */
  @Override
  public void close() {
    clearBar();
  }

  private void drawBar(long done, long total) {
    int filled = total <= 0 ? BAR_CELLS : (int) Math.min(BAR_CELLS, done * BAR_CELLS / total);
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    String line =
        "%s [%s%s] %d/%d %d%%"
            .formatted(
                phase, "#".repeat(filled), ".".repeat(BAR_CELLS - filled), done, total, percent);
    String pad = " ".repeat(Math.max(0, barLength - line.length()));
    err.print("\r" + line + pad);
    err.flush();
    barLength = line.length();
  }

  private void clearBar() {
    if (barLength > 0) {
      err.print("\r" + " ".repeat(barLength) + "\r");
      err.flush();
      barLength = 0;
    }
  }

  /**
   * True when stderr and stdout are a terminal. Since Java 22 {@link System#console()} also answers
   * when they are redirected; {@code Console.isTerminal()} (22+) then tells.
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a console exists only on a terminal
    }
  }
}
