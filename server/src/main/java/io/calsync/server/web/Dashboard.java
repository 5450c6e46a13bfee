package io.calsync.server.web;

import java.util.List;

/** Everything the dashboard page shows, read in one go. */
public record Dashboard(
    Viewer viewer,
    List<ConsoleBackend.AgentRow> agents,
    List<ConsoleBackend.CalendarRow> calendars,
    List<ConsoleBackend.QueueRow> queues,
    List<ConflictCard> conflicts,
    List<ConsoleBackend.ActivityRow> activity,
    Flash flash) {}
