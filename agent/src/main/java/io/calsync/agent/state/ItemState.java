package io.calsync.agent.state;

/**
 * What the agent last knew of one UID of a source.
 *
 * @param uid the iCalendar UID
 * @param href where the local storage keeps it; null when it is deleted locally but the deletion is
 *     not settled with the master yet (a parked conflict)
 * @param etag the local etag last seen or written (null when the storage could not tell)
 * @param hash the normalised content hash of the local copy
 * @param baseVersion the master version the local copy agrees with; null when the master never had
 *     it from or for this source
 * @param sharing how it goes to the master (sync_filters)
 * @param conflictHash the hash of an upload parked as a conflict at the master (not sent again)
 * @param rejectedHash the hash of an upload the master rejected (not sent again)
 */
public record ItemState(
    String uid,
    String href,
    String etag,
    String hash,
    Long baseVersion,
    Sharing sharing,
    String conflictHash,
    String rejectedHash) {

  /** Stands for "deleted" in {@link #conflictHash} and {@link #rejectedHash}. */
  public static final String DELETION = "deleted";

  /** A local item in agreement with master version {@code version} (or none yet). */
  public static ItemState agreed(String uid, String href, String etag, String hash, Long version, Sharing sharing) {
    return new ItemState(uid, href, etag, hash, version, sharing, null, null);
  }

  public ItemState withLocal(String newHref, String newEtag, String newHash) {
    return new ItemState(uid, newHref, newEtag, newHash, baseVersion, sharing, conflictHash, rejectedHash);
  }

  public ItemState withEtag(String newEtag) {
    return new ItemState(uid, href, newEtag, hash, baseVersion, sharing, conflictHash, rejectedHash);
  }

  public ItemState withSharing(Sharing newSharing) {
    return new ItemState(uid, href, etag, hash, baseVersion, newSharing, conflictHash, rejectedHash);
  }

  public ItemState withBase(Long version) {
    return new ItemState(uid, href, etag, hash, version, sharing, null, null);
  }

  public ItemState inConflict(String uploadedHash) {
    return new ItemState(uid, href, etag, hash, baseVersion, sharing, uploadedHash, null);
  }

  public ItemState rejected(String uploadedHash) {
    return new ItemState(uid, href, etag, hash, baseVersion, sharing, null, uploadedHash);
  }

  /** Whether this upload (by its hash) was already parked or refused by the master. */
  public boolean alreadyRefused(String uploadHash) {
    return uploadHash.equals(conflictHash) || uploadHash.equals(rejectedHash);
  }
}
