package io.calsync.server;

import io.calsync.core.model.Item;
import io.calsync.ical.EventTimes;
import io.calsync.ical.IcalCodec;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.ConflictRepository;
import io.calsync.server.store.ConflictRepository.Conflict;
import io.calsync.server.store.ConflictRepository.Resolution;
import io.calsync.server.store.ItemRepository;
import io.calsync.server.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Conflicts kept by the {@code manual} strategy: listing them and resolving one. A resolution
 * becomes the item's next version and goes to every holder, the uploader included (its copy still
 * has its own version, which the master did not take).
 */
final class ConflictService {
  private final Transactions tx;
  private final ConflictRepository conflicts;
  private final ItemRepository items;
  private final ItemWriter writer;
  private final ActivityLog activity;
  private final Clock clock;

  /** The resolved conflict, the version it became and how many updates it queued. */
  record Resolved(ConflictView conflict, long version, int updatesQueued) {}

  ConflictService(Transactions tx, ConflictRepository conflicts, ItemRepository items, ItemWriter writer,
      ActivityLog activity, Clock clock) {
    this.tx = tx;
    this.conflicts = conflicts;
    this.items = items;
    this.writer = writer;
    this.activity = activity;
    this.clock = clock;
  }

  /** Open conflicts (newest first), then recently resolved ones. */
  List<ConflictView> recent(int limit) {
    return conflicts.recent(limit).stream().map(ConflictService::view).toList();
  }

  ConflictView get(String id) {
    return view(require(id));
  }

  Resolved resolve(String id, ConflictResolveRequest req) {
    Choice choice = choice(req);
    return tx.inTransaction(c -> {
      Conflict k = require(id);
      if (!k.open()) {
        throw ApiException.conflict("conflict '" + id + "' was already resolved (" + k.resolution().wireName() + ", version "
            + k.resolvedVersion() + ")");
      }
      String ics = switch (choice.resolution()) {
        case SOURCE_WINS -> k.incomingDeleted() ? null : k.incomingIcs();
        case DESTINATION_WINS -> k.masterDeleted() ? null : k.masterIcs();
        case MERGED -> choice.mergedIcs();
      };
      String hash = ics == null ? null : checkedItem(k.uid(), ics).hash();
      var previous = items.find(k.calendarId(), k.uid()).orElse(null);
      var written = writer.write(k.calendarId(), k.uid(), ics, hash, previous, Origin.resolution());
      Instant now = clock.instant();
      Conflict done = k.resolved(now, choice.resolution(), written.item().version());
      conflicts.markResolved(done);
      activity.record(now, "conflict_resolved", k.agentId(), k.calendarId(), null, "conflict " + id + " resolved by "
          + choice.resolution().wireName() + " as version " + written.item().version());
      return new Resolved(view(done), written.item().version(), written.updatesQueued());
    });
  }

  private record Choice(Resolution resolution, String mergedIcs) {}

  private static Choice choice(ConflictResolveRequest req) {
    if (req == null || (req.resolution() == null) == (req.ics() == null)) {
      throw ApiException.badRequest("resolution",
          "give either resolution (source_wins or destination_wins) or ics (a merged version), not both");
    }
    if (req.ics() != null) return new Choice(Resolution.MERGED, req.ics());
    return switch (req.resolution()) {
      case "source_wins" -> new Choice(Resolution.SOURCE_WINS, null);
      case "destination_wins" -> new Choice(Resolution.DESTINATION_WINS, null);
      default -> throw ApiException.badRequest("resolution", "resolution must be source_wins or destination_wins (got '"
          + SyncService.abbreviate(req.resolution()) + "')");
    };
  }

  /** A merged text must be valid iCalendar holding the conflict's UID, like any upload. */
  private static Item checkedItem(String uid, String ics) {
    try {
      return ItemChangeValidator.parse(uid, ics);
    } catch (ItemChangeValidator.Rejected e) {
      throw ApiException.badRequest("ics", e.getMessage());
    }
  }

  private Conflict require(String id) {
    return conflicts.find(id).orElseThrow(() -> ApiException.notFound("unknown conflict '" + id + "'"));
  }

  private static ConflictView view(Conflict k) {
    return new ConflictView(k.id(), k.calendarId(), k.uid(), k.open() ? "open" : "resolved", k.strategy(),
        k.baseVersion(), k.originKind().wireName(), k.agentId(), k.sourceName(), k.createdAt(), k.resolvedAt(),
        k.resolution() == null ? null : k.resolution().wireName(), k.resolvedVersion(),
        side(k.masterVersion(), k.masterDeleted(), k.masterIcs(), k.uid()),
        side(null, k.incomingDeleted(), k.incomingIcs(), k.uid()));
  }

  private static ConflictView.Side side(Long version, boolean deleted, String ics, String uid) {
    if (deleted) return new ConflictView.Side(version, true, null, null, null, null);
    // both texts were validated before they were stored
    Item item = IcalCodec.parseItem(ics, "uid " + uid);
    EventTimes times = IcalCodec.eventTimes(ics, "uid " + uid);
    return new ConflictView.Side(version, false, item.summary(), times.start(), times.end(), ics);
  }
}
