package io.calsync.core.model;

/**
 * A change to a calendar's metadata (rename, recolor, new description or time zone). A null field
 * means "leave as it is".
 */
public record MetadataChange(String name, String color, String description, String timeZone) {

  public static MetadataChange rename(String name) {
    return new MetadataChange(name, null, null, null);
  }

  public static MetadataChange recolor(String color) {
    return new MetadataChange(null, color, null, null);
  }

  public boolean isEmpty() {
    return name == null && color == null && description == null && timeZone == null;
  }
}
