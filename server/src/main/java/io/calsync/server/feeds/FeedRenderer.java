package io.calsync.server.feeds;

import io.calsync.core.model.Item;
import io.calsync.ical.BusyBlock;
import io.calsync.ical.IcalCodec;
import io.calsync.server.ItemService;
import io.calsync.server.dav.CalendarItems;
import io.calsync.server.store.CalendarRepository.Calendar;
import io.calsync.server.store.ItemRepository.StoredItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription feed: every live item of the calendars as one VCALENDAR, joined by the ical
 * module (each VTIMEZONE once), optionally reduced to busy blocks ({@link BusyBlock#forFeed}).
 */
final class FeedRenderer {

  /** What a feed answers, and the validators of that answer. */
  record Feed(String etag, Instant lastModified, List<Calendar> calendars, boolean busyOnly) {}

  private final ItemService items;

  FeedRenderer(ItemService items) {
    this.items = items;
  }

  /**
   * The validators of a feed, cheap enough for every request: the strong ETag digests each
   * calendar's id, last change sequence number and last metadata change (a rename changes the
   * feed too), and the projection; Last-Modified is the latest of those changes.
   */
  Feed describe(List<Calendar> calendars, boolean busyOnly) {
    StringBuilder state = new StringBuilder(busyOnly ? "busy" : "full");
    Instant lastModified = Instant.EPOCH;
    for (Calendar cal : calendars) {
      var last = items.lastChange(cal.id());
      long seq = last.map(StoredItem::seq).orElse(0L);
      state.append('|').append(cal.id()).append(':').append(seq).append(':').append(cal.updatedAt().toEpochMilli());
      if (cal.updatedAt().isAfter(lastModified)) lastModified = cal.updatedAt();
      if (last.isPresent() && last.get().updatedAt().isAfter(lastModified)) lastModified = last.get().updatedAt();
    }
    return new Feed("\"" + sha256(state.toString()).substring(0, 32) + "\"", lastModified, calendars, busyOnly);
  }

  String render(Feed feed, String name) {
    List<Item> all = new ArrayList<>();
    for (Calendar cal : feed.calendars()) {
      for (StoredItem stored : CalendarItems.live(items, cal.id())) {
        Item item = IcalCodec.parseItem(stored.ics(), "item " + stored.uid());
        all.add(feed.busyOnly() ? BusyBlock.forFeed(item) : item);
      }
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("X-WR-CALNAME", name);
    if (feed.calendars().size() == 1) {
      Calendar only = feed.calendars().get(0);
      if (only.description() != null && !feed.busyOnly()) properties.put("X-WR-CALDESC", only.description());
      if (only.color() != null) properties.put("X-APPLE-CALENDAR-COLOR", only.color());
    }
    return IcalCodec.joinCalendar(all, properties);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
