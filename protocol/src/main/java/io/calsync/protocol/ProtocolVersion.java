package io.calsync.protocol;

/** The version of the agent ⇄ master protocol, sent by both sides in heartbeats and {@code /health}. */
public final class ProtocolVersion {
  /**
   * The current protocol version. Additive changes (a new optional field, a new update type an
   * agent may ignore) keep it; a change an older peer would misread bumps it.
   */
  public static final String CURRENT = "1";

  private ProtocolVersion() {}
}
