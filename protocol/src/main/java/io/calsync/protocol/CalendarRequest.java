package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /calendars} and {@code PUT /calendars/{calendar_id}}. For PUT a null field
 * means "leave as it is".
 *
 * @param agentId on POST, the agent to create the calendar on (queues {@code calendar_create}), or
 *     null for a master-only calendar
 * @param provider on POST with {@code agent_id}, the provider type to create it in
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalendarRequest(
    String id, String name, String color, String description, String agentId, String provider) {}
