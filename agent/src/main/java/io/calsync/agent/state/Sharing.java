package io.calsync.agent.state;

import java.util.Locale;

/** How a local item goes to the master under the source's {@code sync_filters}. */
public enum Sharing {
  /** As it is. */
  FULL,
  /** As a busy block: its times only ({@code exclude_private} with {@code private_as_busy}). */
  BUSY,
  /** Not at all: it does not pass the filters. */
  HELD_BACK;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Sharing fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
