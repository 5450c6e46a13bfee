package io.calsync.ical;

import io.calsync.core.model.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An item reduced to when it takes place: the times, recurrence and identity stay, everything
 * that says what it is (summary, description, location, attendees, alarms, attachments…) goes,
 * and the summary becomes {@value #SUMMARY}. What {@code sync_filters.private_as_busy} uploads
 * for a private event, so that others see the time taken but nothing about it.
 */
public final class BusyBlock {

  /** The summary of every busy block. */
  public static final String SUMMARY = "Busy";

  /** The properties a busy block keeps: identity, time, recurrence, versioning, free/busy. */
  private static final Set<String> KEPT =
      Set.of(
          "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
          "RECURRENCE-ID", "SEQUENCE", "LAST-MODIFIED", "CREATED", "TRANSP", "STATUS", "CLASS");

  /**
   * What a busy-only subscription feed keeps: only when the time is taken. Unlike {@link #KEPT}
   * the feed drops the event's own CLASS, STATUS and TRANSP and says {@code CLASS:PRIVATE}, since
   * a feed is read by people who should learn nothing but the times.
   */
  private static final Set<String> FEED_KEPT =
      Set.of(
          "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
          "RECURRENCE-ID", "SEQUENCE", "LAST-MODIFIED");

  private BusyBlock() {}

  /** The busy block of {@code item}, as a new item (its hash is the busy block's). */
  public static Item of(Item item) {
    return project(item, KEPT, List.of());
  }

  /**
   * The busy-only feed projection of {@code item}: times, recurrence and overrides, {@code
   * SUMMARY:Busy} and {@code CLASS:PRIVATE}; no description, location, attendees, organizer or
   * alarms.
   */
  public static Item forFeed(Item item) {
    return project(item, FEED_KEPT, List.of(new IcalTree.Prop("CLASS", List.of(), "PRIVATE")));
  }

  private static Item project(Item item, Set<String> kept, List<IcalTree.Prop> added) {
    IcalTree tree = IcalCodec.parseTree(item.text(), "item " + item.uid());
    List<IcalTree.Comp> comps = new ArrayList<>(tree.components().size());
    for (IcalTree.Comp c : tree.components()) {
      if (c.name().equals("VTIMEZONE")) {
        comps.add(c);
        continue;
      }
      List<IcalTree.Prop> props = new ArrayList<>();
      for (IcalTree.Prop p : c.properties()) {
        if (kept.contains(p.name())) {
          props.add(p);
        }
      }
      props.add(new IcalTree.Prop("SUMMARY", List.of(), SUMMARY));
      props.addAll(added);
      comps.add(new IcalTree.Comp(c.name(), props, List.of()));
    }
    List<IcalTree.Prop> header =
        List.of(
            new IcalTree.Prop("VERSION", List.of(), "2.0"),
            new IcalTree.Prop("PRODID", List.of(), IcalCodec.PRODID));
    return IcalCodec.parseItem(Ical4j.write(header, comps), "busy block of " + item.uid());
  }
}
