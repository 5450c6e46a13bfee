package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Answer of an ack.
 *
 * @param state the update's state afterwards: {@code processed}, {@code pending} (will be retried
 *     at {@code next_attempt_at}), {@code rejected} or {@code dead}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AckResponse(
    String agentId, String updateId, String state, int attempts, Instant nextAttemptAt) {}
