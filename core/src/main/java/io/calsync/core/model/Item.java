package io.calsync.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One calendar item: everything a UID stands for (master VEVENT, its RECURRENCE-ID overrides and
 * the VTIMEZONEs they use), as one serialised VCALENDAR text.
 *
 * <p>Items are built by the ical module, which parses the text once and fills in the derived
 * fields; the sync engine never looks inside {@link #text()}.
 *
 * @param uid the iCalendar UID, the item's identity within a calendar
 * @param text the item as a complete VCALENDAR object, as it should be written to a storage
 * @param hash content hash of the normalised item (see the ical module's normaliser)
 * @param lastModified LAST-MODIFIED of the master component, else its DTSTAMP; null if neither
 * @param sequence SEQUENCE of the master component (0 when absent)
 * @param summary SUMMARY of the master component, for reports; may be empty
 */
public record Item(
    String uid, String text, String hash, Instant lastModified, int sequence, String summary) {

  public Item {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(hash, "hash");
    summary = summary == null ? "" : summary;
  }
}
