package io.calsync.core.status;

/**
 * One side's version of a conflicting item, kept whole so that nothing is lost while a person
 * decides.
 *
 * @param href where the item lives on that side, or null when that side deleted it
 * @param etag its version token, or null
 * @param hash its content hash, or null when deleted
 * @param text the full iCalendar text, or null when deleted
 */
public record ConflictVersion(String href, String etag, String hash, String text) {
  public boolean deleted() {
    return text == null;
  }
}
