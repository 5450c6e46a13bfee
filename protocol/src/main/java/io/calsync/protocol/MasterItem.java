package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One item of a master calendar as the master holds it.
 *
 * @param uid the iCalendar UID
 * @param version the master version, counting up from 1 for each accepted change of this UID
 * @param deleted a tombstone: the item was deleted at this version ({@code ics} is null)
 * @param ics the whole item as one VCALENDAR, or null when deleted
 * @param contentHash the normalised content hash (DTSTAMP, PRODID… ignored), lets an agent link an
 *     identical local copy without a write
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MasterItem(String uid, long version, boolean deleted, String ics, String contentHash) {}
