package io.calsync.core.sync;

import io.calsync.core.model.Side;
import java.util.List;

/**
 * What the planner decided.
 *
 * @param actions the steps to take, in UID order
 * @param problems things left alone and why (unreadable, duplicate UIDs, writes a read-only side
 *     refused)
 * @param conflictsPending manual conflicts still waiting for a person after this plan
 * @param errorsA items counted as errors on the source
 * @param errorsB items counted as errors on the destination
 */
public record SyncPlan(
    List<SyncAction> actions, List<String> problems, int conflictsPending, int errorsA, int errorsB) {

  public SyncPlan {
    actions = List.copyOf(actions);
    problems = List.copyOf(problems);
  }

  public int errors(Side side) {
    return side == Side.A ? errorsA : errorsB;
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }
}
