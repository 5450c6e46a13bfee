package io.calsync.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.calsync.protocol.AgentStatusView;
import io.calsync.protocol.CalendarRequest;
import io.calsync.protocol.CalendarView;
import io.calsync.server.store.ActivityLog;
import io.calsync.server.store.UpdateQueue;
import io.calsync.server.store.UpdateQueue.Update;
import io.calsync.server.store.UpdateState;
import io.calsync.server.web.ActionRefused;
import io.calsync.server.web.ConsoleBackend;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The dashboard's view of the master ({@link ConsoleBackend}): the services behind the REST API,
 * so every dashboard action is the matching API call minus HTTP (a rename is {@code PUT
 * /calendars/{id}}, a pick is {@code POST /sync/conflicts/{id}/resolve}…).
 */
final class MasterConsole implements ConsoleBackend {
  /** How many dead letters and open updates the dashboard looks at; more is an operations problem, not a UI one. */
  private static final int SCAN = 1000;

  private final ServerConfig config;
  private final SyncService sync;
  private final QueueService queues;
  private final UpdateQueue queue;
  private final ConflictService conflicts;
  private final ActivityLog activity;
  private final Auth auth;

  MasterConsole(ServerConfig config, SyncService sync, QueueService queues, UpdateQueue queue,
      ConflictService conflicts, ActivityLog activity, Auth auth) {
    this.config = config;
    this.sync = sync;
    this.queues = queues;
    this.queue = queue;
    this.conflicts = conflicts;
    this.activity = activity;
    this.auth = auth;
  }

  @Override
  public Optional<SignIn> signIn(String credential) {
    try {
      return switch (auth.resolve(credential)) {
        case Auth.Admin a -> Optional.of(new SignIn(a.name(), Role.ADMIN));
        case Auth.Reader r -> Optional.of(new SignIn(r.name(), Role.READ));
        // an agent secret runs one agent's queue: it is no key to the whole master
        case Auth.AgentPrincipal a -> Optional.empty();
        case Auth.Anonymous a -> Optional.empty();
      };
    } catch (ApiException refused) {
      return Optional.empty();
    }
  }

  @Override
  public void attribute(Context ctx, SignIn who) {
    String name = "web:" + who.name();
    ctx.attribute(Auth.ATTRIBUTE, who.role() == Role.ADMIN ? new Auth.Admin(name) : new Auth.Reader(name));
  }

  @Override
  public boolean authEnabled() {
    return config.authEnabled();
  }

  @Override
  public List<AgentRow> agents() {
    Map<String, List<String>> sources = new HashMap<>();
    for (CalendarView cal : sync.listCalendars()) {
      for (CalendarView.Copy copy : cal.sources()) {
        sources.computeIfAbsent(copy.agentId(), k -> new ArrayList<>()).add(copy.sourceName() + " → " + cal.name());
      }
    }
    Map<String, List<Update>> dead = deadByAgent();
    return sync.statuses().stream()
        .map(a -> new AgentRow(a.agentId(), a.name(), a.status(), a.lastCheckIn(), a.pendingUpdates(),
            dead.getOrDefault(a.agentId(), List.of()).size(), sources.getOrDefault(a.agentId(), List.of())))
        .toList();
  }

  @Override
  public List<CalendarRow> calendars() {
    Map<String, Long> open = Stream.concat(queue.inState(UpdateState.PENDING, SCAN).stream(),
            queue.inState(UpdateState.DELIVERED, SCAN).stream())
        .map(this::masterCalendarOf).filter(id -> id != null)
        .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    return sync.listCalendars().stream()
        .map(c -> new CalendarRow(c.id(), c.name(), c.color(),
            c.sources().stream().map(s -> s.agentId() + " / " + s.sourceName()).toList(),
            open.getOrDefault(c.id(), 0L).intValue()))
        .toList();
  }

  /** The master calendar an update is about: event and metadata updates name it, others may not. */
  private String masterCalendarOf(Update u) {
    JsonNode data = queues.read(u.payloadJson());
    if (data.hasNonNull("master_calendar_id")) return data.get("master_calendar_id").asText();
    return data.hasNonNull("calendar_id") ? data.get("calendar_id").asText() : null;
  }

  @Override
  public List<QueueRow> queues() {
    Map<String, List<Update>> dead = deadByAgent();
    Map<String, Integer> open = queue.countOpenByAgent();
    return sync.statuses().stream().map(AgentStatusView::agentId)
        .map(id -> new QueueRow(id, open.getOrDefault(id, 0), dead.getOrDefault(id, List.of()).stream()
            .map(u -> new DeadLetter(u.id(), u.type(), u.createdAt(), u.attempts(), u.result())).toList()))
        .toList();
  }

  private Map<String, List<Update>> deadByAgent() {
    return queue.inState(UpdateState.DEAD, SCAN).stream().collect(Collectors.groupingBy(Update::agentId));
  }

  @Override
  public List<ConflictRow> openConflicts() {
    return conflicts.recent(SCAN).stream().filter(c -> c.state().equals("open"))
        .map(c -> new ConflictRow(c.id(), c.calendarId(), c.uid(), c.agentId(), c.sourceName(), c.createdAt(),
            c.master().version(), c.master().deleted() ? null : c.master().ics(),
            c.incoming().deleted() ? null : c.incoming().ics()))
        .toList();
  }

  @Override
  public List<ActivityRow> recentActivity(int limit) {
    return activity.recent(limit).stream()
        .map(e -> new ActivityRow(e.at(), e.kind(), e.agentId(), e.calendarId(), e.message())).toList();
  }

  @Override
  public int updateCalendar(String calendarId, String name, String color) {
    return refusable(() -> sync.updateCalendar(calendarId, new CalendarRequest(null, name, color, null, null, null))
        .push().updatesQueued());
  }

  @Override
  public void retryDeadLetter(String agentId, String updateId) {
    refusable(() -> queues.retryDead(agentId, updateId));
  }

  @Override
  public void discardDeadLetter(String agentId, String updateId) {
    refusable(() -> queues.discardDead(agentId, updateId));
  }

  @Override
  public int cleanupQueues() {
    return queues.cleanup();
  }

  @Override
  public void resolveConflict(String conflictId, String resolution) {
    refusable(() -> conflicts.resolve(conflictId, new ConflictResolveRequest(resolution, null)));
  }

  /** Runs a service call; what the API would answer as a problem becomes a message for the user. */
  private static <T> T refusable(Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      throw new ActionRefused(e.status(), e.getMessage());
    }
  }
}
