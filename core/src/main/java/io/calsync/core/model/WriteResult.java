package io.calsync.core.model;

/**
 * Where a storage put an item and the version it now has.
 *
 * @param href where the item lives now (a server may choose another name than asked)
 * @param etag the new version token; null when the storage could not tell (the engine will then
 *     learn it from the next listing without taking it for a change)
 */
public record WriteResult(String href, String etag) {}
