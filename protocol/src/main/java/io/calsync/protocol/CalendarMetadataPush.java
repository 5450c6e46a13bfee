package io.calsync.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /sync/push/calendar-metadata}.
 *
 * @param calendarId the calendar (master id, or the provider id the agents know)
 * @param provider provider type the change is meant for, or null
 * @param changes the fields to change: {@code name}, {@code color}, {@code description}, …
 * @param targetAgents the agents to send it to; null means every agent holding the calendar
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalendarMetadataPush(
    String calendarId, String provider, ObjectNode changes, List<String> targetAgents) {}
