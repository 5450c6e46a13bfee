package io.calsync.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calsync.core.model.Item;
import io.calsync.ical.EventTimes;
import io.calsync.ical.IcalCodec;
import io.calsync.protocol.UpdateType;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.CalendarRepository.SourceMapping;
import io.calsync.server.store.ItemRepository.StoredItem;

/**
 * Queues one {@code event_update} per holder of a master calendar that takes event updates,
 * in the caller's transaction, with the payload docs/protocol.md defines.
 */
final class EventUpdateFanOut {
  private final CalendarRepository calendars;
  private final QueueService queues;
  private final ObjectMapper json;
  private final ServerConfig config;

  EventUpdateFanOut(CalendarRepository calendars, QueueService queues, ObjectMapper json, ServerConfig config) {
    this.calendars = calendars;
    this.queues = queues;
    this.json = json;
    this.config = config;
  }

  /**
   * Queues the new version {@code item} for every holder with {@code allow_event_updates} except the
   * one it came from.
   *
   * @param existedBefore whether a live version preceded it (update versus create)
   * @return how many updates were queued
   */
  int queue(StoredItem item, boolean existedBefore, Origin origin) {
    if (!config.bidirectionalSync()) return 0;
    ObjectNode event = event(item);
    String action = item.deleted() ? "delete" : existedBefore ? "update" : "create";
    int queued = 0;
    for (SourceMapping holder : calendars.sourcesOf(item.calendarId())) {
      if (!holder.allowEventUpdates() || origin.isHolder(holder)) continue;
      ObjectNode data = json.createObjectNode();
      data.put("action", action);
      data.put("calendar_id", holder.providerCalendarId() != null ? holder.providerCalendarId() : item.calendarId());
      data.put("master_calendar_id", item.calendarId());
      data.put("source_name", holder.sourceName());
      data.put("uid", item.uid());
      data.put("version", item.version());
      data.set("event", event);
      queues.enqueue(holder.agentId(), UpdateType.EVENT_UPDATE, data, item.calendarId());
      queued++;
    }
    return queued;
  }

  /** The seed's event fields plus the whole item as {@code ics}; only {@code id} for a deletion. */
  private ObjectNode event(StoredItem item) {
    ObjectNode event = json.createObjectNode();
    event.put("id", item.uid());
    if (item.deleted()) return event;
    // the text was validated when it was stored, so it parses
    Item parsed = IcalCodec.parseItem(item.ics(), "uid " + item.uid());
    EventTimes times = IcalCodec.eventTimes(item.ics(), "uid " + item.uid());
    event.put("title", parsed.summary());
    event.put("start_time", times.start());
    event.put("end_time", times.end());
    event.put("ics", item.ics());
    return event;
  }
}
