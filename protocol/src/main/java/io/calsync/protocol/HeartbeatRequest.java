package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /sync/agents/{agent_id}/heartbeat}. Every field is optional; an absent
 * {@code calendar_sources} leaves the known sources as they are.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatRequest(
    String agentName,
    String environment,
    List<CalendarSource> calendarSources,
    Integer syncIntervalMinutes,
    Boolean enableBidirectionalSync,
    String protocolVersion,
    String agentVersion) {}
