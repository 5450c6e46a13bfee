package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /sync/agents/{agent_id}/items}: a batch (at most the agent's
 * {@code batch_size}, and at most 1,000) of changes of one source calendar. The body may be sent
 * with {@code Content-Encoding: gzip} ({@code enable_compression}).
 *
 * <p>The master applies the changes one by one, each in its own transaction together with the
 * queue entries it causes; a change that fails validation is answered {@code rejected} and does not
 * stop the others.
 *
 * @param sourceName the {@code name} of the calendar source in the agent's config (announced in its
 *     heartbeat's {@code calendar_sources})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemUpload(String sourceName, List<ItemChange> changes) {
  public ItemUpload {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
