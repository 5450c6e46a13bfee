package io.calsync.agent.reconcile;

import io.calsync.core.model.Item;
import java.util.Map;
import java.util.Set;

/**
 * What changed in a source's local storage since the agent's status.
 *
 * @param changed UIDs created or edited locally (content hash moved), with their current copy
 * @param etagOnly UIDs whose etag (or href) moved but whose content did not (a touch, a
 *     re-serialisation): the status learns where and what it is now, nothing is uploaded
 * @param deleted UIDs gone from the storage (from a complete listing or the storage's deltas)
 * @param unreadable UIDs (or, unknown to the status, hrefs) the storage lists but cannot parse:
 *     left alone on both sides
 * @param heldDeletes how many deletions were kept back because the source suddenly lists nothing
 * @param syncToken the storage's new sync token, or null
 */
record LocalChanges(
    Map<String, LocalItem> changed,
    Map<String, LocalItem> etagOnly,
    Set<String> deleted,
    Set<String> unreadable,
    int heldDeletes,
    String syncToken) {

  /** One local item as the storage holds it now. */
  record LocalItem(String href, String etag, Item item) {}

  boolean touches(String uid) {
    return changed.containsKey(uid) || deleted.contains(uid) || unreadable.contains(uid);
  }
}
