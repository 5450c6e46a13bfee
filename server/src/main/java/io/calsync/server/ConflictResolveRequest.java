package io.calsync.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /sync/conflicts/{conflict_id}/resolve}: either a {@code resolution}
 * ({@code source_wins}: the uploaded version, {@code destination_wins}: the master's version) or
 * a merged {@code ics}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ConflictResolveRequest(String resolution, String ics) {}
