package io.calsync.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.calsync.agent.config.CalendarSource;
import io.calsync.agent.master.MasterException;
import io.calsync.agent.reconcile.ReconcileReport;
import io.calsync.agent.state.AgentStateDb;
import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.MetadataChange;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.StorageException;
import io.calsync.protocol.AckRequest;
import io.calsync.protocol.QueuedUpdate;
import io.calsync.protocol.UpdateType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies one update pushed by the master and answers the ack to send: success, failure the
 * master should retry ({@code retryable}), or rejection ({@code retryable: false}) with the reason,
 * so a refused update is not retried for ever.
 *
 * <ul>
 *   <li>{@code event_update}: reconciles the source (idempotent: a repeated or late delivery finds
 *       nothing to do). Rejected where {@code allow_event_updates} is false or the agent runs
 *       one-way.
 *   <li>{@code calendar_metadata}: renames, recolours or re-describes the source's calendar through
 *       the storage, where {@code allow_metadata_updates} is true.
 *   <li>{@code calendar_create}, {@code calendar_delete}: through the account holding a source of
 *       that provider type (an ics folder's parent folder, a CalDAV home); a calendar this agent
 *       syncs is never deleted this way.
 *   <li>{@code sync_config}: changes the {@link LiveSettings}.
 * </ul>
 */
public final class UpdateApplier {

  private static final System.Logger LOG = System.getLogger(UpdateApplier.class.getName());

  private final List<LocalSource> sources;
  private final SourceSync sync;
  private final LiveSettings live;
  private final SourceOpener opener;
  private final AgentStateDb state;

  public UpdateApplier(List<LocalSource> sources, SourceSync sync, LiveSettings live, SourceOpener opener, AgentStateDb state) {
    this.sources = List.copyOf(sources);
    this.sync = sync;
    this.live = live;
    this.opener = opener;
    this.state = state;
  }

  public AckRequest apply(QueuedUpdate update) {
    JsonNode data = update.data() == null ? MissingNode.getInstance() : update.data();
    Optional<UpdateType> type = update.knownType();
    if (type.isEmpty()) {
      return rejected(update, "unknown update type '" + update.type() + "': this agent knows " + UpdateType.acceptedValues());
    }
    try {
      return switch (type.get()) {
        case EVENT_UPDATE -> eventUpdate(update, data);
        case CALENDAR_METADATA -> metadata(update, data);
        case CALENDAR_CREATE -> createCalendar(update, data);
        case CALENDAR_DELETE -> deleteCalendar(update, data);
        case SYNC_CONFIG -> syncConfig(update, data);
      };
    } catch (MasterException e) {
      return failed(update, e.getMessage(), e.isRetryable());
    } catch (StorageException e) {
      boolean retry = !(e instanceof StorageException.NotSupported
          || e instanceof StorageException.AccessDenied
          || e instanceof StorageException.InvalidConfiguration);
      return failed(update, e.getMessage(), retry);
    } catch (RuntimeException e) {
      return failed(update, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
    }
  }

  private AckRequest eventUpdate(QueuedUpdate update, JsonNode data) {
    Optional<LocalSource> source = find(data);
    if (source.isEmpty()) {
      return rejected(update, "no calendar source here for " + describe(data));
    }
    CalendarSource c = source.get().config();
    if (!c.allowEventUpdates()) {
      return rejected(update, "source " + c.name() + " does not take event updates (allow_event_updates: false)");
    }
    if (!live.bidirectional()) {
      return rejected(update, "bidirectional sync is disabled on this agent (enable_bidirectional_sync: false)");
    }
    ReconcileReport report = sync.reconcile(source.get(), "event_update " + text(data, "uid"));
    return succeeded(update, c.name() + ": " + report);
  }

  private AckRequest metadata(QueuedUpdate update, JsonNode data) {
    Optional<LocalSource> source = find(data);
    if (source.isEmpty()) {
      return rejected(update, "no calendar source here for " + describe(data));
    }
    CalendarSource c = source.get().config();
    if (!c.allowMetadataUpdates()) {
      return rejected(update, "source " + c.name() + " does not take metadata updates (allow_metadata_updates: false)");
    }
    JsonNode ch = data.path("changes");
    MetadataChange change = new MetadataChange(text(ch, "name"), text(ch, "color"), text(ch, "description"),
        text(ch, "time_zone"));
    if (change.isEmpty()) {
      return rejected(update, "calendar_metadata without name, color, description or time_zone");
    }
    try {
      source.get().withStorage(storage -> {
        storage.updateMetadata(change);
        storage.flush();
        return null;
      });
    } catch (StorageException.NotSupported e) {
      return rejected(update, "not supported yet: " + e.getMessage());
    }
    return succeeded(update, c.name() + ": metadata changed " + describeChange(change));
  }

  private AckRequest createCalendar(QueuedUpdate update, JsonNode data) {
    String provider = text(data, "provider");
    JsonNode cal = data.path("calendar");
    String name = text(cal, "name");
    if (name == null || name.isBlank()) {
      return rejected(update, "calendar_create without calendar.name");
    }
    Optional<LocalSource> holder = sourceOfType(provider);
    if (holder.isEmpty()) {
      return rejected(update, "not supported yet: creating a calendar of provider " + provider
          + " on this agent (it has no source of that type)");
    }
    try (CalendarAccount account = opener.openAccount(holder.get().config())) {
      String wish = Optional.ofNullable(text(cal, "id")).orElse(name);
      CalendarMeta made = account.createCalendar(
          new CalendarMeta(wish, name, text(cal, "color"), text(cal, "description"), text(cal, "time_zone"), false));
      return succeeded(update, "created calendar " + made.name() + " (" + made.id() + ") at " + account.location()
          + "; add it to calendar_sources to sync it");
    } catch (StorageException.NotSupported e) {
      return rejected(update, e.getMessage().startsWith("not supported yet") ? e.getMessage() : "not supported yet: " + e.getMessage());
    }
  }

  private AckRequest deleteCalendar(QueuedUpdate update, JsonNode data) {
    String calendarId = text(data, "calendar_id");
    if (calendarId == null) {
      return rejected(update, "calendar_delete without calendar_id");
    }
    Optional<LocalSource> synced = find(data);
    if (synced.isPresent()) {
      return rejected(update, "calendar " + calendarId + " is synced here as source " + synced.get().name()
          + "; remove it from calendar_sources before deleting it");
    }
    Optional<LocalSource> holder = sourceOfType(text(data, "provider"));
    if (holder.isEmpty()) {
      return rejected(update, "not supported yet: deleting a calendar of provider " + text(data, "provider")
          + " on this agent (it has no source of that type)");
    }
    try (CalendarAccount account = opener.openAccount(holder.get().config())) {
      account.deleteCalendar(calendarId);
      return succeeded(update, "deleted calendar " + calendarId + " at " + account.location());
    } catch (StorageException.NotSupported e) {
      return rejected(update, "not supported yet: " + e.getMessage());
    }
  }

  private AckRequest syncConfig(QueuedUpdate update, JsonNode data) {
    try {
      List<String> changed = live.apply(data.path("changes"));
      return succeeded(update, changed.isEmpty() ? "sync_config: nothing to change" : "sync_config: " + String.join(", ", changed));
    } catch (IllegalArgumentException e) {
      return rejected(update, "sync_config: " + e.getMessage());
    }
  }

  // ---- finding the source an update is about

  /** By {@code source_name}, else {@code master_calendar_id}, else the provider's {@code calendar_id}. */
  Optional<LocalSource> find(JsonNode data) {
    String name = text(data, "source_name");
    if (name != null) {
      return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
    String master = text(data, "master_calendar_id");
    if (master != null) {
      Optional<LocalSource> s = sources.stream()
          .filter(x -> master.equals(x.config().masterCalendar().orElse(null))
              || master.equals(state.source(x.name()).masterCalendarId()))
          .findFirst();
      if (s.isPresent()) {
        return s;
      }
    }
    String id = text(data, "calendar_id");
    return id == null ? Optional.empty() : sources.stream()
        .filter(x -> id.equals(x.config().calendarId().orElse(null)) || id.equals(x.config().path().orElse(null))
            || id.equals(x.name()) || id.equals(state.source(x.name()).masterCalendarId()))
        .findFirst();
  }

  private Optional<LocalSource> sourceOfType(String provider) {
    String p = provider == null ? "" : provider.trim().toLowerCase(Locale.ROOT);
    return sources.stream().filter(s -> s.config().type().configName().equals(p)).findFirst();
  }

  // ---- acks

  private static AckRequest succeeded(QueuedUpdate u, String message) {
    LOG.log(Level.INFO, "Applied {0} {1}: {2}", u.type(), u.id(), message);
    return new AckRequest(true, message, null);
  }

  private static AckRequest rejected(QueuedUpdate u, String reason) {
    LOG.log(Level.WARNING, "Rejected {0} {1}: {2}", u.type(), u.id(), reason);
    return new AckRequest(false, reason, false);
  }

  private static AckRequest failed(QueuedUpdate u, String reason, boolean retryable) {
    LOG.log(Level.WARNING, "Failed {0} {1}{2}: {3}", u.type(), u.id(), retryable ? " (the master retries it)" : "", reason);
    return new AckRequest(false, reason, retryable);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String describe(JsonNode data) {
    return "source_name=" + text(data, "source_name") + ", master_calendar_id=" + text(data, "master_calendar_id")
        + ", calendar_id=" + text(data, "calendar_id");
  }

  private static String describeChange(MetadataChange c) {
    StringBuilder sb = new StringBuilder();
    if (c.name() != null) sb.append(" name=").append(c.name());
    if (c.color() != null) sb.append(" color=").append(c.color());
    if (c.description() != null) sb.append(" description=").append(c.description());
    if (c.timeZone() != null) sb.append(" time_zone=").append(c.timeZone());
    return Objects.toString(sb).strip();
  }
}
