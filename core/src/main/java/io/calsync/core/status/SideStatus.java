package io.calsync.core.status;

import java.util.Objects;

/**
 * What one side held of an item after it was last synced.
 *
 * @param href where the item lives on that side
 * @param etag its version token then (null if the storage did not tell)
 * @param hash its normalised content hash then
 */
public record SideStatus(String href, String etag, String hash) {
  public SideStatus {
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(hash, "hash");
  }
}
