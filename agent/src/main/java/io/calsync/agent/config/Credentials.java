package io.calsync.agent.config;

import java.util.Map;
import java.util.Objects;

/**
 * A calendar source's {@code credentials} object, provider specific ({@code client_id}, {@code
 * refresh_token}, {@code username}…). Values that are not strings are kept as their JSON text.
 * {@link #toString()} names the keys only, never the values.
 */
public final class Credentials {
  private final Map<String, String> values;

  public Credentials(Map<String, String> values) {
    this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
  }

  /** Every credential, by key, for the provider that authenticates with them. */
  public Map<String, String> reveal() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Credentials" + new java.util.TreeSet<>(values.keySet()) + " (values hidden)";
  }
}
