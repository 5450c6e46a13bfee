package io.calsync.server.store;

import io.calsync.server.store.ItemRepository.OriginKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conflicts the {@code manual} strategy keeps until a person resolves them. */
public interface ConflictRepository {

  /** How a conflict was settled. */
  enum Resolution {
    /** The uploaded (incoming) version won. */
    SOURCE_WINS,
    /** The master's version at the time of the conflict won. */
    DESTINATION_WINS,
    /** A person supplied a merged version. */
    MERGED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Resolution parse(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /**
   * Both versions of an item as they were when the concurrent change arrived.
   *
   * @param baseVersion the base the uploader sent; null when it never had a master version
   * @param masterVersion the master's current version then
   * @param masterIcs the master's text then; null when {@code masterDeleted}
   * @param incomingIcs the uploaded text; null when {@code incomingDeleted}
   * @param incomingHash the uploaded content hash (null for a delete), to recognise a repeat
   * @param agentId the uploading agent (null for the destination)
   * @param resolvedVersion the master version the resolution became, once resolved
   */
  record Conflict(
      String id,
      String calendarId,
      String uid,
      boolean open,
      String strategy,
      Long baseVersion,
      long masterVersion,
      boolean masterDeleted,
      String masterIcs,
      boolean incomingDeleted,
      String incomingIcs,
      String incomingHash,
      OriginKind originKind,
      String agentId,
      String sourceName,
      Instant createdAt,
      Instant resolvedAt,
      Resolution resolution,
      Long resolvedVersion) {

    public Conflict resolved(Instant at, Resolution how, long version) {
      return new Conflict(id, calendarId, uid, false, strategy, baseVersion, masterVersion, masterDeleted, masterIcs,
          incomingDeleted, incomingIcs, incomingHash, originKind, agentId, sourceName, createdAt, at, how, version);
    }
  }

  void insert(Conflict conflict);

  Optional<Conflict> find(String id);

  /**
   * An open conflict of this item from this origin with this incoming content, so a repeated
   * upload of the same concurrent change does not pile up records.
   */
  Optional<Conflict> findOpen(String calendarId, String uid, String agentId, String sourceName,
      boolean incomingDeleted, String incomingHash);

  /** Open conflicts (newest first), then resolved ones (most recently resolved first). */
  List<Conflict> recent(int limit);

  /**
   * Saves a resolution, only if the conflict is still open.
   *
   * @return false when it was already resolved (someone else was first)
   */
  boolean markResolved(Conflict resolved);
}
