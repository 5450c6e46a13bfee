package io.calsync.core.model;

/** The answer of a storage to a request for one href. */
public sealed interface Fetched {
  String href();

  /** The item was read and parsed. */
  record Found(String href, String etag, Item item) implements Fetched {}

  /** Nothing is stored at the href (any more). */
  record Missing(String href) implements Fetched {}

  /**
   * Something is stored at the href but could not be read or parsed. The engine reports it and
   * leaves the item alone on both sides: an unreadable item is never taken for a deleted one.
   */
  record Unreadable(String href, String etag, String reason) implements Fetched {}
}
