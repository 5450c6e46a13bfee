package io.calsync.server.web;

import java.util.List;
import java.util.Set;

/** Reads what a page or a section shows from the master; a section reads only its own data. */
final class DashboardReader {
  static final Set<String> SECTIONS = Set.of("agents", "calendars", "queues", "conflicts", "activity");
  private static final int ACTIVITY_SHOWN = 25;

  private final ConsoleBackend backend;

  DashboardReader(ConsoleBackend backend) {
    this.backend = backend;
  }

  Dashboard all(Viewer viewer, Flash flash) {
    return read(viewer, SECTIONS, flash);
  }

  Dashboard section(Viewer viewer, String section, Flash flash) {
    return read(viewer, Set.of(section), flash);
  }

  private Dashboard read(Viewer viewer, Set<String> sections, Flash flash) {
    return new Dashboard(viewer,
        sections.contains("agents") ? backend.agents() : List.of(),
        sections.contains("calendars") ? backend.calendars() : List.of(),
        sections.contains("queues") ? backend.queues() : List.of(),
        sections.contains("conflicts") ? backend.openConflicts().stream().map(ConflictCard::of).toList() : List.of(),
        sections.contains("activity") ? backend.recentActivity(ACTIVITY_SHOWN) : List.of(),
        flash);
  }
}
