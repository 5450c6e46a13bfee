package io.calsync.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /sync/agents/{agent_id}/receive-updates}: one update for one agent. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DirectUpdateRequest(String type, JsonNode data) {}
