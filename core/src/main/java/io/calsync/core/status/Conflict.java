package io.calsync.core.status;

import io.calsync.core.model.Side;
import java.time.Instant;
import java.util.Objects;

/**
 * A manual conflict: both sides changed the same item differently and the strategy is {@code
 * manual}. Both versions are kept; neither side is overwritten until a person picks one.
 *
 * @param id stable id users type into {@code calsync conflicts resolve}
 * @param uid the item's UID
 * @param summary SUMMARY of one of the versions, for listings
 * @param detectedAt when the engine first saw the conflict
 * @param a the source's version
 * @param b the destination's version
 * @param resolution the side whose version wins, or null while pending
 * @param resolvedAt when the resolution was chosen, or null
 */
public record Conflict(
    String id,
    String uid,
    String summary,
    Instant detectedAt,
    ConflictVersion a,
    ConflictVersion b,
    Side resolution,
    Instant resolvedAt) {

  public Conflict {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
  }

  public boolean isPending() {
    return resolution == null;
  }

  public ConflictVersion version(Side side) {
    return side == Side.A ? a : b;
  }

  public Conflict resolvedBy(Side winner, Instant at) {
    return new Conflict(id, uid, summary, detectedAt, a, b, winner, at);
  }
}
