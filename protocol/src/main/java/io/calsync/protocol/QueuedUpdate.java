package io.calsync.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Optional;

/**
 * One update waiting in an agent's queue, as delivered by {@code pending-updates} and the
 * heartbeat. Delivery is at least once: apply idempotently (the {@code id} is stable), then ack it
 * with {@code POST /sync/agents/{agent_id}/updates/{id}/processed}.
 *
 * @param id the update id, stable across redeliveries
 * @param type the wire name of an {@link UpdateType}; kept as text so an older agent can skip (and
 *     reject) a type it does not know instead of failing the whole batch
 * @param data the type-specific payload (see {@link UpdateType})
 * @param createdAt when the master queued it
 * @param attempts failed processing attempts reported so far
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueuedUpdate(String id, String type, JsonNode data, Instant createdAt, int attempts) {
  /** The type, if this build knows it. */
  public Optional<UpdateType> knownType() {
    return UpdateType.find(type);
  }
}
