package io.calsync.server;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the destination sync last did, for {@code GET /health} and {@code GET
 * /sync/destination/status}: the destination as a whole and each calendar. Thread-safe.
 */
final class DestinationStatus {

  /**
   * One calendar's last run.
   *
   * @param state {@code synced}, {@code error}, {@code missing} (deleted at the destination) or
   *     {@code pending}
   */
  record CalendarState(String calendarId, String destinationCalendarId, String state, Instant lastSuccessAt,
      Instant lastAttemptAt, String lastError, String lastReport) {}

  private final String url;
  private volatile Instant lastSuccessAt;
  private volatile Instant lastErrorAt;
  private volatile String lastError;
  private final Map<String, CalendarState> calendars = new ConcurrentHashMap<>();

  DestinationStatus(String url) {
    this.url = url;
  }

  /** True when the last attempt failed (the destination is considered down). */
  boolean failing() {
    return lastError != null;
  }

  void succeeded(Instant at) {
    lastSuccessAt = at;
    lastError = null;
  }

  void failed(Instant at, String error) {
    lastErrorAt = at;
    lastError = error;
  }

  void calendar(CalendarState state) {
    calendars.put(state.calendarId(), state);
  }

  CalendarState calendar(String calendarId) {
    return calendars.get(calendarId);
  }

  /** The {@code destination} object of {@code GET /health}. */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configured", true);
    m.put("url", url);
    m.put("status", lastError == null ? (lastSuccessAt == null ? "starting" : "ok") : "error");
    m.put("last_success_at", lastSuccessAt);
    m.put("last_error", lastError);
    m.put("last_error_at", lastErrorAt);
    return m;
  }

  /** {@code GET /sync/destination/status}: the summary and every calendar. */
  Map<String, Object> details() {
    Map<String, Object> m = summary();
    m.put("calendars", calendars.values().stream()
        .sorted(java.util.Comparator.comparing(CalendarState::calendarId))
        .map(c -> {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("calendar_id", c.calendarId());
          v.put("destination_calendar_id", c.destinationCalendarId());
          v.put("state", c.state());
          v.put("last_success_at", c.lastSuccessAt());
          v.put("last_attempt_at", c.lastAttemptAt());
          v.put("last_error", c.lastError());
          v.put("last_report", c.lastReport());
          return v;
        }).toList());
    return m;
  }

  /** For a master without destination. */
  static Map<String, Object> notConfigured() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configured", false);
    return m;
  }
}
