package io.calsync.server;

import io.calsync.core.sync.SideCounts;
import io.calsync.core.sync.SyncReport;
import io.calsync.server.store.ActivityLog;
import java.time.Instant;

/** Describes what a destination sync run wrote, for the activity log and the status page. */
final class SideCountsText {
  private SideCountsText() {}

  /** {@code "destination: 1 created, 2 updated, 0 deleted; master: …"}. */
  static String describe(SyncReport r) {
    return "destination: " + counts(r.destination()) + "; master: " + counts(r.source())
        + (r.problems().isEmpty() ? "" : "; " + r.problems().size() + " problems");
  }

  /** One activity entry when the run wrote to the destination (the master's writes log themselves). */
  static void recordWrites(ActivityLog activity, Instant at, String calendarId, SyncReport r) {
    SideCounts d = r.destination();
    if (d.created() + d.updated() + d.deleted() == 0) return;
    activity.record(at, "destination_write", null, calendarId, null, "destination sync wrote "
        + counts(d));
  }

  private static String counts(SideCounts c) {
    return c.created() + " created, " + c.updated() + " updated, " + c.deleted() + " deleted"
        + (c.errors() > 0 ? ", " + c.errors() + " errors" : "");
  }
}
