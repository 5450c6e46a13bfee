package io.calsync.core.model;

import java.util.Objects;

/** An entry of a storage listing: where an item lives and its current version token. */
public record ListedItem(String href, String etag) {
  public ListedItem {
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(etag, "etag");
  }
}
