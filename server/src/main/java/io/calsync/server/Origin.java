package io.calsync.server;

import io.calsync.server.store.CalendarRepository.SourceMapping;
import io.calsync.server.store.ItemRepository.OriginKind;

/**
 * Where a change of an item comes from. It decides who is left out of the fan-out (never the
 * source a change came from) and which conflict strategy applies.
 *
 * @param agentId the agent for {@link OriginKind#AGENT}, else null
 * @param sourceName that agent's calendar source, else null
 */
public record Origin(OriginKind kind, String agentId, String sourceName) {

  /** A change uploaded by an agent from one of its calendar sources. */
  public static Origin agent(String agentId, String sourceName) {
    return new Origin(OriginKind.AGENT, agentId, sourceName);
  }

  /** A change read from the destination calendar: it fans out to every agent holder. */
  public static Origin destination() {
    return new Origin(OriginKind.DESTINATION, null, null);
  }

  /** A CalDAV client writing through the master's {@code /dav/}: it fans out to every agent holder. */
  public static Origin dav() {
    return new Origin(OriginKind.DAV, null, null);
  }

  /** A person resolving a conflict: the result goes to every holder, the uploader included. */
  static Origin resolution() {
    return new Origin(OriginKind.RESOLUTION, null, null);
  }

  /** True for the holder this change came from. */
  boolean isHolder(SourceMapping m) {
    return kind == OriginKind.AGENT && m.agentId().equals(agentId) && m.sourceName().equals(sourceName);
  }

  /** For activity messages: {@code agent a1/Work}, {@code the destination}, {@code a resolution}. */
  String describe() {
    return switch (kind) {
      case AGENT -> "agent " + agentId + "/" + sourceName;
      case DESTINATION -> "the destination";
      case RESOLUTION -> "a conflict resolution";
      case DAV -> "a CalDAV client";
    };
  }
}
