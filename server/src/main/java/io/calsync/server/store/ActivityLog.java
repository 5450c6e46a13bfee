package io.calsync.server.store;

import java.time.Instant;
import java.util.List;

/** What happened, for {@code /sync/activity/recent} and agent history, plus the audit trail. */
public interface ActivityLog {
  record Entry(long id, Instant at, String kind, String agentId, String calendarId, String updateId, String message) {}

  void record(Instant at, String kind, String agentId, String calendarId, String updateId, String message);

  /** Newest first. */
  List<Entry> recent(int limit);

  /** Newest first. */
  List<Entry> forAgent(String agentId, int limit);

  /** One audit row: who did what to which target, and whether it succeeded. Never a credential. */
  void audit(Instant at, String actor, String action, String target, int status, String remote);

  /** Number of audit rows, for tests and health. */
  int auditCount();
}
