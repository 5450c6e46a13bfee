package io.calsync.ical;

import io.calsync.core.model.Item;
import io.calsync.core.storage.StorageException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes iCalendar text as calsync {@link Item}s. The only door to ical4j. */
public final class IcalCodec {

  /** PRODID written when the input had none, and on joined calendars. */
  static final String PRODID = "-//calsync//calsync//EN";

  /** Calendar-level properties kept in {@link ParsedCalendar#properties()}, in write order. */
  static final List<String> CALENDAR_PROPERTIES =
      List.of("X-WR-CALNAME", "X-WR-CALDESC", "X-WR-TIMEZONE", "X-APPLE-CALENDAR-COLOR");

  private static final DateTimeFormatter BASIC_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

  private IcalCodec() {}

  /**
   * Parses a VCALENDAR that holds exactly one item (one UID, with any overrides and VTIMEZONEs).
   *
   * @param source names the input in error messages (a file name, an href)
   * @throws StorageException.Malformed naming {@code source} and the reason
   */
  public static Item parseItem(String text, String source) {
    IcalTree tree = parse(text, source);
    List<IcalTree.Comp> comps = new ArrayList<>(tree.components().size());
    Set<String> uids = new LinkedHashSet<>();
    for (IcalTree.Comp c : tree.components()) {
      if (c.name().equals("VTIMEZONE")) {
        continue;
      }
      String uid = c.uid();
      if (uid == null) {
        throw malformed(source, "no UID in " + c.name(), null);
      }
      uids.add(uid);
      comps.add(c);
    }
    if (comps.isEmpty()) {
      throw malformed(
          source,
          tree.calendars() == 0
              ? "no VCALENDAR"
              : "no component (VEVENT, VTODO or VJOURNAL) in the VCALENDAR",
          null);
    }
    if (uids.size() > 1) {
      throw malformed(
          source,
          "holds " + uids.size() + " UIDs (" + String.join(", ", uids)
              + "); one file must hold one item",
          null);
    }
    return item(uids.iterator().next(), withCrlf(text), comps, calscale(tree));
  }

  /**
   * {@code text} with every line ending a CRLF, as RFC 5545 (3.1) requires. Some servers answer
   * with bare LFs (Radicale serialises with {@code \n}); kept as they came, a folded line written to
   * a file would then break strict readers, which unfold only CRLF followed by a space. Only the
   * line endings change: no content, so no hash.
   */
  static String withCrlf(String text) {
    for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) {
      if (lf == 0 || text.charAt(lf - 1) != '\r') {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
      }
    }
    return text; // the usual case: nothing to change, nothing copied
  }

  /**
   * Parses a VCALENDAR holding any number of items and splits it by UID.
   *
   * @throws StorageException.Malformed when the text as a whole is not iCalendar
   */
  public static ParsedCalendar parseCalendar(String text, String source) {
    IcalTree tree = parse(text, source);
    if (tree.calendars() == 0) {
      throw malformed(source, "no VCALENDAR", null);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (String name : CALENDAR_PROPERTIES) {
      IcalTree.Prop p = tree.calendarProp(name);
      if (p != null) {
        properties.put(name, IcalText.decode(p.value()));
      }
    }
    List<IcalTree.Prop> header = new ArrayList<>(3);
    header.add(new IcalTree.Prop("VERSION", List.of(), "2.0"));
    IcalTree.Prop prodid = tree.calendarProp("PRODID");
    header.add(prodid != null ? prodid : new IcalTree.Prop("PRODID", List.of(), PRODID));
    IcalTree.Prop calscale = tree.calendarProp("CALSCALE");
    if (calscale != null) {
      header.add(calscale);
    }

    ItemSplitter.Split split = ItemSplitter.split(tree.components());
    List<Item> items = new ArrayList<>(split.groups().size());
    List<ParsedCalendar.Rejected> rejected = new ArrayList<>(split.rejected());
    for (ItemSplitter.Group g : split.groups()) {
      List<IcalTree.Comp> comps = new ArrayList<>(g.timezones().size() + g.components().size());
      comps.addAll(g.timezones());
      comps.addAll(g.components());
      try {
        String itemText = Ical4j.write(header, comps);
        // Values and parameters are written verbatim, so the tree just written is what parsing
        // itemText would give (FixtureRoundTripTest and RandomEventsPropertyTest check that).
        items.add(item(g.uid(), itemText, g.components(), calscale(tree)));
      } catch (RuntimeException e) {
        rejected.add(
            new ParsedCalendar.Rejected(
                g.uid(), "UID " + g.uid() + " could not be written: " + e.getMessage()));
      }
    }
    return new ParsedCalendar(items, properties, rejected);
  }

  /**
   * When the item's master component (the one without RECURRENCE-ID) starts and ends.
   *
   * @throws StorageException.Malformed when the text is not iCalendar
   */
  public static EventTimes eventTimes(String text, String source) {
    return EventTimeReader.read(parse(text, source).components());
  }

  /**
   * The kind of the item: the name of its first component other than VTIMEZONE ({@code VEVENT},
   * {@code VTODO}, …), or null when it has none.
   *
   * @throws StorageException.Malformed when the text is not iCalendar
   */
  public static String componentName(String text, String source) {
    for (IcalTree.Comp c : parse(text, source).components()) {
      if (!c.name().equals("VTIMEZONE")) {
        return c.name();
      }
    }
    return null;
  }

  /**
   * Joins items into one VCALENDAR text: every component of every item, each VTIMEZONE once, and
   * the given calendar-level properties (see {@link ParsedCalendar#properties()}).
   *
   * @throws StorageException.Malformed when an item's text is not iCalendar
   */
  public static String joinCalendar(List<Item> items, Map<String, String> properties) {
    if (properties == null) {
      properties = Map.of();
    }
    for (String name : properties.keySet()) {
      if (!name.matches("[A-Za-z0-9-]+")) {
        throw new IllegalArgumentException("not a property name: " + name);
      }
    }
    List<IcalTree.Prop> header = new ArrayList<>(4 + properties.size());
    header.add(new IcalTree.Prop("VERSION", List.of(), "2.0"));
    header.add(new IcalTree.Prop("PRODID", List.of(), PRODID));
    Map<String, IcalTree.Comp> timezones = new LinkedHashMap<>();
    List<IcalTree.Comp> comps = new ArrayList<>(items.size() * 2);
    IcalTree.Prop calscale = null;
    for (Item item : items) {
      IcalTree tree = parse(item.text(), "item " + item.uid());
      if (calscale == null) {
        calscale = tree.calendarProp("CALSCALE");
      }
      for (IcalTree.Comp c : tree.components()) {
        if (c.name().equals("VTIMEZONE")) {
          String tzid = c.value("TZID");
          timezones.putIfAbsent(tzid == null ? "" : tzid.trim(), c);
        } else {
          comps.add(c);
        }
      }
    }
    if (calscale != null) {
      header.add(calscale);
    }
    for (String name : CALENDAR_PROPERTIES) {
      String value = properties.get(name);
      if (value != null) {
        header.add(new IcalTree.Prop(name, List.of(), IcalText.encode(value)));
      }
    }
    for (String k : properties.keySet().stream().sorted().toList()) {
      if (!CALENDAR_PROPERTIES.contains(k)) {
        header.add(
            new IcalTree.Prop(IcalTree.upper(k), List.of(), IcalText.encode(properties.get(k))));
      }
    }
    List<IcalTree.Comp> all = new ArrayList<>(timezones.size() + comps.size());
    all.addAll(timezones.values());
    all.addAll(comps);
    try {
      return Ical4j.write(header, all);
    } catch (RuntimeException e) {
      throw malformed("joined calendar", e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The parsed tree of {@code text}, for the readers of this package. */
  static IcalTree parseTree(String text, String source) {
    return parse(text, source);
  }

  private static IcalTree parse(String text, String source) {
    if (text == null) {
      throw malformed(source, "no text", null);
    }
    try {
      return Ical4j.parse(text);
    } catch (Ical4j.SyntaxError e) {
      throw malformed(source, e.getMessage(), e.getCause());
    }
  }

  private static StorageException.Malformed malformed(String source, String reason, Throwable t) {
    return new StorageException.Malformed(source + ": " + reason, t);
  }

  private static String calscale(IcalTree tree) {
    IcalTree.Prop p = tree.calendarProp("CALSCALE");
    return p == null ? null : p.value();
  }

  private static Item item(String uid, String text, List<IcalTree.Comp> comps, String calscale) {
    IcalTree.Comp master = comps.get(0);
    for (IcalTree.Comp c : comps) {
      if (c.prop("RECURRENCE-ID") == null) {
        master = c;
        break;
      }
    }
    Instant lastModified = instant(master.value("LAST-MODIFIED"));
    if (lastModified == null) {
      lastModified = instant(master.value("DTSTAMP"));
    }
    String summary = master.value("SUMMARY");
    return new Item(
        uid,
        text,
        ContentHasher.hash(comps, calscale),
        lastModified,
        sequence(master.value("SEQUENCE")),
        summary == null ? "" : IcalText.decode(summary));
  }

  private static int sequence(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A UTC date-time (or, leniently, a floating one or a date) as an Instant; null otherwise. */
  static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.endsWith("Z") || v.endsWith("z")) {
      v = v.substring(0, v.length() - 1);
    }
    try {
      if (v.length() == 8) {
        return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
      }
      return LocalDateTime.parse(v, BASIC_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
