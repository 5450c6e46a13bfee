package io.calsync.core.sync;

/**
 * Progress of a sync run, for the CLI (a bar on a terminal, log lines otherwise). Every method
 * has an empty default, so a listener overrides only what it shows. Calls never overlap, but while
 * both sides are read they come from the two threads reading them.
 */
public interface SyncListener {

  /**
   * A new phase began, e.g. "listing source", "fetching 120 changed items from destination",
   * "applying 37 changes".
   */
  default void phase(String description) {}

  /** Progress within the current phase. */
  default void progress(long done, long total) {}

  /**
   * One planned action was dealt with.
   *
   * @param outcome "ok", "failed: …", "skipped (dry run)"
   */
  default void applied(SyncAction action, String outcome) {}

  /** A listener that shows nothing. */
  static SyncListener silent() {
    return Silent.INSTANCE;
  }
}

enum Silent implements SyncListener {
  INSTANCE
}
