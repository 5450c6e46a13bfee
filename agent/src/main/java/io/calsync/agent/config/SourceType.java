package io.calsync.agent.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code type} of a calendar source in the agent's configuration: the seed's six types plus
 * calsync's {@code ics}, {@code caldav} and {@code apple}. Only those three have a storage today;
 * a configuration naming another type is valid, but the agent refuses to start that source.
 */
public enum SourceType {
  ICS(true),
  CALDAV(true),
  APPLE(true),
  OUTLOOK(false),
  OUTLOOK_MAC(false),
  MACOS_CALENDAR(false),
  GOOGLE(false),
  MICROSOFT(false),
  EXCHANGE(false);

  private final boolean availableNow;

  SourceType(boolean availableNow) {
    this.availableNow = availableNow;
  }

  /** The configuration word, e.g. {@code outlook_mac}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether calsync can sync this type today ({@code ics}, {@code caldav}, {@code apple}). */
  public boolean availableNow() {
    return availableNow;
  }

  /** The configuration words, in declaration order, comma separated. */
  public static String supportedList() {
    return Arrays.stream(values()).map(SourceType::configName).collect(Collectors.joining(", "));
  }

  /** The type named by a configuration word (case does not matter), if any. */
  public static Optional<SourceType> fromConfigName(String word) {
    for (SourceType t : values()) {
      if (t.configName().equalsIgnoreCase(word.trim())) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
