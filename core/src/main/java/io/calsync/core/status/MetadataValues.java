package io.calsync.core.status;

import io.calsync.core.model.CalendarMeta;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A calendar's name, colour and description in the form the engine compares and records them.
 * The constructor normalises, so two values are equal exactly when the engine treats them as the
 * same:
 *
 * <ul>
 *   <li><b>name</b> and <b>description</b>: runs of white space (line breaks included) become one
 *       space, leading and trailing space is dropped (storages that keep one line per value, as
 *       the vdir metadata files do, would otherwise look changed after every write);
 *   <li><b>color</b>: trimmed and lower-cased, and an opaque {@code #rrggbbff} becomes {@code
 *       #rrggbb} (SOGo stores {@code #RRGGBBAA}, vdir and most clients {@code #RRGGBB});
 *   <li>an empty value becomes null: "unset" and "empty" are the same thing.
 * </ul>
 */
public record MetadataValues(String name, String color, String description) {

  private static final Pattern OPAQUE_RGBA = Pattern.compile("#[0-9a-f]{6}ff");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /** All three unset. */
  public static final MetadataValues EMPTY = new MetadataValues(null, null, null);

  public MetadataValues {
    name = text(name);
    color = color(color);
    description = text(description);
  }

  /** The values of a storage's metadata (its id, time zone and read-only flag are not synced). */
  public static MetadataValues of(CalendarMeta meta) {
    return new MetadataValues(meta.name(), meta.color(), meta.description());
  }

  /** A name or description as compared: white space collapsed, blank is null. */
  public static String text(String value) {
    if (value == null) {
      return null;
    }
    String t = SPACE.matcher(value).replaceAll(" ").strip();
    return t.isEmpty() ? null : t;
  }

  /**
   * A colour as compared: trimmed, lower case, {@code #rrggbbff} as {@code #rrggbb}; blank is
   * null. Other forms (a colour name, another alpha) are kept as they are, only lower-cased.
   */
  public static String color(String value) {
    if (value == null) {
      return null;
    }
    String t = value.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return null;
    }
    return OPAQUE_RGBA.matcher(t).matches() ? t.substring(0, 7) : t;
  }
}
