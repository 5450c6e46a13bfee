package io.calsync.core.model;

import java.util.Objects;

/**
 * Metadata of one calendar collection.
 *
 * @param id stable identifier within its storage (folder name, collection path, EntryID…)
 * @param name display name; never null, may be empty when the storage has none
 * @param color colour as {@code #RRGGBB} or {@code #RRGGBBAA}, or null when unset
 * @param description free text, or null
 * @param timeZone IANA time zone id of the calendar (e.g. {@code Europe/Berlin}), or null
 * @param readOnly true when items of this calendar cannot be written
 */
public record CalendarMeta(
    String id, String name, String color, String description, String timeZone, boolean readOnly) {

  public CalendarMeta {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
  }

  public static CalendarMeta named(String id, String name) {
    return new CalendarMeta(id, name, null, null, null, false);
  }

  /** This metadata with the fields a change sets replaced. */
  public CalendarMeta apply(MetadataChange change) {
    return new CalendarMeta(
        id,
        change.name() != null ? change.name() : name,
        change.color() != null ? change.color() : color,
        change.description() != null ? change.description() : description,
        change.timeZone() != null ? change.timeZone() : timeZone,
        readOnly);
  }
}
