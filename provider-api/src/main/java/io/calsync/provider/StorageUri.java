package io.calsync.provider;

import io.calsync.core.storage.StorageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A storage URI split into its storage type and the rest.
 *
 * <p>The form is {@code <type>:<value>}: {@code ics:/home/me/cal} is type {@code ics}, value
 * {@code /home/me/cal}. A type followed by {@code +} keeps the part after the plus in the value, so
 * that a provider can carry a transport: {@code caldav+https://host/dav/} is type {@code caldav},
 * value {@code https://host/dav/}. Types are case-insensitive and reported in lower case. A bare
 * Windows path such as {@code C:\cal} reads as type {@code c}, which no factory claims, so the
 * user is told the supported types.
 *
 * @param type the storage type, lower case (the {@link StorageFactory#type()} to look up)
 * @param value what the storage type makes of it: a path, a URL…; never empty
 * @param original the URI as given, for messages
 */
public record StorageUri(String type, String value, String original) {

  private static final Pattern FORM =
      Pattern.compile(
          "([A-Za-z][A-Za-z0-9.-]*)(?:\\+([A-Za-z][A-Za-z0-9+.-]*:.*)|:(.*))", Pattern.DOTALL);

  private static final String ACCEPTED =
      "expected <type>:<location>, e.g. ics:/home/me/calendars/work or ics-file:calendar.ics";

  public StorageUri {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(original, "original");
  }

  /**
   * Parses a storage URI.
   *
   * @throws StorageException.InvalidConfiguration when {@code uri} is empty, has no type or
   *     nothing after the type, with a message showing the accepted form
   */
  public static StorageUri parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new StorageException.InvalidConfiguration("empty storage URI: " + ACCEPTED);
    }
    String trimmed = uri.strip();
    Matcher m = FORM.matcher(trimmed);
    if (!m.matches()) {
      throw new StorageException.InvalidConfiguration(
          "storage URI '" + uri + "' has no storage type: " + ACCEPTED);
    }
    String type = m.group(1).toLowerCase(Locale.ROOT);
    String value = m.group(2) != null ? m.group(2) : m.group(3);
    if (value.isBlank()) {
      throw new StorageException.InvalidConfiguration(
          "storage URI '" + uri + "' names no location after '" + type + ":': " + ACCEPTED);
    }
    return new StorageUri(type, value, trimmed);
  }

  /**
   * The value as a local path: {@code ~} and a leading {@code ~/} stand for the user's home
   * folder, a relative path is resolved against the working directory. The result is absolute
   * and normalised.
   *
   * @throws StorageException.InvalidConfiguration when the value is not a valid path here
   */
  public Path path() {
    try {
      Path p;
      if (value.equals("~")) {
        p = home();
      } else if (value.startsWith("~/") || value.startsWith("~\\")) {
        p = home().resolve(value.substring(2));
      } else {
        p = Path.of(value);
      }
      return p.toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new StorageException.InvalidConfiguration(
          "'" + original + "': '" + value + "' is not a valid path: " + e.getReason());
    }
  }

  private static Path home() {
    return Path.of(System.getProperty("user.home"));
  }

  @Override
  public String toString() {
    return original;
  }
}
