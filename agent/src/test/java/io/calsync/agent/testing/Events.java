package io.calsync.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small iCalendar items for tests. */
public final class Events {
  private Events() {}

  /** One VEVENT on 2026-12-01 10:00–11:00 UTC, with extra content lines. */
  public static String event(String uid, String summary, String... extraLines) {
    return eventAt(uid, summary, "20261201T100000Z", "20261201T110000Z", extraLines);
  }

  public static String eventAt(String uid, String summary, String start, String end, String... extraLines) {
    StringBuilder sb = new StringBuilder();
    sb.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync test//EN\r\nBEGIN:VEVENT\r\n");
    sb.append("UID:").append(uid).append("\r\n");
    sb.append("DTSTAMP:20261101T000000Z\r\n");
    sb.append("DTSTART:").append(start).append("\r\nDTEND:").append(end).append("\r\n");
    sb.append("SUMMARY:").append(summary).append("\r\n");
    for (String line : extraLines) {
      sb.append(line).append("\r\n");
    }
    sb.append("END:VEVENT\r\nEND:VCALENDAR\r\n");
    return sb.toString();
  }

  /** Writes {@code ics} as {@code <uid>.ics} into {@code folder}. */
  public static Path writeFile(Path folder, String uid, String ics) {
    try {
      return Files.writeString(folder.resolve(uid + ".ics"), ics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SUMMARY of the file {@code <uid>.ics} in {@code folder}, or null when there is none. */
  public static String summaryOf(Path folder, String uid) {
    Path f = folder.resolve(uid + ".ics");
    if (!Files.exists(f)) {
      return null;
    }
    try {
      return Files.readAllLines(f).stream().filter(l -> l.startsWith("SUMMARY:")).map(l -> l.substring(8).strip())
          .findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
