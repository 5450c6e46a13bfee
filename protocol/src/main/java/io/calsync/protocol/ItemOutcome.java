package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the master did with one uploaded {@link ItemChange}. The agent records {@code version} as the
 * new base of the UID in every case but {@code conflict} and {@code rejected}.
 *
 * <ul>
 *   <li>{@code applied}: the change is the master's new current version {@code version}; it was
 *       queued as {@code event_update} for every other holder of the calendar (never for the
 *       uploader) and for the destination.
 *   <li>{@code unchanged}: the master already had this content (a repeated upload, or both sides
 *       made the same edit); {@code version} is the current version.
 *   <li>{@code superseded}: the change was concurrent and the conflict strategy kept the master's
 *       version: the agent must write {@code ics} locally (or delete the item when
 *       {@code deleted}) and take {@code version} as its base.
 *   <li>{@code conflict}: concurrent under {@code manual}: both versions are stored in conflict
 *       {@code conflict_id}, nothing is overwritten; when resolved, the result reaches the agent as
 *       an ordinary {@code event_update}. The agent must not re-upload the same content.
 *   <li>{@code rejected}: invalid (bad ICS, UID mismatch, unknown action…), with {@code message}.
 * </ul>
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemOutcome(
    String uid, String outcome, Long version, String ics, Boolean deleted, String conflictId, String message) {
  public static final String APPLIED = "applied";
  public static final String UNCHANGED = "unchanged";
  public static final String SUPERSEDED = "superseded";
  public static final String CONFLICT = "conflict";
  public static final String REJECTED = "rejected";

  public boolean isDeleted() {
    return Boolean.TRUE.equals(deleted);
  }
}
