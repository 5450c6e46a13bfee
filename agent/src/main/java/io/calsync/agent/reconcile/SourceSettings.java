package io.calsync.agent.reconcile;

import io.calsync.agent.config.SyncFilters;

/**
 * What one reconcile of a source needs to know of the configuration, as it is at that moment (a
 * {@code sync_config} update may change the batch size or the bidirectional flag live).
 *
 * @param name the source's {@code name}, its identity at the master
 * @param download whether master changes are brought here ({@code enable_bidirectional_sync});
 *     false makes the agent upload only
 * @param allowEventUpdates {@code allow_event_updates}: false never writes locally
 * @param allowMassDeletes {@code allow_mass_deletes}
 * @param filters {@code sync_filters}, applied on upload
 * @param batchSize {@code batch_size}: changes per upload request
 */
public record SourceSettings(
    String name,
    boolean download,
    boolean allowEventUpdates,
    boolean allowMassDeletes,
    SyncFilters filters,
    int batchSize) {}
