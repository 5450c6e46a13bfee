package io.calsync.core.sync;

/**
 * The run was stopped before anything was written because it looked like data loss: a side that
 * had items lists none, or the plan deletes more than the allowed share of a side. The message
 * says what would have happened, to which side, and that {@code --force-delete} overrides it.
 */
public final class SafetyStop extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SafetyStop(String message) {
    super(message);
  }
}
