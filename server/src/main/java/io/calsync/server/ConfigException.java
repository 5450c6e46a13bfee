package io.calsync.server;

/** A configuration value the master cannot start with; the message names the key and what it accepts. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** The offending key, e.g. {@code API_PORT}. */
  public String key() {
    return key;
  }
}
