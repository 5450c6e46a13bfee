package io.calsync.core.storage;

/**
 * What a storage can do. The engine and the contract suite consult these flags instead of
 * provoking errors.
 *
 * @param readOnly items cannot be created, updated or deleted
 * @param metadataWritable {@link CalendarStorage#updateMetadata} works
 * @param incremental {@link CalendarStorage#changesSince} answers with deltas
 */
public record Capabilities(boolean readOnly, boolean metadataWritable, boolean incremental) {

  public static Capabilities full() {
    return new Capabilities(false, true, false);
  }

  public static Capabilities readOnlyStorage() {
    return new Capabilities(true, false, false);
  }
}
