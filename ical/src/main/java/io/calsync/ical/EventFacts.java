package io.calsync.ical;

import io.calsync.core.model.Item;
import io.calsync.core.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an agent's {@code sync_filters} look at in an item, read from its master component (the
 * one without RECURRENCE-ID).
 *
 * <p>Times are day-accurate only: a local time with a TZID is read as if it were UTC, which is
 * off by at most a day; filters work in days, so that is enough and needs no time-zone database.
 *
 * @param classification CLASS upper case ({@code PUBLIC} when absent)
 * @param categories every CATEGORIES value of the master component, as plain text
 * @param start DTSTART, or null when absent or unreadable
 * @param end DTEND (else DTSTART), or null
 * @param recurring whether the master component has an RRULE or RDATE
 * @param recursUntil the RRULE's UNTIL, or null when it has none (recurs for ever or by COUNT)
 */
public record EventFacts(
    String classification,
    List<String> categories,
    Instant start,
    Instant end,
    boolean recurring,
    Instant recursUntil) {

  public EventFacts {
    categories = List.copyOf(categories);
  }

  /** {@code PRIVATE} or {@code CONFIDENTIAL}: not to be shown to others. */
  public boolean isPrivate() {
    return classification.equals("PRIVATE") || classification.equals("CONFIDENTIAL");
  }

  /**
   * Reads the facts of an item's text.
   *
   * @throws StorageException.Malformed when the text is not an item
   */
  public static EventFacts of(Item item) {
    IcalTree tree = IcalCodec.parseTree(item.text(), "item " + item.uid());
    IcalTree.Comp master = null;
    for (IcalTree.Comp c : tree.components()) {
      boolean better = master == null || (master.prop("RECURRENCE-ID") != null && c.prop("RECURRENCE-ID") == null);
      if (!c.name().equals("VTIMEZONE") && better) {
        master = c;
      }
    }
    if (master == null) {
      throw new StorageException.Malformed("item " + item.uid() + ": no component", null);
    }
    String cls = master.value("CLASS");
    Set<String> categories = new LinkedHashSet<>();
    for (IcalTree.Prop p : master.properties()) {
      if (p.name().equals("CATEGORIES")) {
        for (String c : splitList(p.value())) {
          if (!c.isBlank()) {
            categories.add(IcalText.decode(c).trim());
          }
        }
      }
    }
    Instant start = IcalCodec.instant(master.value("DTSTART"));
    Instant end = IcalCodec.instant(master.value("DTEND"));
    String rrule = master.value("RRULE");
    return new EventFacts(
        cls == null ? "PUBLIC" : cls.trim().toUpperCase(Locale.ROOT),
        new ArrayList<>(categories),
        start,
        end != null ? end : start,
        rrule != null || master.prop("RDATE") != null,
        rrule == null ? null : until(rrule));
  }

  /** The UNTIL of an RRULE value, or null. */
  private static Instant until(String rrule) {
    for (String part : rrule.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase("UNTIL")) {
        return IcalCodec.instant(part.substring(eq + 1));
      }
    }
    return null;
  }

  /** Splits an escaped TEXT list at unescaped commas. */
  private static List<String> splitList(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        cur.append(c).append(value.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
