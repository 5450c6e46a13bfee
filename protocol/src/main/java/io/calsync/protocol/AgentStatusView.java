package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One agent in {@code GET /sync/agents/status} and {@code GET /sync/agents/{agent_id}/status}.
 *
 * @param status {@code active}, {@code stale} or {@code offline}, from {@code last_check_in}
 *     against {@code SYNC_INTERVAL_MINUTES}
 * @param pendingUpdates how many updates wait for the agent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentStatusView(
    String agentId,
    String name,
    String environment,
    String status,
    Instant registeredAt,
    Instant lastCheckIn,
    int pendingUpdates,
    int calendarSources) {}
