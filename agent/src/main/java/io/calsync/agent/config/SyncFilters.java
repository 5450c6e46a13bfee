package io.calsync.agent.config;

import java.util.List;
import java.util.OptionalInt;

/**
 * A source's {@code sync_filters}: which events it carries.
 *
 * @param eventTypes {@code event_types}; empty means every type
 * @param excludePrivate {@code exclude_private}; default false
 * @param privateAsBusy {@code private_as_busy} (calsync's own), default false: with {@code
 *     exclude_private}, send a private or confidential event as a busy block (its times only,
 *     summary "Busy") instead of leaving it out
 * @param dateRangeDays {@code date_range_days} (greater than 0), or empty for no limit
 */
public record SyncFilters(
    List<String> eventTypes, boolean excludePrivate, boolean privateAsBusy, OptionalInt dateRangeDays) {
  public SyncFilters {
    eventTypes = List.copyOf(eventTypes);
  }

  /** The seed's three filters, private events left out. */
  public SyncFilters(List<String> eventTypes, boolean excludePrivate, OptionalInt dateRangeDays) {
    this(eventTypes, excludePrivate, false, dateRangeDays);
  }

  /** No filtering. */
  public static final SyncFilters NONE = new SyncFilters(List.of(), false, false, OptionalInt.empty());

  /** Whether any filter is set. */
  public boolean filtersAnything() {
    return !eventTypes.isEmpty() || excludePrivate || dateRangeDays.isPresent();
  }
}
