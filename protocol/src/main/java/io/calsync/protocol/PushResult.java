package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Answer of every call that queues updates.
 *
 * @param updatesQueued how many updates were queued (one per agent)
 * @param agents the agents they were queued for
 * @param updateIds the ids of the queued updates
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PushResult(String status, int updatesQueued, List<String> agents, List<String> updateIds) {}
