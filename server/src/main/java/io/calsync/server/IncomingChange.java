package io.calsync.server;

import io.calsync.core.model.Item;

/**
 * An uploaded change that passed {@link ItemChangeValidator}: a delete, or a put whose text
 * parsed as one item with the change's UID.
 *
 * @param item the parsed item of a put (content hash, LAST-MODIFIED/DTSTAMP, SEQUENCE); null for a delete
 * @param baseVersion the master version the change was made on, or null
 */
record IncomingChange(String uid, Item item, Long baseVersion) {

  boolean isDelete() {
    return item == null;
  }

  String ics() {
    return item == null ? null : item.text();
  }

  String contentHash() {
    return item == null ? null : item.hash();
  }
}
