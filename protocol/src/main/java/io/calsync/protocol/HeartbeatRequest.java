package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /sync/agents/{agent_id}/heartbeat}. Every field is optional; an absent
 * {@code calendar_sources} leaves the known sources as they are. {@code heartbeat_seconds} (how
 * often this agent checks in) lets the master tell a silent agent from an idle one within
 * seconds; without it the master judges by {@code SYNC_INTERVAL_MINUTES}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatRequest(
    String agentName,
    String environment,
    List<CalendarSource> calendarSources,
    Integer syncIntervalMinutes,
    Boolean enableBidirectionalSync,
    String protocolVersion,
    String agentVersion,
    Integer heartbeatSeconds) {

  /** The seed's fields only (no heartbeat interval). */
  public HeartbeatRequest(String agentName, String environment, List<CalendarSource> calendarSources,
      Integer syncIntervalMinutes, Boolean enableBidirectionalSync, String protocolVersion, String agentVersion) {
    this(agentName, environment, calendarSources, syncIntervalMinutes, enableBidirectionalSync, protocolVersion,
        agentVersion, null);
  }
}
