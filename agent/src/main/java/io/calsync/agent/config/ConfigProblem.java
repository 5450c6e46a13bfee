package io.calsync.agent.config;

/**
 * One problem (or warning) in a configuration file: where, as a JSON path such as {@code
 * $.calendar_sources[1].type} (empty for the file as a whole), and what. Never carries a secret.
 */
public record ConfigProblem(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
