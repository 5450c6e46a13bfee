package io.calsync.ical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The fixture corpus under {@code src/test/resources/fixtures}. */
final class Fixtures {

  /** Valid fixtures; each holds one or more items. */
  static final List<String> VALID =
      List.of(
          "weekly-with-exdate-and-override.ics",
          "allday.ics",
          "multi-timezone.ics",
          "monthly-byday.ics",
          "attendees-long-description.ics",
          "unknown-x-props-and-params.ics",
          "outlook-export.ics",
          "override-without-master.ics",
          "vtodo.ics",
          "google-export-with-calendar-properties.ics");

  /** Valid fixtures that hold exactly one item, as a per-item file (vdir, CalDAV) does. */
  static final List<String> SINGLE_ITEM =
      VALID.stream()
          .filter(f -> !f.equals("multi-timezone.ics"))
          .filter(f -> !f.startsWith("google-export"))
          .toList();

  static final List<String> INVALID =
      List.of(
          "truncated.ics",
          "no-uid.ics",
          "two-uids.ics",
          "garbage.ics",
          "html-error-page.ics",
          "empty.ics",
          "no-component.ics",
          "unterminated-component.ics");

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String invalid(String name) {
    return read("invalid/" + name);
  }

  /** Joins lines with CRLF and a final CRLF. */
  static String ics(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }
}
