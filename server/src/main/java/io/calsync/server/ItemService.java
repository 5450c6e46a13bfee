package io.calsync.server;

import io.calsync.core.sync.ConflictStrategy;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.ItemChange;
import io.calsync.protocol.ItemListing;
import io.calsync.protocol.ItemOutcome;
import io.calsync.protocol.ItemUpload;
import io.calsync.protocol.ItemUploadResult;
import io.calsync.protocol.MasterItem;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.SourceMapping;
import io.calsync.server.store.ConflictRepository;
import io.calsync.server.store.ConflictRepository.Conflict;
import io.calsync.server.store.ItemRepository;
import io.calsync.server.store.ItemRepository.StoredItem;
import io.calsync.server.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The master's side of event sync (docs/protocol.md): applies item changes by the decision table
 * and conflict strategies, and lists what changed since a token.
 *
 * <p>Every change runs in its own transaction together with the {@code event_update}s it queues,
 * so a change is either stored and fanned out, or not at all.
 *
 * <p>For the destination sync:
 *
 * <ul>
 *   <li>{@link #applyFromDestination(String, ItemChange)} applies a change read from the
 *       destination: the same rules as an upload, fanned out to every agent holder.
 *   <li>{@link #changesSince(String, long, int)} reads a calendar's items changed after a token.
 *   <li>{@link #addChangeListener(Consumer)} is told the calendar id after every committed new
 *       version (from any origin, the destination's own included: compare
 *       {@link StoredItem#originKind()}).
 * </ul>
 */
public final class ItemService {
  /** Most changes in one upload (docs/protocol.md). */
  public static final int MAX_CHANGES_PER_UPLOAD = 1000;
  /** Page size of a listing when none is asked for. */
  public static final int DEFAULT_PAGE = 500;
  /** Largest page of a listing. */
  public static final int MAX_PAGE = 5000;

  /**
   * One page of a calendar's changes.
   *
   * @param items oldest change first
   * @param token pass as {@code since} to read what changed after this page
   * @param more whether more changes follow this page
   */
  public record ItemPage(List<StoredItem> items, long token, boolean more) {}

  private final Transactions tx;
  private final CalendarRepository calendars;
  private final ItemRepository items;
  private final ConflictRepository conflicts;
  private final ItemWriter writer;
  private final ActivityLog activity;
  private final Clock clock;
  private final ServerConfig config;

  ItemService(Transactions tx, CalendarRepository calendars, ItemRepository items, ConflictRepository conflicts,
      ItemWriter writer, ActivityLog activity, Clock clock, ServerConfig config) {
    this.tx = tx;
    this.calendars = calendars;
    this.items = items;
    this.conflicts = conflicts;
    this.writer = writer;
    this.activity = activity;
    this.clock = clock;
    this.config = config;
  }

  /**
   * Calls {@code listener} with the master calendar id after each new item version commits. It
   * runs on the writing thread after the store lock is released; keep it short (wake a worker).
   */
  public void addChangeListener(Consumer<String> listener) {
    writer.addListener(version -> listener.accept(version.calendarId()));
  }

  /**
   * Like {@link #addChangeListener} with the new version itself, so a listener can tell where it
   * came from ({@link StoredItem#originKind()}).
   */
  public void addVersionListener(Consumer<StoredItem> listener) {
    writer.addListener(listener);
  }

  /** The master's current version of one item (a tombstone included), if it ever had the UID. */
  public java.util.Optional<StoredItem> current(String calendarId, String uid) {
    return items.find(calendarId, uid);
  }

  // ---- agents --------------------------------------------------------------------------------

  /** {@code POST /sync/agents/{agent_id}/items}: applies a batch of one source's changes in order. */
  ItemUploadResult upload(String agentId, ItemUpload upload) {
    if (upload.changes().size() > MAX_CHANGES_PER_UPLOAD) {
      throw new ApiException(413, "Content Too Large", "at most " + MAX_CHANGES_PER_UPLOAD
          + " changes per upload (got " + upload.changes().size() + "): send smaller batches", "changes");
    }
    SourceMapping source = requireSource(agentId, upload.sourceName());
    ConflictStrategy strategy = strategyOf(source);
    Origin origin = Origin.agent(agentId, source.sourceName());
    List<ItemOutcome> outcomes = new ArrayList<>(upload.changes().size());
    int queued = 0;
    for (ItemChange change : upload.changes()) {
      Applied a = apply(source.calendarId(), change, origin, strategy);
      outcomes.add(a.outcome());
      queued += a.updatesQueued();
    }
    return new ItemUploadResult(agentId, source.sourceName(), source.calendarId(), outcomes, queued);
  }

  /** {@code GET /sync/agents/{agent_id}/items}: the source's view of its master calendar. */
  ItemListing listing(String agentId, String sourceName, long since, int limit) {
    SourceMapping source = requireSource(agentId, sourceName);
    ItemPage page = changesSince(source.calendarId(), since, limit);
    return new ItemListing(agentId, source.sourceName(), source.calendarId(), page.token(), page.more(),
        page.items().stream().map(ItemService::wire).toList());
  }

  /** The agent's announced source; 404 naming it when the agent never announced it. */
  SourceMapping requireSource(String agentId, String sourceName) {
    if (sourceName == null || sourceName.isBlank()) {
      throw ApiException.badRequest("source_name", "source_name is required");
    }
    return calendars.findSource(agentId, sourceName).orElseThrow(() -> ApiException.notFound("agent '" + agentId
        + "' has no calendar source '" + SyncService.abbreviate(sourceName)
        + "' (announce it in the heartbeat's calendar_sources first)"));
  }

  // ---- destination and admin -------------------------------------------------------------------

  /**
   * Applies one change read from the destination calendar by the same rules as an upload, with
   * {@code CONFLICT_RESOLUTION} seen from the destination's side ({@code destination_wins} lets
   * the destination's change win, {@code source_wins} keeps the agents' version). The new
   * version is queued for every agent holder with {@code allow_event_updates}.
   *
   * @throws ApiException 404 when the calendar does not exist
   */
  public ItemOutcome applyFromDestination(String calendarId, ItemChange change) {
    calendars.find(calendarId).orElseThrow(() -> ApiException.notFound("unknown calendar '" + calendarId + "'"));
    return apply(calendarId, change, Origin.destination(), fromDestinationSide(config.conflictResolution())).outcome();
  }

  /**
   * Applies one change written by a CalDAV client of {@code /dav/} by the same rules as the
   * destination's: {@code base_version} is the version the client's If-Match named (or the current
   * one for a plain overwrite), and a concurrent change is settled by {@code CONFLICT_RESOLUTION}
   * seen from the client's side, like the destination's. Joins the caller's transaction, so the
   * caller can store what belongs with it (the client's resource name) atomically.
   *
   * @throws ApiException 404 when the calendar does not exist
   */
  public ItemOutcome applyFromDav(String calendarId, ItemChange change) {
    calendars.find(calendarId).orElseThrow(() -> ApiException.notFound("unknown calendar '" + calendarId + "'"));
    return apply(calendarId, change, Origin.dav(), fromDestinationSide(config.conflictResolution())).outcome();
  }

  /** The calendar's most recent change (a tombstone included), if it ever had one. */
  public java.util.Optional<StoredItem> lastChange(String calendarId) {
    return tx.inTransaction(c -> {
      long last = items.lastSeq(calendarId);
      if (last == 0) return java.util.Optional.<StoredItem>empty();
      return items.changedSince(calendarId, last - 1, true, 1).stream().findFirst();
    });
  }

  /**
   * The calendar's items changed after {@code since}, oldest change first. {@code since = 0}
   * lists live items only (a first view); {@code since > 0} includes tombstones.
   *
   * @param limit 1 to {@link #MAX_PAGE}
   */
  public ItemPage changesSince(String calendarId, long since, int limit) {
    if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
    return tx.inTransaction(c -> {
      List<StoredItem> rows = items.changedSince(calendarId, since, since > 0, limit + 1);
      if (rows.size() > limit) {
        List<StoredItem> page = List.copyOf(rows.subList(0, limit));
        return new ItemPage(page, page.get(limit - 1).seq(), true);
      }
      // the whole rest was read in this transaction, so nothing up to the calendar's last change is missed
      return new ItemPage(rows, Math.max(since, items.lastSeq(calendarId)), false);
    });
  }

  static MasterItem wire(StoredItem i) {
    return new MasterItem(i.uid(), i.version(), i.deleted(), i.ics(), i.contentHash());
  }

  // ---- deciding ------------------------------------------------------------------------------

  private record Applied(ItemOutcome outcome, int updatesQueued) {}

  private Applied apply(String calendarId, ItemChange change, Origin origin, ConflictStrategy strategy) {
    IncomingChange in;
    try {
      in = ItemChangeValidator.validate(change);
    } catch (ItemChangeValidator.Rejected e) {
      String uid = change == null ? null : change.uid();
      return new Applied(new ItemOutcome(uid, ItemOutcome.REJECTED, null, null, null, null, e.getMessage()), 0);
    }
    return tx.inTransaction(c -> {
      StoredItem current = items.find(calendarId, in.uid()).orElse(null);
      return switch (ItemDecision.decide(current(current), in, strategy)) {
        case APPLY -> {
          var w = writer.write(calendarId, in.uid(), in.ics(), in.contentHash(), current, origin);
          yield new Applied(outcome(in, ItemOutcome.APPLIED, w.item().version()), w.updatesQueued());
        }
        case UNCHANGED -> new Applied(outcome(in, ItemOutcome.UNCHANGED, current == null ? null : current.version()), 0);
        case SUPERSEDE -> new Applied(new ItemOutcome(in.uid(), ItemOutcome.SUPERSEDED, current.version(), current.ics(),
            current.deleted() ? Boolean.TRUE : null, null, "concurrent change; " + strategy.configName()
                + " kept the master's version " + current.version()), 0);
        case CONFLICT -> new Applied(conflict(calendarId, in, current, origin, strategy), 0);
      };
    });
  }

  private static ItemOutcome outcome(IncomingChange in, String outcome, Long version) {
    return new ItemOutcome(in.uid(), outcome, version, null, null, null, null);
  }

  private static ItemDecision.Current current(StoredItem item) {
    if (item == null) return ItemDecision.Current.NONE;
    if (item.deleted()) return new ItemDecision.Current(item.version(), true, null);
    return new ItemDecision.Current(item.version(), false, IcalCodec.parseItem(item.ics(), "uid " + item.uid()));
  }

  /** Keeps both versions in a conflict record (one per distinct concurrent change). */
  private ItemOutcome conflict(String calendarId, IncomingChange in, StoredItem current, Origin origin,
      ConflictStrategy strategy) {
    Conflict k = conflicts.findOpen(calendarId, in.uid(), origin.agentId(), origin.sourceName(), in.isDelete(),
        in.contentHash()).orElse(null);
    if (k == null) {
      Instant now = clock.instant();
      k = new Conflict("cf-" + QueueService.newId(), calendarId, in.uid(), true, strategy.configName(),
          in.baseVersion(), current.version(), current.deleted(), current.ics(), in.isDelete(), in.ics(),
          in.contentHash(), origin.kind(), origin.agentId(), origin.sourceName(), now, null, null, null);
      conflicts.insert(k);
      activity.record(now, "conflict_detected", origin.agentId(), calendarId, null, "conflict " + k.id() + " on item "
          + SyncService.abbreviate(in.uid()) + ": " + origin.describe() + " changed version "
          + (in.baseVersion() == null ? "(none)" : in.baseVersion()) + ", the master has version " + current.version());
    }
    return new ItemOutcome(in.uid(), ItemOutcome.CONFLICT, null, null, null, k.id(),
        "concurrent change kept for manual resolution (GET /sync/conflicts/" + k.id() + ")");
  }

  private ConflictStrategy strategyOf(SourceMapping source) {
    // heartbeats validate conflict_resolution, so a stored value parses
    return source.conflictResolution() == null ? config.conflictResolution()
        : ConflictStrategy.parse(source.conflictResolution());
  }

  /** The strategy names who wins between the agents' sources and the destination. */
  private static ConflictStrategy fromDestinationSide(ConflictStrategy s) {
    return switch (s) {
      case SOURCE_WINS -> ConflictStrategy.DESTINATION_WINS;
      case DESTINATION_WINS -> ConflictStrategy.SOURCE_WINS;
      case LATEST_WINS, MANUAL -> s;
    };
  }
}
