package io.calsync.agent.config;

import java.util.List;
import java.util.OptionalInt;

/**
 * A source's {@code sync_filters}: which events it carries.
 *
 * @param eventTypes {@code event_types}; empty means every type
 * @param excludePrivate {@code exclude_private}; default false
 * @param dateRangeDays {@code date_range_days} (greater than 0), or empty for no limit
 */
public record SyncFilters(List<String> eventTypes, boolean excludePrivate, OptionalInt dateRangeDays) {
  public SyncFilters {
    eventTypes = List.copyOf(eventTypes);
  }

  /** No filtering. */
  public static final SyncFilters NONE = new SyncFilters(List.of(), false, OptionalInt.empty());
}
