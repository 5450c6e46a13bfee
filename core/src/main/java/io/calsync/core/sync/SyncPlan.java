package io.calsync.core.sync;

import io.calsync.core.model.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * What the planner decided.
 *
 * @param actions the steps to take: item actions in UID order, then the calendar metadata ones
 * @param problems things left alone and why (unreadable, duplicate UIDs, writes a read-only side
 *     refused, calendar metadata that could not be synced)
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

  /** This plan, then {@code next}'s actions and problems; counts add up. */
  public SyncPlan followedBy(SyncPlan next) {
    List<SyncAction> all = new ArrayList<>(actions);
    all.addAll(next.actions);
    List<String> allProblems = new ArrayList<>(problems);
    allProblems.addAll(next.problems);
    return new SyncPlan(
        all, allProblems, conflictsPending + next.conflictsPending, errorsA + next.errorsA,
        errorsB + next.errorsB);
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }
}
