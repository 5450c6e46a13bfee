package io.calsync.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which properties two versions of an event differ in, for {@code calsync conflicts show}. This is
 * display only, at the level of RFC 5545 content lines (unfolded, grouped by component and
 * RECURRENCE-ID); it never decides anything, so it needs no iCalendar parser.
 */
final class ContentLines {

  /**
   * Properties every writer changes on every save: listed as differing they would only be noise.
   */
  private static final Set<String> IGNORED = Set.of("DTSTAMP", "PRODID");

  private ContentLines() {}

  /**
   * The names of the event properties whose values differ, in order of appearance; a property of an
   * override is followed by its RECURRENCE-ID, e.g. {@code DTSTART (instance 20260105T100000)}.
   * Time zone definitions are left out. Empty when either text is null.
   */
  static List<String> differingProperties(String a, String b) {
    if (a == null || b == null) {
      return List.of();
    }
    Map<String, List<String>> left = properties(a);
    Map<String, List<String>> right = properties(b);
    Set<String> keys = new LinkedHashSet<>(left.keySet());
    keys.addAll(right.keySet());
    List<String> differ = new ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(left.get(key), right.get(key))) {
        differ.add(key);
      }
    }
    return differ;
  }

  /**
   * Property lines by "NAME" or "NAME (instance RECURRENCE-ID)" per top-level component (an event,
   * with the properties of its alarms as "VALARM NAME"); time zones are left out.
   */
  private static Map<String, List<String>> properties(String text) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    List<String> component = new ArrayList<>(); // "KEY\0line" of the open top-level component
    List<String> open = new ArrayList<>(); // the BEGIN names, outermost first
    for (String line : unfold(text)) {
      String name = name(line);
      if (name.equals("BEGIN")) {
        open.add(value(line).toUpperCase(Locale.ROOT));
      } else if (name.equals("END")) {
        if (open.size() == 2 && !open.get(1).equals("VTIMEZONE")) {
          collect(component, byKey);
        }
        if (open.size() <= 2) {
          component.clear();
        }
        if (!open.isEmpty()) {
          open.remove(open.size() - 1);
        }
      } else if (open.size() >= 2 && !IGNORED.contains(name) && !name.isEmpty()) {
        String prefix = open.size() > 2 ? open.get(open.size() - 1) + " " : "";
        component.add(prefix + name + "\0" + line);
      }
    }
    return byKey;
  }

  private static void collect(List<String> component, Map<String, List<String>> byKey) {
    String instance = "";
    for (String entry : component) {
      if (entry.startsWith("RECURRENCE-ID\0")) {
        instance = " (instance " + value(entry.substring(entry.indexOf('\0') + 1)) + ")";
      }
    }
    for (String entry : component) {
      int split = entry.indexOf('\0');
      byKey
          .computeIfAbsent(entry.substring(0, split) + instance, k -> new ArrayList<>())
          .add(entry.substring(split + 1));
    }
  }

  private static List<String> unfold(String text) {
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      if (!lines.isEmpty() && (raw.startsWith(" ") || raw.startsWith("\t"))) {
        int last = lines.size() - 1;
        lines.set(last, lines.get(last) + raw.substring(1));
      } else if (!raw.isEmpty()) {
        lines.add(raw);
      }
    }
    return lines;
  }

  private static String name(String line) {
    int end = 0;
    while (end < line.length() && line.charAt(end) != ':' && line.charAt(end) != ';') {
      end++;
    }
    return line.substring(0, end).toUpperCase(Locale.ROOT);
  }

  private static String value(String line) {
    int colon = valueStart(line);
    return colon < 0 ? "" : line.substring(colon + 1);
  }

  /** The colon that ends the name and parameters (colons inside quoted parameters do not count). */
  private static int valueStart(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ':' && !quoted) {
        return i;
      }
    }
    return -1;
  }
}
