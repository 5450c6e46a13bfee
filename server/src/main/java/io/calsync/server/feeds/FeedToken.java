package io.calsync.server.feeds;

import java.time.Instant;
import java.util.List;

/**
 * A secret feed URL's grant: which calendars ({@code all}: every one, also those created later)
 * and whether events are reduced to busy blocks.
 */
record FeedToken(String id, String name, boolean all, List<String> calendarIds, boolean busyOnly, Instant createdAt) {
  FeedToken {
    calendarIds = List.copyOf(calendarIds);
  }

  boolean covers(String calendarId) {
    return all || calendarIds.contains(calendarId);
  }
}
