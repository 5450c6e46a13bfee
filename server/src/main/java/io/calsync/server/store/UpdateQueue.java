package io.calsync.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The per-agent durable update queues. */
public interface UpdateQueue {
  /** One queued update; {@code payloadJson} is the {@code data} object sent to the agent. */
  record Update(
      String id,
      String agentId,
      String type,
      String payloadJson,
      Instant createdAt,
      int attempts,
      int deliveries,
      UpdateState state,
      Instant nextAttemptAt,
      Instant deliveredAt,
      Instant processedAt,
      String result) {

    public Update withOutcome(UpdateState newState, int newAttempts, Instant next, Instant processed, String message) {
      return new Update(id, agentId, type, payloadJson, createdAt, newAttempts, deliveries, newState, next,
          deliveredAt, processed, message);
    }
  }

  /** Appends a pending update for {@code agentId}, due at once. */
  Update enqueue(String id, String agentId, String type, String payloadJson, Instant now);

  /**
   * The open updates of {@code agentId} that are due at {@code now}, oldest first, marked delivered.
   */
  List<Update> deliver(String agentId, Instant now, int limit);

  /** The earliest {@code next_attempt_at} after {@code now} among the agent's open updates. */
  Optional<Instant> nextDue(String agentId, Instant now);

  Optional<Update> find(String updateId);

  /** Writes state, attempts, next_attempt_at, processed_at and result of {@code update}. */
  void saveOutcome(Update update);

  /** Number of open (pending or delivered) updates of the agent. */
  int countOpen(String agentId);

  /** Number of open updates per agent. */
  Map<String, Integer> countOpenByAgent();

  /** Number of updates per state (every state present, zero if none). */
  Map<UpdateState, Integer> countByState();

  List<Update> inState(UpdateState state, int limit);

  /** The agent's updates, newest first. */
  List<Update> history(String agentId, int limit);

  /** Deletes processed and rejected updates finished before {@code cutoff}; returns how many. */
  int purgeFinishedBefore(Instant cutoff);
}
