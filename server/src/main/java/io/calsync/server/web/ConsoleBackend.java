package io.calsync.server.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard reads from and asks of the master. The master implements it over the same
 * services its REST API uses, so an action here (a rename, a retry, a resolution) takes exactly
 * the path of the matching API call. Actions throw {@link ActionRefused} with a message for the
 * user when the master refuses them.
 */
public interface ConsoleBackend {

  /** Who may use the dashboard, and how. */
  enum Role {
    /** Sees and changes everything. */
    ADMIN,
    /** Sees everything, changes nothing. */
    READ
  }

  /** A credential the master accepted for the dashboard; {@code name} never contains the secret. */
  record SignIn(String name, Role role) {}

  /**
   * @param status {@code active}, {@code stale} or {@code offline}
   * @param sources "source name → master calendar name" for each source the agent announced
   */
  record AgentRow(String id, String name, String status, Instant lastCheckIn, int pendingUpdates,
      int deadLetters, List<String> sources) {}

  /**
   * @param sources "agent / source" for each agent source holding the calendar
   * @param openUpdates updates for this calendar still waiting for an agent's ack (0: synced)
   */
  record CalendarRow(String id, String name, String color, List<String> sources, int openUpdates) {
    public boolean synced() {
      return openUpdates == 0;
    }
  }

  record DeadLetter(String id, String type, Instant createdAt, int attempts, String lastError) {}

  record QueueRow(String agentId, int pendingUpdates, List<DeadLetter> deadLetters) {}

  /**
   * An open conflict: the master's version and the concurrent incoming one, each as its iCalendar
   * text (null when that side is a deletion).
   */
  record ConflictRow(String id, String calendarId, String uid, String agentId, String sourceName,
      Instant createdAt, Long masterVersion, String masterIcs, String incomingIcs) {}

  record ActivityRow(Instant at, String kind, String agentId, String calendarId, String message) {}

  /** Checks a credential typed on the login page; empty when the master refuses it. */
  Optional<SignIn> signIn(String credential);

  /**
   * Records {@code who} as the caller of this request, so the master's audit trail names the
   * dashboard user behind a change (the session cookie is no credential the API knows).
   */
  void attribute(io.javalin.http.Context ctx, SignIn who);

  /** Whether the master asks for credentials at all ({@code AUTH_ENABLED}). */
  boolean authEnabled();

  List<AgentRow> agents();

  List<CalendarRow> calendars();

  List<QueueRow> queues();

  List<ConflictRow> openConflicts();

  /** Newest first. */
  List<ActivityRow> recentActivity(int limit);

  /**
   * Renames and/or recolours a calendar the way {@code PUT /calendars/{id}} does; a null argument
   * is left as it is.
   *
   * @return how many {@code calendar_metadata} updates were queued for the agents
   */
  int updateCalendar(String calendarId, String name, String color);

  void retryDeadLetter(String agentId, String updateId);

  /** Gives up on a dead update for good: it is marked rejected, and retention purges it later. */
  void discardDeadLetter(String agentId, String updateId);

  /** @return how many finished updates were purged */
  int cleanupQueues();

  /** @param resolution {@code source_wins} (the incoming version) or {@code destination_wins} (the master's) */
  void resolveConflict(String conflictId, String resolution);
}
