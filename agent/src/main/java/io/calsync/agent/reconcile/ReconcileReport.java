package io.calsync.agent.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * What one reconcile of a source did, for the log.
 *
 * @param written master versions written locally (created or updated)
 * @param deletedLocally master deletions carried out locally
 * @param linked local items found identical to the master's on first contact (no write)
 * @param uploaded changes sent to the master
 * @param applied uploads the master took ({@code applied})
 * @param unchanged uploads the master already had
 * @param superseded uploads the master overruled (its version written here)
 * @param conflicts uploads parked as conflicts
 * @param rejected uploads the master refused
 * @param heldBack local items kept from the master by sync_filters
 * @param heldDeletes local deletions kept back because the source suddenly lists nothing
 */
public record ReconcileReport(
    int written,
    int deletedLocally,
    int linked,
    int uploaded,
    int applied,
    int unchanged,
    int superseded,
    int conflicts,
    int rejected,
    int heldBack,
    int heldDeletes) {

  /** Whether anything moved either way. */
  public boolean isQuiet() {
    return written + deletedLocally + linked + uploaded + heldDeletes == 0;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    add(parts, written, "written locally");
    add(parts, deletedLocally, "deleted locally");
    add(parts, linked, "linked (identical)");
    add(parts, uploaded, "uploaded");
    add(parts, applied, "applied");
    add(parts, unchanged, "unchanged");
    add(parts, superseded, "superseded by the master");
    add(parts, conflicts, "conflicts");
    add(parts, rejected, "rejected");
    add(parts, heldBack, "held back by sync_filters");
    add(parts, heldDeletes, "deletions held back");
    return parts.isEmpty() ? "nothing to do" : String.join(", ", parts);
  }

  private static void add(List<String> parts, int n, String what) {
    if (n > 0) {
      parts.add(n + " " + what);
    }
  }
}
