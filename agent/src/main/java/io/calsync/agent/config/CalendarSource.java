package io.calsync.agent.config;

import io.calsync.core.sync.ConflictStrategy;
import java.util.Optional;

/**
 * One entry of {@code calendar_sources}. Optional strings are empty when the key is absent.
 * Secrets ({@code credentials}, {@code password}) are held in types whose {@code toString()} hides
 * them, so this record's {@code toString()} shows none.
 *
 * @param type {@code type}
 * @param name {@code name}, the display name
 * @param calendarName {@code calendar_name}
 * @param calendarId {@code calendar_id} (for {@code caldav} and {@code apple}: the calendar's URL)
 * @param folderId {@code folder_id} (Outlook for Mac)
 * @param accountUid {@code account_uid} (Outlook for Mac)
 * @param path {@code path}: for {@code ics}, a folder of .ics files or one .ics file
 * @param masterCalendar {@code master_calendar}: the master calendar (id or name) this source is
 *     a copy of; empty lets the master choose
 * @param allowMetadataUpdates {@code allow_metadata_updates}, default true
 * @param allowEventUpdates {@code allow_event_updates}, default true
 * @param conflictResolution {@code conflict_resolution}; empty means the master's default
 * @param credentials {@code credentials}, plain (encrypted ones are rejected for now)
 * @param syncFilters {@code sync_filters}, {@link SyncFilters#NONE} when absent
 * @param allowMassDeletes {@code allow_mass_deletes} (calsync's own), default false: whether a
 *     source that suddenly lists nothing while the agent's status holds items may upload all
 *     those deletions; false keeps them back with a loud warning (an unmounted folder, an emptied
 *     file or a wrong account looks exactly like that)
 * @param exchangeUrl {@code exchange_url} (Exchange, as in the seed)
 * @param username {@code username} (Exchange, as in the seed)
 * @param password {@code password} (Exchange, as in the seed)
 */
public record CalendarSource(
    SourceType type,
    String name,
    Optional<String> calendarName,
    Optional<String> calendarId,
    Optional<String> folderId,
    Optional<String> accountUid,
    Optional<String> path,
    Optional<String> masterCalendar,
    boolean allowMetadataUpdates,
    boolean allowEventUpdates,
    Optional<ConflictStrategy> conflictResolution,
    Optional<Credentials> credentials,
    SyncFilters syncFilters,
    boolean allowMassDeletes,
    Optional<String> exchangeUrl,
    Optional<String> username,
    Optional<Secret> password) {

  /** Whether calsync can sync this source today; otherwise the agent refuses to start it. */
  public boolean availableNow() {
    return type.availableNow();
  }

  /** {@code ok} or {@code not supported yet}, as {@code calsync agent --check} prints it. */
  public String status() {
    return availableNow() ? "ok" : "not supported yet";
  }
}
