package io.calsync.core.sync;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the engine settles an item that both sides changed since the last sync. The names are the
 * product's configuration values ({@code CONFLICT_RESOLUTION}, {@code --conflict}).
 */
public enum ConflictStrategy {
  /** The source (side A, {@code --from}) wins, for edits and deletions alike. */
  SOURCE_WINS,
  /** The destination (side B, {@code --to}) wins, for edits and deletions alike. */
  DESTINATION_WINS,
  /**
   * The later version wins: LAST-MODIFIED (else DTSTAMP), then SEQUENCE, then the greater content
   * hash, so every run on every machine picks the same winner. An edit beats a concurrent delete.
   */
  LATEST_WINS,
  /**
   * Nothing is overwritten: both versions are kept in a conflict record until {@code calsync
   * conflicts resolve} picks one. An edit beats a concurrent delete.
   */
  MANUAL;

  /** The configuration word, e.g. {@code latest_wins}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration word ({@code source_wins}, {@code destination_wins}, {@code
   * latest_wins}, {@code manual}; case and {@code -} versus {@code _} do not matter).
   *
   * @throws IllegalArgumentException naming the accepted words
   */
  public static ConflictStrategy parse(String word) {
    String key = word == null ? "" : word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (ConflictStrategy s : values()) {
      if (s.name().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown conflict strategy '"
            + word
            + "': use one of "
            + Arrays.stream(values()).map(ConflictStrategy::configName).collect(Collectors.joining(", ")));
  }
}
