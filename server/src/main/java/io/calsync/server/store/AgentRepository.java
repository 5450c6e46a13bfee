package io.calsync.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registered agents and their (hashed) secrets. */
public interface AgentRepository {
  /** A registered agent; {@code configJson} is its last reported settings (heartbeat body, calendar sources included; never credentials). */
  record Agent(
      String id,
      String name,
      String environment,
      Instant registeredAt,
      Instant lastCheckIn,
      String configJson,
      boolean hasSecret) {}

  /** What is stored of an agent's secret: a public lookup id, a salt and the hash. */
  record StoredSecret(String agentId, String secretId, String salt, String hash) {}

  Optional<Agent> find(String agentId);

  List<Agent> list();

  /** Creates the agent if it does not exist; returns true if it was created. */
  boolean createIfAbsent(String agentId, Instant now);

  /** Records a heartbeat: name, environment and config, and {@code last_check_in = now}. */
  void checkIn(String agentId, String name, String environment, String configJson, Instant now);

  /**
   * Moves {@code last_check_in} of known agents forward (never back), all in the caller's
   * transaction: the group-committed path of heartbeats that change nothing else.
   */
  void touch(Map<String, Instant> checkIns);

  /** Replaces the agent's secret. */
  void setSecret(String agentId, String secretId, String salt, String hash);

  Optional<StoredSecret> findSecret(String secretId);
}
