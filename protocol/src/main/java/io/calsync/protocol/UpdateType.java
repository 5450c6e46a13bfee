package io.calsync.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of update the master queues for an agent; the wire names are the seed's. */
public enum UpdateType {
  /** {@code data}: {@code calendar_id}, {@code provider}, {@code changes{name,color,description}}. */
  CALENDAR_METADATA("calendar_metadata"),
  /** {@code data}: {@code changes{sync_interval_minutes, enable_bidirectional_sync, …}}. */
  SYNC_CONFIG("sync_config"),
  /**
   * {@code data}: {@code action} (create|update|delete), {@code calendar_id} (the provider's id),
   * {@code master_calendar_id}, {@code source_name}, {@code uid}, {@code version} and {@code event}
   * ({@code id}, {@code title}, {@code start_time}, {@code end_time} as in the seed, plus the whole
   * item as {@code ics}). Agents apply it by bringing the source up to the master's version (see
   * docs/protocol.md), so a repeated or out-of-order delivery is harmless.
   */
  EVENT_UPDATE("event_update"),
  /** {@code data}: {@code provider} and {@code calendar{name,color,…}}. */
  CALENDAR_CREATE("calendar_create"),
  /** {@code data}: {@code calendar_id} and {@code provider}. */
  CALENDAR_DELETE("calendar_delete");

  private final String wireName;

  UpdateType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the wire, e.g. {@code calendar_metadata}. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The type with this wire name, if any (exact, case-insensitive). */
  public static Optional<UpdateType> find(String wireName) {
    if (wireName == null) {
      return Optional.empty();
    }
    String key = wireName.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(key)).findFirst();
  }

  /**
   * Parses a wire name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  @JsonCreator
  public static UpdateType parse(String wireName) {
    return find(wireName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown update type '" + wireName + "': use one of " + acceptedValues()));
  }

  /** The accepted wire names, comma separated, for error messages. */
  public static String acceptedValues() {
    return Arrays.stream(values()).map(UpdateType::wireName).collect(Collectors.joining(", "));
  }
}
