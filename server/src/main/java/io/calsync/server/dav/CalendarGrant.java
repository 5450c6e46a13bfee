package io.calsync.server.dav;

import io.calsync.server.ApiException;
import io.calsync.server.Auth;
import io.calsync.server.ServerConfig;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.Calendar;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which master calendars a caller of {@code /dav/} or {@code /feeds/} may see, and whether it may
 * change them. The grant model, by credential:
 *
 * <ul>
 *   <li>the admin (admin key, admin API key or JWT): every calendar, read and write;
 *   <li>a read API key or JWT: every calendar, read only (writes are 403);
 *   <li>an agent secret or agent JWT: the calendars its announced sources hold, read and write
 *       (what the agent can already change through its own uploads);
 *   <li>no credential: nothing (401), unless {@code AUTH_ENABLED=false} (everything, like the API).
 * </ul>
 */
public record CalendarGrant(String who, boolean all, Set<String> calendarIds, boolean mayWrite) {

  /** The grant of the request's credential; 401 when there is none and auth is on. */
  public static CalendarGrant of(Auth.Principal principal, ServerConfig config, CalendarRepository calendars) {
    if (!config.authEnabled()) return new CalendarGrant("open", true, Set.of(), true);
    return switch (principal) {
      case Auth.Admin a -> new CalendarGrant(a.name(), true, Set.of(), true);
      case Auth.Reader r -> new CalendarGrant(r.name(), true, Set.of(), false);
      case Auth.AgentPrincipal a -> new CalendarGrant(a.name(), false, calendars.list().stream()
          .filter(cal -> calendars.sourcesOf(cal.id()).stream().anyMatch(s -> s.agentId().equals(a.agentId())))
          .map(Calendar::id).collect(Collectors.toUnmodifiableSet()), true);
      case Auth.Anonymous a -> throw ApiException.unauthorized("send an API key, the admin key or an agent secret"
          + " (as the HTTP Basic password, or in X-API-Key or Authorization: Bearer)");
    };
  }

  public boolean sees(String calendarId) {
    return all || calendarIds.contains(calendarId);
  }

  /** The calendars this grant sees, in the repository's order. */
  public List<Calendar> visible(CalendarRepository calendars) {
    return calendars.list().stream().filter(c -> sees(c.id())).toList();
  }

  /** 403 unless this grant may write. */
  public void requireWrite() {
    if (!mayWrite) throw ApiException.forbidden("a read-only API key or token may not change calendars");
  }
}
