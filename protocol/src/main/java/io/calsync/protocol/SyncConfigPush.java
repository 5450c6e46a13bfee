package io.calsync.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /sync/push/sync-config}.
 *
 * @param changes e.g. {@code sync_interval_minutes}, {@code enable_bidirectional_sync}
 * @param targetAgents the agents to send it to; null means every registered agent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncConfigPush(ObjectNode changes, List<String> targetAgents) {}
