package io.calsync.agent.runtime;

import io.calsync.agent.config.CalendarSource;
import io.calsync.agent.reconcile.ReconcileReport;
import io.calsync.agent.reconcile.SourceReconciler;
import io.calsync.agent.reconcile.SourceSettings;
import java.lang.System.Logger.Level;

/**
 * Reconciles a source with the settings of the moment and logs what was applied, as the seed's
 * agent does ("Home: 2 written locally, 1 uploaded, 1 applied").
 */
public final class SourceSync {

  private static final System.Logger LOG = System.getLogger(SourceSync.class.getName());

  private final SourceReconciler reconciler;
  private final LiveSettings live;

  public SourceSync(SourceReconciler reconciler, LiveSettings live) {
    this.reconciler = reconciler;
    this.live = live;
  }

  /** One reconcile of {@code source}, waiting for any other work on it to finish first. */
  public ReconcileReport reconcile(LocalSource source, String why) {
    return reconcile(source, why, false);
  }

  /**
   * As {@link #reconcile(LocalSource, String)}; {@code full} lists the whole local storage instead
   * of asking it for its changes since the last sync token.
   */
  public ReconcileReport reconcile(LocalSource source, String why, boolean full) {
    SourceSettings settings = settingsOf(source.config());
    ReconcileReport report = source.withStorage(storage -> full
        ? reconciler.reconcileFully(settings, storage)
        : reconciler.reconcile(settings, storage));
    if (!report.isQuiet()) {
      LOG.log(Level.INFO, "{0} ({1}): {2}", source.name(), why, report);
    }
    return report;
  }

  SourceSettings settingsOf(CalendarSource c) {
    return new SourceSettings(c.name(), live.bidirectional(), c.allowEventUpdates(), c.allowMassDeletes(),
        c.syncFilters(), live.batchSize());
  }
}
