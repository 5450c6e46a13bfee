package io.calsync.ical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A light, immutable view of parsed iCalendar content: what ical4j's parser reported, with names
 * upper-cased and values exactly as they stood in the text (after unfolding).
 *
 * <p>Keeping values verbatim is deliberate: ical4j's typed properties re-format some values on
 * output (an RDATE period loses its {@code Z}, {@code \N} in text becomes {@code \\N}, RRULE
 * parts are reordered), and calsync must hand a storage back what it read.
 *
 * @param properties calendar-level properties of every VCALENDAR in the text
 * @param components top-level components (VEVENT, VTODO, VJOURNAL, VTIMEZONE, ...) in text order
 * @param calendars how many VCALENDAR objects the text held
 */
record IcalTree(List<Prop> properties, List<Comp> components, int calendars) {

  /** A parameter; {@code value} as written, including any double quotes. */
  record Param(String name, String value) {

    /** The value without the double quotes that may surround it (or its list items). */
    String unquoted() {
      return value.indexOf('"') < 0 ? value : value.replace("\"", "");
    }
  }

  /** A property; {@code value} as written (still escaped, unfolded). */
  record Prop(String name, List<Param> params, String value) {

    /** The first parameter with that (upper-case) name, unquoted; null when absent. */
    String param(String paramName) {
      for (Param p : params) {
        if (p.name().equals(paramName)) {
          return p.unquoted();
        }
      }
      return null;
    }
  }

  /** A component with its properties and sub-components (VALARM, STANDARD, DAYLIGHT...). */
  record Comp(String name, List<Prop> properties, List<Comp> children) {

    /** The first property with that (upper-case) name, or null. */
    Prop prop(String propName) {
      for (Prop p : properties) {
        if (p.name().equals(propName)) {
          return p;
        }
      }
      return null;
    }

    /** The raw value of the first property with that name, or null. */
    String value(String propName) {
      Prop p = prop(propName);
      return p == null ? null : p.value();
    }

    /** The UID, or null when the component has none (or an empty one). */
    String uid() {
      String uid = value("UID");
      return uid == null || uid.isBlank() ? null : uid;
    }

    /** Every TZID parameter value used by a property of this component or its children. */
    void collectTzids(List<String> into) {
      for (Prop p : properties) {
        for (Param param : p.params()) {
          if (param.name().equals("TZID")) {
            String tzid = param.unquoted();
            if (!into.contains(tzid)) {
              into.add(tzid);
            }
          }
        }
      }
      for (Comp child : children) {
        child.collectTzids(into);
      }
    }
  }

  /** The first calendar-level property with that name, or null. */
  Prop calendarProp(String name) {
    for (Prop p : properties) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  static String upper(String name) {
    // Names are ASCII tokens; ROOT keeps 'i' from turning into a dotted capital under tr_TR.
    return name.toUpperCase(Locale.ROOT);
  }

  /** Collects ical4j parser events into an {@link IcalTree}. One instance per parse. */
  static final class Builder implements net.fortuna.ical4j.data.ContentHandler {
    private final List<Prop> calendarProps = new ArrayList<>();
    private final List<Comp> components = new ArrayList<>();
    private final ArrayList<CompBuilder> stack = new ArrayList<>();
    private int calendars;
    private String propName;
    private List<Param> params;
    private String propValue;

    private static final class CompBuilder {
      final String name;
      final List<Prop> props = new ArrayList<>(24);
      final List<Comp> children = new ArrayList<>(2);

      CompBuilder(String name) {
        this.name = name;
      }

      Comp build() {
        return new Comp(name, List.copyOf(props), List.copyOf(children));
      }
    }

    IcalTree build() {
      return new IcalTree(List.copyOf(calendarProps), List.copyOf(components), calendars);
    }

    @Override
    public void startCalendar() {
      calendars++;
    }

    @Override
    public void endCalendar() {}

    @Override
    public void startComponent(String name) {
      stack.add(new CompBuilder(upper(name)));
    }

    @Override
    public void endComponent(String name) {
      if (stack.isEmpty()) {
        return;
      }
      Comp done = stack.remove(stack.size() - 1).build();
      if (stack.isEmpty()) {
        components.add(done);
      } else {
        stack.get(stack.size() - 1).children.add(done);
      }
    }

    @Override
    public void startProperty(String name) {
      propName = upper(name);
      params = null;
      propValue = "";
    }

    @Override
    public void parameter(String name, String value) {
      if (params == null) {
        params = new ArrayList<>(3);
      }
      params.add(new Param(upper(name), value == null ? "" : value));
    }

    @Override
    public void propertyValue(String value) {
      propValue = value == null ? "" : value;
    }

    @Override
    public void endProperty(String name) {
      Prop p = new Prop(propName, params == null ? List.of() : List.copyOf(params), propValue);
      if (stack.isEmpty()) {
        calendarProps.add(p);
      } else {
        stack.get(stack.size() - 1).props.add(p);
      }
      propName = null;
      params = null;
    }
  }
}
