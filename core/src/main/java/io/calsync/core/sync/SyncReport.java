package io.calsync.core.sync;

import java.util.List;

/**
 * The outcome of one sync run.
 *
 * @param source what was done to the source (side A)
 * @param destination what was done to the destination (side B)
 * @param problems one human line per thing that went wrong or was left alone (unreadable
 *     items, duplicate UIDs, read-only sides, failed writes)
 * @param conflictsPending manual conflicts waiting for {@code calsync conflicts resolve}
 * @param plan the actions planned (all of them, also those that failed)
 * @param dryRun true when nothing was written
 */
public record SyncReport(
    SideCounts source,
    SideCounts destination,
    List<String> problems,
    int conflictsPending,
    List<SyncAction> plan,
    boolean dryRun) {

  public SyncReport {
    problems = List.copyOf(problems);
    plan = List.copyOf(plan);
  }

  /** True when something went wrong: a problem was reported or an item failed on a side. */
  public boolean hasErrors() {
    return !problems.isEmpty() || source.errors() > 0 || destination.errors() > 0;
  }
}
