package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Answer of {@code GET /sync/agents/{agent_id}/items?source_name=S&since=T&limit=N}: the agent's
 * current view of the master calendar its source {@code S} is a copy of.
 *
 * <p>{@code since=0} (or absent) lists every live item; {@code since=T} lists the items changed
 * after token {@code T}, tombstones included. Page with the returned {@code token} while
 * {@code more} is true. Tokens are opaque to the agent: store and send back.
 *
 * @param token pass as {@code since} to get what changed after this page
 * @param more whether more changes follow this page
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemListing(
    String agentId, String sourceName, String masterCalendarId, long token, boolean more, List<MasterItem> items) {
  public ItemListing {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
