package io.calsync.core.model;

import java.util.List;

/**
 * What changed in a storage since a sync token (RFC 6578 style).
 *
 * @param changed items created or modified since the token, with their new etags
 * @param deletedHrefs hrefs of items removed since the token
 * @param syncToken the token to ask with next time
 */
public record Changes(List<ListedItem> changed, List<String> deletedHrefs, String syncToken) {
  public Changes {
    changed = List.copyOf(changed);
    deletedHrefs = List.copyOf(deletedHrefs);
  }
}
