package io.calsync.agent.state;

/**
 * What the agent keeps for one source besides its items.
 *
 * @param masterToken the master's token: pass as {@code since} for what changed after it; 0 before
 *     the first download
 * @param localSyncToken the local storage's sync token for {@code changesSince}, or null
 * @param masterCalendarId the master calendar as the master last named it, or null
 */
public record SourceState(long masterToken, String localSyncToken, String masterCalendarId) {
  public static final SourceState NEW = new SourceState(0, null, null);

  public SourceState withMasterToken(long token, String calendarId) {
    return new SourceState(token, localSyncToken, calendarId != null ? calendarId : masterCalendarId);
  }

  public SourceState withLocalSyncToken(String token) {
    return new SourceState(masterToken, token, masterCalendarId);
  }
}
