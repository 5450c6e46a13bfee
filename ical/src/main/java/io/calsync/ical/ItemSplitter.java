package io.calsync.ical;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the components of a whole calendar by UID: the master, its RECURRENCE-ID overrides and
 * the VTIMEZONEs they use. Duplicates are never merged: a UID with two masters (or two overrides
 * of the same instance) is rejected as a whole.
 */
final class ItemSplitter {

  private ItemSplitter() {}

  /** One UID's components (in text order) and the VTIMEZONEs they reference. */
  record Group(String uid, List<IcalTree.Comp> components, List<IcalTree.Comp> timezones) {}

  record Split(List<Group> groups, List<ParsedCalendar.Rejected> rejected) {}

  private static final class Collecting {
    final List<IcalTree.Comp> comps = new ArrayList<>(2);
    final Set<String> recurrenceIds = new HashSet<>();
    IcalTree.Comp master;
    String rejection;
  }

  static Split split(List<IcalTree.Comp> components) {
    Map<String, IcalTree.Comp> timezones = new LinkedHashMap<>();
    Map<String, Collecting> byUid = new LinkedHashMap<>();
    List<ParsedCalendar.Rejected> rejected = new ArrayList<>();
    int index = 0;
    for (IcalTree.Comp c : components) {
      index++;
      if (c.name().equals("VTIMEZONE")) {
        String tzid = c.value("TZID");
        if (tzid != null) {
          timezones.putIfAbsent(tzid.trim(), c);
        }
        continue;
      }
      String uid = c.uid();
      if (uid == null) {
        String summary = c.value("SUMMARY");
        rejected.add(
            new ParsedCalendar.Rejected(
                null,
                c.name() + " #" + index
                    + (summary == null ? "" : " (SUMMARY \"" + IcalText.decode(summary) + "\")")
                    + " has no UID"));
        continue;
      }
      Collecting g = byUid.computeIfAbsent(uid, k -> new Collecting());
      IcalTree.Prop rid = c.prop("RECURRENCE-ID");
      if (rid == null) {
        if (g.master != null && g.rejection == null) {
          g.rejection = two(g.master, c) + " with UID " + uid + " and no RECURRENCE-ID";
        }
        g.master = c;
      } else {
        String tzid = rid.param("TZID");
        String key = (tzid == null ? "" : tzid + ":") + rid.value().trim();
        if (!g.recurrenceIds.add(key) && g.rejection == null) {
          g.rejection =
              "two " + c.name() + "s with UID " + uid + " and RECURRENCE-ID " + rid.value().trim();
        }
      }
      g.comps.add(c);
    }

    List<Group> groups = new ArrayList<>(byUid.size());
    for (Map.Entry<String, Collecting> e : byUid.entrySet()) {
      Collecting g = e.getValue();
      if (g.rejection != null) {
        rejected.add(new ParsedCalendar.Rejected(e.getKey(), g.rejection));
        continue;
      }
      List<String> tzids = new ArrayList<>(2);
      for (IcalTree.Comp c : g.comps) {
        c.collectTzids(tzids);
      }
      List<IcalTree.Comp> tzs = new ArrayList<>(tzids.size());
      for (String tzid : tzids) {
        IcalTree.Comp tz = timezones.get(tzid.trim());
        if (tz != null) {
          tzs.add(tz);
        }
      }
      groups.add(new Group(e.getKey(), List.copyOf(g.comps), List.copyOf(tzs)));
    }
    return new Split(groups, rejected);
  }

  private static String two(IcalTree.Comp a, IcalTree.Comp b) {
    return a.name().equals(b.name())
        ? "two " + a.name() + "s"
        : "two components (" + a.name() + ", " + b.name() + ")";
  }
}
