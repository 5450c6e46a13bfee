package io.calsync.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calsync.core.sync.ConflictStrategy;
import io.calsync.protocol.AgentStatusView;
import io.calsync.protocol.CalendarMetadataPush;
import io.calsync.protocol.CalendarRequest;
import io.calsync.protocol.CalendarSource;
import io.calsync.protocol.CalendarView;
import io.calsync.protocol.DirectUpdateRequest;
import io.calsync.protocol.HeartbeatRequest;
import io.calsync.protocol.HeartbeatResponse;
import io.calsync.protocol.ProtocolVersion;
import io.calsync.protocol.PushResult;
import io.calsync.protocol.SyncConfigPush;
import io.calsync.protocol.UpdateType;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.AgentRepository;
import io.calsync.server.store.AgentRepository.Agent;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.CalendarRepository.SourceMapping;
import io.calsync.server.store.Transactions;
import io.calsync.server.store.UpdateQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents, calendars and fan-out: every state change here and the updates it queues commit in one
 * transaction.
 */
final class SyncService {
  private static final Logger log = LoggerFactory.getLogger(SyncService.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?");

  private final Transactions tx;
  private final AgentRepository agents;
  private final CalendarRepository calendars;
  private final UpdateQueue queue;
  private final ActivityLog activity;
  private final QueueService queues;
  private final CheckInBatcher checkIns;
  private final ObjectMapper json;
  private final Clock clock;
  private final ServerConfig config;
  private final List<java.util.function.Consumer<String>> calendarListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  SyncService(Transactions tx, AgentRepository agents, CalendarRepository calendars, UpdateQueue queue,
      ActivityLog activity, QueueService queues, CheckInBatcher checkIns, ObjectMapper json, Clock clock,
      ServerConfig config) {
    this.tx = tx;
    this.agents = agents;
    this.calendars = calendars;
    this.queue = queue;
    this.activity = activity;
    this.queues = queues;
    this.checkIns = checkIns;
    this.json = json;
    this.clock = clock;
    this.config = config;
  }

  /**
   * Tells {@code listener} the id of a master calendar whose name, color or description changed
   * (or that was created), after the change commits.
   */
  void addCalendarListener(java.util.function.Consumer<String> listener) {
    calendarListeners.add(listener);
  }

  private void calendarChanged(String calendarId) {
    tx.afterCommit(() -> calendarListeners.forEach(l -> {
      try {
        l.accept(calendarId);
      } catch (RuntimeException e) {
        log.warn("calendar change listener failed for calendar {}", calendarId, e);
      }
    }));
  }

  /** Checks an id from a path or body: letters, digits and {@code . _ : @ -}, at most 128. */
  static String checkId(String field, String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiException.badRequest(field, field + " must be 1-128 characters of letters, digits and . _ : @ - (got "
          + (id == null ? "nothing" : "'" + abbreviate(id) + "'") + ")");
    }
    return id;
  }

  Agent requireAgent(String agentId) {
    return agents.find(agentId).orElseThrow(() -> ApiException.notFound("unknown agent '" + agentId + "'"));
  }

  Calendar requireCalendar(String calendarId) {
    return calendars.find(calendarId).orElseThrow(() -> ApiException.notFound("unknown calendar '" + calendarId + "'"));
  }

  // ---- agents -------------------------------------------------------------------------------

  /** Records a heartbeat (registering the agent if new) and hands out its due updates. */
  HeartbeatResponse heartbeat(String agentId, HeartbeatRequest hb) {
    HeartbeatRequest body = hb == null ? new HeartbeatRequest(null, null, null, null, null, null, null) : hb;
    Reported known = reported.computeIfAbsent(agentId, this::loadReported);
    String cfgJson = reportedSettings(body, known);
    if (known != Reported.NONE && cfgJson.equals(known.configJson())
        && (body.agentName() == null || body.agentName().equals(known.name()))
        && (body.environment() == null || body.environment().equals(known.environment()))) {
      checkIns.record(agentId, clock.instant()); // nothing else changed: group-committed
    } else {
      checkInChanged(agentId, body, cfgJson);
      reported.remove(agentId); // read again when next needed, as stored
    }
    return tx.inTransaction(c -> {
      var pending = config.bidirectionalSync() ? queues.pending(agentId, Duration.ZERO) : List.<io.calsync.protocol.QueuedUpdate>of();
      int open = queue.countOpen(agentId);
      return new HeartbeatResponse("ok", agentId, clock.instant(), ProtocolVersion.CURRENT, config.bidirectionalSync(),
          open, pending);
    });
  }

  /**
   * What an agent last reported, as stored, with the parts read from it parsed once: kept in
   * memory so that the common heartbeat (nothing changed) costs no read of the agents table and a
   * status listing no JSON parsing. Only heartbeats write these fields, and each one that changes
   * them drops the entry.
   */
  private record Reported(String name, String environment, String configJson, JsonNode sources,
      Integer heartbeatSeconds) {
    static final Reported NONE = new Reported(null, null, null, null, null);
  }

  private final java.util.concurrent.ConcurrentHashMap<String, Reported> reported =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Reported loadReported(String agentId) {
    return agents.find(agentId).map(this::reportedOf).orElse(Reported.NONE);
  }

  private Reported reportedOf(Agent a) {
    JsonNode stored = null;
    if (a.configJson() != null) {
      try {
        stored = json.readTree(a.configJson());
      } catch (java.io.IOException e) {
        // an unreadable stored config only costs the fast path: the slow path rewrites it
      }
    }
    JsonNode hb = stored == null ? null : stored.get("heartbeat_seconds");
    return new Reported(a.name(), a.environment(), a.configJson(),
        stored == null ? null : stored.get("calendar_sources"),
        hb != null && hb.canConvertToInt() ? hb.intValue() : null);
  }

  /**
   * The settings an agent reports, as stored in {@code agents.config}: the heartbeat body, with the
   * calendar sources last announced when this heartbeat has none (absent sources leave the known
   * ones as they are). Comparing it with the stored text tells whether anything but the time
   * changed.
   */
  private String reportedSettings(HeartbeatRequest body, Reported known) {
    ObjectNode cfg = json.valueToTree(body);
    if (body.calendarSources() == null && known.sources() != null) {
      cfg.set("calendar_sources", known.sources());
    }
    return cfg.toString();
  }

  /** A heartbeat of a new agent, or one that reports new settings or calendar sources. */
  private void checkInChanged(String agentId, HeartbeatRequest body, String cfgJson) {
    tx.inTransaction(c -> {
      Instant now = clock.instant();
      boolean isNew = agents.find(agentId).isEmpty();
      agents.checkIn(agentId, body.agentName(), body.environment(), cfgJson, now);
      if (isNew) {
        if (!config.authEnabled()) {
          log.warn("agent '{}' registered itself on its first heartbeat (AUTH_ENABLED=false: anyone who can reach"
              + " this port can register agents)", agentId);
        }
        activity.record(now, "agent_registered", agentId, null, null, "agent registered");
      }
      if (body.calendarSources() != null) {
        mapSources(agentId, body.calendarSources(), now);
      }
      return null;
    });
  }

  private void mapSources(String agentId, List<CalendarSource> sources, Instant now) {
    List<SourceMapping> mappings = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Set<String> created = new java.util.HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      CalendarSource s = sources.get(i);
      String field = "calendar_sources[" + i + "].name";
      if (s == null || s.name() == null || s.name().isBlank()) throw ApiException.badRequest(field, field + " is required");
      if (!names.add(s.name())) throw ApiException.badRequest(field, "two calendar sources are named '" + s.name() + "'");
      checkConflictResolution("calendar_sources[" + i + "].conflict_resolution", s.conflictResolution());
      String calendarId = s.masterCalendarId() != null
          ? joinMasterCalendar("calendar_sources[" + i + "].master_calendar_id", s.masterCalendarId(), agentId, now, created)
          : ensureCalendar(derivedCalendarId(agentId, s.name()), s.name(), agentId, now, created);
      mappings.add(new SourceMapping(agentId, s.name(), calendarId, s.type(), s.calendarName(), s.calendarId(),
          s.metadataUpdatesAllowed(), s.eventUpdatesAllowed(), s.conflictResolution()));
    }
    List<SourceMapping> joined = mappings.stream().filter(m -> calendars.findSource(agentId, m.sourceName())
        .map(old -> !old.calendarId().equals(m.calendarId())).orElse(true)).toList();
    calendars.replaceAgentSources(agentId, mappings);
    for (SourceMapping m : joined) {
      if (!created.contains(m.calendarId())) sendCurrentMetadata(m);
    }
  }

  /**
   * A source that joins a calendar which existed before gets the calendar's current name, color
   * and description, so that a copy joining after a rename is not left with the old name.
   */
  private void sendCurrentMetadata(SourceMapping m) {
    if (!m.allowMetadataUpdates() || !config.bidirectionalSync()) return;
    Calendar cal = calendars.find(m.calendarId()).orElse(null);
    if (cal == null) return;
    ObjectNode changes = json.createObjectNode();
    changes.put("name", cal.name());
    if (cal.color() != null) changes.put("color", cal.color());
    if (cal.description() != null) changes.put("description", cal.description());
    ObjectNode data = metadataData(m.providerCalendarId() != null ? m.providerCalendarId() : cal.id(), m.type(), changes);
    data.put("master_calendar_id", cal.id());
    data.put("source_name", m.sourceName());
    if (m.calendarName() != null) data.put("calendar_name", m.calendarName());
    queues.enqueue(m.agentId(), UpdateType.CALENDAR_METADATA, data, cal.id());
  }

  /**
   * The master calendar a source's {@code master_calendar} names: an existing calendar's id, else
   * an existing calendar's name, else a new calendar with that name (and that id when it is a valid
   * id), so several agents naming the same master calendar hold the same one.
   */
  private String joinMasterCalendar(String field, String idOrName, String agentId, Instant now, Set<String> created) {
    if (idOrName.isBlank() || idOrName.length() > 256) {
      throw ApiException.badRequest(field, field + " must be a calendar id or name of 1-256 characters");
    }
    if (calendars.find(idOrName).isPresent()) return idOrName;
    List<Calendar> named = calendars.findByName(idOrName);
    if (!named.isEmpty()) return named.get(0).id();
    String id = ID.matcher(idOrName).matches() ? idOrName : nameDerivedCalendarId(idOrName);
    return ensureCalendar(id, idOrName, agentId, now, created);
  }

  /** The calendar, created (and added to {@code created}) if new. */
  private String ensureCalendar(String calendarId, String name, String agentId, Instant now, Set<String> created) {
    if (calendars.find(calendarId).isEmpty()) {
      calendars.insert(new Calendar(calendarId, name, null, null, agentId, now, now));
      created.add(calendarId);
      activity.record(now, "calendar_discovered", agentId, calendarId, null, "calendar '" + name + "' announced");
    }
    return calendarId;
  }

  private static void checkConflictResolution(String field, String value) {
    if (value == null) return;
    try {
      ConflictStrategy.parse(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, field + ": " + e.getMessage());
    }
  }

  /** A stable master id for an agent source that names none: {@code cal-} + 16 hex of SHA-256. */
  static String derivedCalendarId(String agentId, String sourceName) {
    return "cal-" + sha256Hex16(agentId + "\n" + sourceName);
  }

  /** A stable master id for a master calendar named by a text that is no valid id. */
  static String nameDerivedCalendarId(String name) {
    return "cal-" + sha256Hex16("name\n" + name);
  }

  private static String sha256Hex16(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  AgentStatusView status(Agent a, Map<String, Integer> open) {
    return new AgentStatusView(a.id(), a.name(), a.environment(), liveness(a), a.registeredAt(),
        a.lastCheckIn(), open.getOrDefault(a.id(), 0), 0);
  }

  AgentStatusView status(String agentId) {
    Agent a = requireAgent(agentId);
    return status(a, Map.of(agentId, queue.countOpen(agentId)));
  }

  List<AgentStatusView> statuses() {
    Map<String, Integer> open = queue.countOpenByAgent();
    return agents.list().stream().map(a -> status(a, open)).toList();
  }

  /**
   * {@code active} when the agent checked in within 3 of its heartbeat intervals, {@code stale}
   * within 10, else (or never) {@code offline}. An agent that does not say how often it checks in
   * (the seed's agents) is judged by {@code SYNC_INTERVAL_MINUTES}: active within 1.5 intervals,
   * stale within 3.
   */
  String liveness(Agent a) {
    if (a.lastCheckIn() == null) return "offline";
    Duration age = Duration.between(a.lastCheckIn(), clock.instant());
    Integer heartbeat = reported.computeIfAbsent(a.id(), id -> reportedOf(a)).heartbeatSeconds();
    Duration activeWithin;
    Duration staleWithin;
    if (heartbeat != null && heartbeat > 0) {
      activeWithin = Duration.ofSeconds(3L * heartbeat);
      staleWithin = Duration.ofSeconds(10L * heartbeat);
    } else {
      Duration interval = Duration.ofMinutes(config.syncIntervalMinutes());
      activeWithin = interval.multipliedBy(3).dividedBy(2);
      staleWithin = interval.multipliedBy(3);
    }
    if (age.compareTo(activeWithin) <= 0) return "active";
    if (age.compareTo(staleWithin) <= 0) return "stale";
    return "offline";
  }

  // ---- calendars ----------------------------------------------------------------------------

  List<CalendarView> listCalendars() {
    return tx.inTransaction(c -> calendars.list().stream().map(this::view).toList());
  }

  CalendarView view(Calendar cal) {
    List<CalendarView.Copy> copies = calendars.sourcesOf(cal.id()).stream()
        .map(m -> new CalendarView.Copy(m.agentId(), m.sourceName(), m.type(), m.calendarName(),
            m.providerCalendarId(), m.allowMetadataUpdates(), m.allowEventUpdates()))
        .toList();
    return new CalendarView(cal.id(), cal.name(), cal.color(), cal.description(), cal.ownerAgent(), cal.createdAt(),
        cal.updatedAt(), copies);
  }

  record Created(CalendarView calendar, PushResult push) {}

  Created createCalendar(CalendarRequest req) {
    if (req == null || req.name() == null || req.name().isBlank()) throw ApiException.badRequest("name", "name is required");
    checkColor(req.color());
    String id = req.id() == null ? "cal-" + QueueService.newId() : checkId("id", req.id());
    return tx.inTransaction(c -> {
      if (calendars.find(id).isPresent()) throw ApiException.conflict("calendar '" + id + "' already exists");
      if (req.agentId() != null) requireAgent(req.agentId());
      Instant now = clock.instant();
      Calendar cal = new Calendar(id, req.name(), req.color(), req.description(), req.agentId(), now, now);
      calendars.insert(cal);
      activity.record(now, "calendar_created", req.agentId(), id, null, "calendar '" + req.name() + "' created");
      calendarChanged(id);
      List<String> targets = req.agentId() == null ? List.of() : List.of(req.agentId());
      ObjectNode data = json.createObjectNode();
      data.put("calendar_id", id);
      if (req.provider() != null) data.put("provider", req.provider());
      ObjectNode calendar = data.putObject("calendar");
      calendar.put("name", req.name());
      if (req.color() != null) calendar.put("color", req.color());
      if (req.description() != null) calendar.put("description", req.description());
      return new Created(view(cal), queueFor(targets, UpdateType.CALENDAR_CREATE, data, id));
    });
  }

  record Changed(CalendarView calendar, PushResult push) {}

  /** PUT /calendars/{id}: changes the master calendar and queues {@code calendar_metadata} per holder. */
  Changed updateCalendar(String calendarId, CalendarRequest req) {
    if (req == null || (req.name() == null && req.color() == null && req.description() == null)) {
      throw ApiException.badRequest("name", "give at least one of name, color, description");
    }
    if (req.name() != null && req.name().isBlank()) throw ApiException.badRequest("name", "name must not be blank");
    checkColor(req.color());
    return tx.inTransaction(c -> {
      Calendar old = calendars.find(calendarId)
          .orElseThrow(() -> ApiException.notFound("unknown calendar '" + calendarId + "'"));
      Instant now = clock.instant();
      Calendar cal = new Calendar(old.id(), req.name() != null ? req.name() : old.name(),
          req.color() != null ? req.color() : old.color(),
          req.description() != null ? req.description() : old.description(), old.ownerAgent(), old.createdAt(), now);
      calendars.update(cal);
      activity.record(now, "calendar_updated", null, calendarId, null, "calendar '" + cal.name() + "' changed");
      calendarChanged(calendarId);
      ObjectNode changes = json.createObjectNode();
      if (req.name() != null) changes.put("name", req.name());
      if (req.color() != null) changes.put("color", req.color());
      if (req.description() != null) changes.put("description", req.description());
      return new Changed(view(cal), fanOutMetadata(calendarId, null, changes, null));
    });
  }

  record Deleted(String calendarId, PushResult push) {}

  /**
   * Removes a calendar from the master. Agents' copies are deleted only with {@code propagate}: a
   * sync tool is judged by the data it did not delete.
   */
  Deleted deleteCalendar(String calendarId, boolean propagate) {
    return tx.inTransaction(c -> {
      calendars.find(calendarId).orElseThrow(() -> ApiException.notFound("unknown calendar '" + calendarId + "'"));
      List<SourceMapping> holders = calendars.sourcesOf(calendarId);
      PushResult push = emptyPush();
      if (propagate) {
        List<String> ids = new ArrayList<>();
        List<String> agentIds = new ArrayList<>();
        if (config.bidirectionalSync()) {
          for (SourceMapping m : holders) {
            if (!m.allowMetadataUpdates()) continue;
            ObjectNode data = json.createObjectNode();
            data.put("calendar_id", m.providerCalendarId() != null ? m.providerCalendarId() : calendarId);
            data.put("master_calendar_id", calendarId);
            data.put("source_name", m.sourceName());
            if (m.type() != null) data.put("provider", m.type());
            ids.add(queues.enqueue(m.agentId(), UpdateType.CALENDAR_DELETE, data, calendarId).id());
            agentIds.add(m.agentId());
          }
        }
        push = new PushResult("queued", ids.size(), agentIds, ids);
      }
      calendars.delete(calendarId);
      activity.record(clock.instant(), "calendar_deleted", null, calendarId, null,
          "calendar deleted" + (propagate ? ", deletion queued for " + push.updatesQueued() + " agents" : " from the master only"));
      return new Deleted(calendarId, push);
    });
  }

  // ---- push ---------------------------------------------------------------------------------

  PushResult pushCalendarMetadata(CalendarMetadataPush push) {
    if (push == null || push.calendarId() == null || push.calendarId().isBlank()) {
      throw ApiException.badRequest("calendar_id", "calendar_id is required");
    }
    if (push.changes() == null || push.changes().isEmpty()) {
      throw ApiException.badRequest("changes", "changes must be an object with at least one field (name, color, description)");
    }
    JsonNode color = push.changes().get("color");
    if (color != null && !color.isNull()) {
      if (!color.isTextual()) throw ApiException.badRequest("changes.color", "changes.color must be a string like #FF5733");
      checkColor("changes.color", color.asText());
    }
    return tx.inTransaction(c -> {
      calendars.find(push.calendarId()).ifPresent(old -> {
        Calendar cal = new Calendar(old.id(), text(push.changes(), "name", old.name()), text(push.changes(), "color", old.color()),
            text(push.changes(), "description", old.description()), old.ownerAgent(), old.createdAt(), clock.instant());
        calendars.update(cal);
        calendarChanged(cal.id());
      });
      return fanOutMetadata(push.calendarId(), push.provider(), push.changes(), push.targetAgents());
    });
  }

  /**
   * Queues {@code calendar_metadata} for the calendar: to {@code targets} when given; else to every
   * agent source holding it that allows metadata updates; else, if the master does not know the
   * calendar, to every agent (they resolve the provider id themselves).
   */
  private PushResult fanOutMetadata(String calendarId, String provider, ObjectNode changes, List<String> targets) {
    if (!config.bidirectionalSync()) return disabledPush();
    List<String> ids = new ArrayList<>();
    List<String> agentIds = new ArrayList<>();
    if (targets != null) {
      for (String t : targets) requireAgent(t);
    }
    List<SourceMapping> holders = calendars.sourcesOf(calendarId);
    if (targets == null && !holders.isEmpty()) {
      for (SourceMapping m : holders) {
        if (!m.allowMetadataUpdates()) continue;
        ObjectNode data = metadataData(m.providerCalendarId() != null ? m.providerCalendarId() : calendarId,
            provider != null ? provider : m.type(), changes);
        data.put("master_calendar_id", calendarId);
        data.put("source_name", m.sourceName());
        if (m.calendarName() != null) data.put("calendar_name", m.calendarName());
        ids.add(queues.enqueue(m.agentId(), UpdateType.CALENDAR_METADATA, data, calendarId).id());
        agentIds.add(m.agentId());
      }
    } else if (targets != null || calendars.find(calendarId).isEmpty()) {
      List<String> to = targets != null ? List.copyOf(new LinkedHashSet<>(targets))
          : agents.list().stream().map(Agent::id).toList();
      for (String agentId : to) {
        ids.add(queues.enqueue(agentId, UpdateType.CALENDAR_METADATA, metadataData(calendarId, provider, changes), calendarId).id());
        agentIds.add(agentId);
      }
    }
    return new PushResult("queued", ids.size(), agentIds, ids);
  }

  private ObjectNode metadataData(String calendarId, String provider, ObjectNode changes) {
    ObjectNode data = json.createObjectNode();
    data.put("calendar_id", calendarId);
    if (provider != null) data.put("provider", provider);
    data.set("changes", changes.deepCopy());
    return data;
  }

  PushResult pushSyncConfig(SyncConfigPush push) {
    if (push == null || push.changes() == null || push.changes().isEmpty()) {
      throw ApiException.badRequest("changes", "changes must be an object with at least one setting");
    }
    return tx.inTransaction(c -> {
      if (!config.bidirectionalSync()) return disabledPush();
      List<String> to = push.targetAgents() != null ? List.copyOf(new LinkedHashSet<>(push.targetAgents()))
          : agents.list().stream().map(Agent::id).toList();
      for (String t : to) requireAgent(t);
      ObjectNode data = json.createObjectNode();
      data.set("changes", push.changes().deepCopy());
      return queueFor(to, UpdateType.SYNC_CONFIG, data, null);
    });
  }

  PushResult direct(String agentId, DirectUpdateRequest req) {
    if (req == null || req.type() == null) {
      throw ApiException.badRequest("type", "type is required: one of " + UpdateType.acceptedValues());
    }
    UpdateType type = UpdateType.find(req.type()).orElseThrow(() -> ApiException.badRequest("type",
        "unknown update type '" + abbreviate(req.type()) + "': use one of " + UpdateType.acceptedValues()));
    if (req.data() != null && !req.data().isObject()) throw ApiException.badRequest("data", "data must be a JSON object");
    return tx.inTransaction(c -> {
      requireAgent(agentId);
      if (!config.bidirectionalSync()) {
        throw ApiException.conflict("bidirectional sync is disabled (ENABLE_BIDIRECTIONAL_SYNC=false): nothing is queued");
      }
      String calendarId = req.data() != null && req.data().hasNonNull("calendar_id") ? req.data().get("calendar_id").asText() : null;
      return queueFor(List.of(agentId), type, req.data(), calendarId);
    });
  }

  private PushResult queueFor(List<String> agentIds, UpdateType type, JsonNode data, String calendarId) {
    if (!config.bidirectionalSync() || agentIds.isEmpty()) {
      return config.bidirectionalSync() ? emptyPush() : disabledPush();
    }
    List<String> ids = new ArrayList<>();
    for (String a : agentIds) ids.add(queues.enqueue(a, type, data, calendarId).id());
    return new PushResult("queued", ids.size(), agentIds, ids);
  }

  private static PushResult emptyPush() {
    return new PushResult("queued", 0, List.of(), List.of());
  }

  private static PushResult disabledPush() {
    return new PushResult("bidirectional_sync_disabled", 0, List.of(), List.of());
  }

  private static String text(ObjectNode n, String field, String dflt) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : dflt;
  }

  private static void checkColor(String color) {
    checkColor("color", color);
  }

  private static void checkColor(String field, String color) {
    if (color != null && !COLOR.matcher(color).matches()) {
      throw ApiException.badRequest(field, field + " must look like #RRGGBB or #RRGGBBAA (got '" + abbreviate(color) + "')");
    }
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
