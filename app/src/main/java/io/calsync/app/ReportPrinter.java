package io.calsync.app;

import io.calsync.core.model.Side;
import io.calsync.core.sync.SideCounts;
import io.calsync.core.sync.SyncAction;
import io.calsync.core.sync.SyncReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints a sync report the same way for {@code sync}, {@code conflicts resolve} and {@code demo}.
 */
final class ReportPrinter {

  private ReportPrinter() {}

  /** 1 when anything went wrong, 3 when manual conflicts wait, else 0. */
  static int exitCode(SyncReport report) {
    if (report.hasErrors()) {
      return CalsyncMain.EXIT_FAILURE;
    }
    return report.conflictsPending() > 0 ? CalsyncMain.EXIT_CONFLICTS : CalsyncMain.EXIT_OK;
  }

  /**
   * The plan (dry runs only), one summary line per side, each problem, and pending conflicts with
   * what to do about them.
   *
   * @param indent put before every line
   * @param stateHint words that follow-up commands need to find the same state DB
   */
  static void print(PrintWriter out, PairSync.Outcome outcome, String indent, String stateHint) {
    SyncReport r = outcome.report();
    if (r.dryRun()) {
      if (r.plan().isEmpty()) {
        out.println(indent + "dry run: nothing to do");
      } else {
        out.println(
            indent + "dry run: " + count(r.plan().size(), "action") + " planned, nothing written:");
        for (SyncAction action : r.plan()) {
          out.println(indent + "  " + action.describe());
        }
      }
    }
    if (r.dryRun()) {
      out.println(indent + planned("source", outcome.source(), r.plan(), Side.A));
      out.println(indent + planned("destination", outcome.destination(), r.plan(), Side.B));
    } else {
      out.println(indent + side("source", outcome.source(), r.source()));
      out.println(indent + side("destination", outcome.destination(), r.destination()));
      for (SyncAction action : r.plan()) { // calendar renames/recolors done (failed ones are problems)
        if (action instanceof SyncAction.UpdateMetadata
            && r.problems().stream().noneMatch(p -> p.startsWith(action.describe() + ": failed"))) {
          out.println(indent + action.describe());
        }
      }
    }
    for (String problem : r.problems()) {
      out.println(indent + "problem: " + problem);
    }
    if (r.conflictsPending() > 0) {
      out.println(
          indent
              + count(r.conflictsPending(), "conflict")
              + " pending: both versions are kept and neither side was overwritten.");
      out.println(
          indent
              + "  see them with:  calsync conflicts list"
              + stateHint
              + "\n"
              + indent
              + "  settle one with: calsync conflicts resolve ID --keep source|destination"
              + stateHint);
    }
    out.flush();
  }

  static String side(String label, String location, SideCounts c) {
    return "%s (%s): %d created, %d updated, %d deleted, %s, %s"
        .formatted(
            label,
            location,
            c.created(),
            c.updated(),
            c.deleted(),
            count(c.conflicts(), "conflict"),
            count(c.errors(), "error"));
  }

  /** What a dry run's plan would do to a side (the report's counts are all zero then). */
  static String planned(String label, String location, List<SyncAction> plan, Side side) {
    int created = 0;
    int updated = 0;
    int deleted = 0;
    for (SyncAction action : plan) {
      switch (action) {
        case SyncAction.Create c when c.target() == side -> created++;
        case SyncAction.Update u when u.target() == side -> updated++;
        case SyncAction.Delete d when d.target() == side -> deleted++;
        default -> {}
      }
    }
    return "%s (%s) would get: %d created, %d updated, %d deleted"
        .formatted(label, location, created, updated, deleted);
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
