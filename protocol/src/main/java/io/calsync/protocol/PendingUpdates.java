package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Answer of {@code GET /sync/agents/{agent_id}/pending-updates}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PendingUpdates(String agentId, List<QueuedUpdate> updates) {
  public PendingUpdates {
    updates = updates == null ? List.of() : List.copyOf(updates);
  }
}
