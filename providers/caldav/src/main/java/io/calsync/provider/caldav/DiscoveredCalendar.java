package io.calsync.provider.caldav;

import java.net.URI;
import java.util.List;

/**
 * One calendar collection of a calendar home, as discovery found it: what {@code calsync discover
 * caldav} prints and turns into agent configuration.
 *
 * @param id the collection's decoded name inside the home ({@code personal}, {@code work})
 * @param url the collection URL (trailing slash, no user info)
 * @param name {@code displayname}, else the id
 * @param color {@code #RRGGBB[AA]} or null
 * @param description {@code calendar-description} or null
 * @param components the supported components ({@code VEVENT}, {@code VTODO}…); empty when the
 *     server did not say
 * @param readOnly the user may not write items
 * @param propertiesReadOnly the user may not change the name, colour or description
 */
public record DiscoveredCalendar(
    String id,
    URI url,
    String name,
    String color,
    String description,
    List<String> components,
    boolean readOnly,
    boolean propertiesReadOnly) {

  public DiscoveredCalendar {
    components = List.copyOf(components);
  }

  /** True when the calendar may hold events (task-only and journal-only lists may not). */
  public boolean holdsEvents() {
    return components.isEmpty() || components.contains("VEVENT");
  }
}
