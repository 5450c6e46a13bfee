package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Answer of {@code POST /sync/agents/{agent_id}/items}: one outcome per change, in the order sent.
 *
 * @param masterCalendarId the master calendar the source is a copy of
 * @param updatesQueued how many {@code event_update}s the batch queued for other holders
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemUploadResult(
    String agentId, String sourceName, String masterCalendarId, List<ItemOutcome> results, int updatesQueued) {
  public ItemUploadResult {
    results = results == null ? List.of() : List.copyOf(results);
  }
}
