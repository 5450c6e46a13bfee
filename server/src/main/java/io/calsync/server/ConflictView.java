package io.calsync.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A conflict as the API shows it: both versions with a summary a person can choose from.
 *
 * @param state {@code open} or {@code resolved}
 * @param master the master's version when the conflict was detected
 * @param incoming the concurrent change that was kept aside
 * @param resolution {@code source_wins} (the incoming version), {@code destination_wins} (the
 *     master's) or {@code merged}, once resolved
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ConflictView(
    String id,
    String calendarId,
    String uid,
    String state,
    String strategy,
    Long baseVersion,
    String origin,
    String agentId,
    String sourceName,
    Instant createdAt,
    Instant resolvedAt,
    String resolution,
    Long resolvedVersion,
    Side master,
    Side incoming) {

  /**
   * One side of a conflict.
   *
   * @param version the master version (null for the incoming side)
   * @param title read from {@code ics}; null for a deletion
   * @param startTime ISO-8601 UTC (or a date for all-day items); null for a deletion or when unknown
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Side(Long version, boolean deleted, String title, String startTime, String endTime, String ics) {}
}
