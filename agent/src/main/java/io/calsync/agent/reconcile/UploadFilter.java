package io.calsync.agent.reconcile;

import io.calsync.agent.config.SyncFilters;
import io.calsync.agent.state.Sharing;
import io.calsync.core.model.Item;
import io.calsync.ical.BusyBlock;
import io.calsync.ical.EventFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source's {@code sync_filters} applied to a local item on its way to the master.
 *
 * <ul>
 *   <li>{@code event_types}: the item must carry one of these CATEGORIES (case ignored).
 *   <li>{@code date_range_days}: the item must touch the window of that many days before and after
 *       now; a recurring item counts while its recurrence has not ended before the window.
 *   <li>{@code exclude_private}: a PRIVATE or CONFIDENTIAL item stays back, or, with {@code
 *       private_as_busy}, goes as a {@link BusyBlock}.
 * </ul>
 */
public final class UploadFilter {

  /** What goes to the master: how, and the item to send (null when held back). */
  public record Decision(Sharing sharing, Item upload) {
    static Decision heldBack() {
      return new Decision(Sharing.HELD_BACK, null);
    }
  }

  private final SyncFilters filters;
  private final Set<String> types;
  private final Clock clock;

  public UploadFilter(SyncFilters filters, Clock clock) {
    this.filters = filters;
    this.types = filters.eventTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.clock = clock;
  }

  public Decision decide(Item item) {
    if (!filters.filtersAnything()) {
      return new Decision(Sharing.FULL, item);
    }
    EventFacts facts = EventFacts.of(item);
    if (!types.isEmpty()
        && facts.categories().stream().noneMatch(c -> types.contains(c.toLowerCase(Locale.ROOT)))) {
      return Decision.heldBack();
    }
    if (filters.dateRangeDays().isPresent() && !inWindow(facts, filters.dateRangeDays().getAsInt())) {
      return Decision.heldBack();
    }
    if (filters.excludePrivate() && facts.isPrivate()) {
      return filters.privateAsBusy() ? new Decision(Sharing.BUSY, BusyBlock.of(item)) : Decision.heldBack();
    }
    return new Decision(Sharing.FULL, item);
  }

  private boolean inWindow(EventFacts facts, int days) {
    if (facts.start() == null) {
      return true; // no time to judge by (a VTODO without DTSTART): keep it rather than lose it
    }
    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofDays(days));
    Instant to = now.plus(Duration.ofDays(days));
    if (facts.start().isAfter(to)) {
      return false;
    }
    if (facts.recurring()) {
      return facts.recursUntil() == null || !facts.recursUntil().isBefore(from);
    }
    return !facts.end().isBefore(from);
  }
}
