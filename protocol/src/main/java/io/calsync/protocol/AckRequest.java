package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /sync/agents/{agent_id}/updates/{update_id}/processed}; an empty body means
 * success.
 *
 * @param success whether the agent applied the update (default true)
 * @param message what happened, for the history (e.g. the error)
 * @param retryable on failure, false means "do not retry" (e.g. permission denied): the update is
 *     rejected at once instead of being retried
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AckRequest(Boolean success, String message, Boolean retryable) {
  public boolean succeeded() {
    return success == null || success;
  }

  public boolean mayRetry() {
    return retryable == null || retryable;
  }
}
