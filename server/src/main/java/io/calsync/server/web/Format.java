package io.calsync.server.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text formats the templates share. */
public final class Format {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** What the colour picker shows for a calendar without a colour (a picker cannot be empty). */
  public static final String PICKER_DEFAULT_COLOR = "#3366cc";

  private Format() {}

  /** The picker's value: the calendar's #RRGGBB colour, else the stand-in (#RRGGBBAA does not fit a picker). */
  public static String pickerColor(String color) {
    return color != null && color.length() == 7 ? color : PICKER_DEFAULT_COLOR;
  }

  /** A readable UTC time; "never" for null. */
  public static String time(Instant at) {
    return at == null ? "never" : TIME.format(at);
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public static String iso(Instant at) {
    return at == null ? "" : at.toString();
  }

  /** "1 update", "3 updates". */
  public static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
