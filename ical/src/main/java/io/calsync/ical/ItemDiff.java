package io.calsync.ical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Property-by-property comparison of two versions of one item, for a person choosing between them
 * (the dashboard's conflict view). Only the main component (the one without RECURRENCE-ID) is
 * compared property by property; its alarms and the item's overridden occurrences are compared as
 * one row each. Properties servers rewrite on their own (DTSTAMP, LAST-MODIFIED, PRODID…) are
 * left out, as they are when items are hashed, so the rows show what a user changed.
 */
public final class ItemDiff {
  /** Properties whose values are TEXT: shown unescaped, as the user typed them. */
  private static final Set<String> TEXT_PROPERTIES =
      Set.of("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CATEGORIES", "CONTACT", "RESOURCES");

  /** Row names for what is compared as a whole rather than property by property. */
  public static final String ALARMS = "VALARM";
  public static final String OVERRIDES = "RECURRENCE-ID";

  /**
   * One property on both sides.
   *
   * @param name upper-case property name (or {@link #ALARMS} / {@link #OVERRIDES})
   * @param left its value on the left side, null when absent (or the item is deleted there)
   * @param right the same on the right side
   */
  public record Row(String name, String left, String right) {
    public boolean differs() {
      return !Objects.equals(left, right);
    }
  }

  private ItemDiff() {}

  /**
   * Compares two item texts; a null text stands for a deleted item (every row empty on that side).
   * Rows come in the order the properties first appear, left side first.
   *
   * @throws io.calsync.core.storage.StorageException.Malformed when a text is not an item
   */
  public static List<Row> compare(String leftIcs, String rightIcs, String source) {
    Map<String, String> left = leftIcs == null ? Map.of() : displayValues(leftIcs, source + " (left)");
    Map<String, String> right = rightIcs == null ? Map.of() : displayValues(rightIcs, source + " (right)");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String name : left.keySet()) rows.put(name, new Row(name, left.get(name), right.get(name)));
    for (String name : right.keySet()) rows.putIfAbsent(name, new Row(name, null, right.get(name)));
    return new ArrayList<>(rows.values());
  }

  /** Property name to display value for one item text. */
  private static Map<String, String> displayValues(String ics, String source) {
    IcalTree tree = IcalCodec.parseTree(ics, source);
    Map<String, String> values = new LinkedHashMap<>();
    List<String> overrides = new ArrayList<>();
    IcalTree.Comp main = null;
    for (IcalTree.Comp c : tree.components()) {
      if (c.name().equals("VTIMEZONE")) continue;
      if (c.prop("RECURRENCE-ID") != null) {
        overrides.add(display(c.prop("RECURRENCE-ID")) + ": " + summaryOf(c));
      } else if (main == null) {
        main = c;
      }
    }
    if (main != null) {
      for (IcalTree.Prop p : main.properties()) {
        if (ItemNormalizer.isIgnored(p.name(), p.value())) continue;
        values.merge(p.name(), display(p), (a, b) -> a + "\n" + b);
      }
      List<String> alarms = new ArrayList<>();
      for (IcalTree.Comp child : main.children()) {
        if (child.name().equals(ALARMS)) alarms.add(summaryOf(child));
      }
      if (!alarms.isEmpty()) values.put(ALARMS, String.join("\n", alarms));
    }
    if (!overrides.isEmpty()) values.put(OVERRIDES, String.join("\n", overrides));
    return values;
  }

  /** A component as one line: its properties, {@code NAME=value} separated by semicolons. */
  private static String summaryOf(IcalTree.Comp c) {
    List<String> parts = new ArrayList<>();
    for (IcalTree.Prop p : c.properties()) {
      if (!p.name().equals("RECURRENCE-ID") && !ItemNormalizer.isIgnored(p.name(), p.value())) {
        parts.add(p.name() + "=" + display(p));
      }
    }
    return String.join("; ", parts);
  }

  /** The value a person reads: TEXT unescaped, a TZID shown next to the time it qualifies. */
  private static String display(IcalTree.Prop p) {
    String value = TEXT_PROPERTIES.contains(p.name()) ? IcalText.decode(p.value()) : p.value();
    String tzid = p.param("TZID");
    return tzid == null ? value : value + " (" + tzid + ")";
  }
}
