package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Answer of the heartbeat.
 *
 * @param status {@code ok}
 * @param agentId the agent
 * @param serverTime the master's clock, so agents can spot skew
 * @param protocolVersion {@link ProtocolVersion#CURRENT}
 * @param bidirectionalSync whether the master pushes updates ({@code ENABLE_BIDIRECTIONAL_SYNC})
 * @param pendingCount how many updates wait for this agent
 * @param pendingUpdates those updates, exactly as {@code pending-updates} returns them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeartbeatResponse(
    String status,
    String agentId,
    Instant serverTime,
    String protocolVersion,
    boolean bidirectionalSync,
    int pendingCount,
    List<QueuedUpdate> pendingUpdates) {}
