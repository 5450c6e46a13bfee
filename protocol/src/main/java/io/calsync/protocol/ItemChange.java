package io.calsync.protocol;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One local change an agent uploads: an item (one UID: master VEVENT, overrides and the VTIMEZONEs
 * they use) written or deleted in a source calendar.
 *
 * @param uid the iCalendar UID; the item's identity within the master calendar
 * @param action {@code put} (created or changed) or {@code delete}
 * @param ics for {@code put}: the whole item as one VCALENDAR text; null for {@code delete}
 * @param baseVersion the master version this change was made on (the version the agent last
 *     received or was given for this UID), or null when the agent never saw a master version of it
 *     (an item created locally). A base that is not the master's current version makes the change
 *     concurrent: the master settles it by the conflict strategy (see {@link ItemOutcome}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ItemChange(String uid, String action, String ics, Long baseVersion) {
  public static final String PUT = "put";
  public static final String DELETE = "delete";

  public static ItemChange put(String uid, String ics, Long baseVersion) {
    return new ItemChange(uid, PUT, ics, baseVersion);
  }

  public static ItemChange delete(String uid, Long baseVersion) {
    return new ItemChange(uid, DELETE, null, baseVersion);
  }

  public boolean isDelete() {
    return DELETE.equals(action);
  }
}
