package io.calsync.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Writes and reads .ics files of vdir folders for tests. */
final class Ics {

  private Ics() {}

  /** A VCALENDAR with one VEVENT; {@code minute} moves LAST-MODIFIED so that edits are newer. */
  static String event(String uid, String summary, int minute) {
    return String.join(
        "\r\n",
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//calsync//tests//EN",
        "BEGIN:VEVENT",
        "UID:" + uid,
        "DTSTAMP:20260105T09%02d00Z".formatted(minute),
        "LAST-MODIFIED:20260105T09%02d00Z".formatted(minute),
        "SUMMARY:" + summary,
        "DTSTART:20260112T100000Z",
        "DTEND:20260112T110000Z",
        "END:VEVENT",
        "END:VCALENDAR",
        "");
  }

  static void write(Path folder, String uid, String summary, int minute) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(uid + ".ics"), event(uid, summary, minute));
  }

  /** The .ics file names in a folder, sorted. */
  static java.util.List<String> files(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ics"))
          .sorted()
          .toList();
    }
  }

  /** The text of the file holding {@code uid} (named after it, as the ics storage does). */
  static String read(Path folder, String uid) throws IOException {
    return Files.readString(folder.resolve(uid + ".ics"));
  }

  static void clear(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".ics")).toList()) {
        Files.delete(p);
      }
    }
  }
}
