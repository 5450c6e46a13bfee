package io.calsync.ical;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.DefaultComponentFactorySupplier;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentBuilder;
import net.fortuna.ical4j.model.ComponentFactory;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyFactory;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.XComponent;
import net.fortuna.ical4j.util.CompatibilityHints;
import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Every call into ical4j goes through here: the parser (unfolding, tokenising) and the model plus
 * outputter (folding, CRLF).
 *
 * <p>Property values and parameters travel verbatim ({@link VerbatimProperty}, {@link
 * VerbatimParameter}): ical4j's typed
 * properties would re-format some values on the way out (seen with 4.4.0: {@code
 * RDATE;VALUE=PERIOD:20240301T100000Z/...} lost its {@code Z}, {@code \N} in a SUMMARY turned
 * into {@code \\N}, X- property commas got escaped), and building them resolves time zones. With
 * verbatim values no TZID is ever looked up, so no time-zone definition is fetched from anywhere.
 *
 * <p>Thread-safe: parser, handler and builders are created per call; the factory lists are
 * immutable and their factories stateless.
 */
final class Ical4j {

  static {
    // ical4j's hints are JVM-wide. Real-world files (Outlook, Google, Apple) need all three:
    // unfolding of lines folded without the space, unknown names and odd values accepted,
    // no validation of what we only carry through.
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
  }

  private static final List<ComponentFactory<?>> COMPONENT_FACTORIES =
      List.copyOf(new DefaultComponentFactorySupplier().get());
  private static final Pattern LINE_PREFIX = Pattern.compile("^Error at line (\\d+):\\s*");

  private Ical4j() {}

  /** Thrown by {@link #parse}: a syntax error, with the line and a readable reason. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses text into a tree; never throws anything but {@link SyntaxError}. */
  static IcalTree parse(String text) throws SyntaxError {
    IcalTree.Builder builder = new IcalTree.Builder();
    try {
      new CalendarParserImpl()
          .parse(new UnfoldingReader(new StringReader(text), 3, true), builder);
    } catch (ParserException e) {
      throw new SyntaxError(describe(e), e);
    } catch (IOException | RuntimeException e) {
      throw new SyntaxError(String.valueOf(e.getMessage()), e);
    }
    return builder.build();
  }

  private static String describe(ParserException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = LINE_PREFIX.matcher(message);
    String reason = m.find() ? message.substring(m.end()) : message;
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
      reason = reason.isEmpty() ? cause.getMessage() : reason + " (" + cause.getMessage() + ")";
    }
    if (reason.isBlank()) {
      reason = "not iCalendar";
    }
    return e.getLineNo() > 0 ? "line " + e.getLineNo() + ": " + reason : reason;
  }

  /**
   * Serialises a VCALENDAR with ical4j: the given calendar properties, then the components.
   *
   * @throws IllegalArgumentException when ical4j refuses a name or parameter
   */
  static String write(List<IcalTree.Prop> calendarProps, List<IcalTree.Comp> components) {
    PropertyList props = new PropertyList(toProperties(calendarProps));
    List<CalendarComponent> comps = new ArrayList<>(components.size());
    for (IcalTree.Comp c : components) {
      Component built = toComponent(c);
      if (!(built instanceof CalendarComponent cc)) {
        throw new IllegalArgumentException(c.name() + " cannot stand at the top of a VCALENDAR");
      }
      comps.add(cc);
    }
    Calendar calendar = new Calendar(props, new ComponentList<>(comps));
    StringWriter out = new StringWriter(512 + components.size() * 512);
    try {
      new CalendarOutputter(false).output(calendar, out);
    } catch (IOException | ValidationException e) {
      throw new IllegalArgumentException("ical4j could not write the calendar: " + e.getMessage(), e);
    }
    return out.toString();
  }

  private static List<Property> toProperties(List<IcalTree.Prop> props) {
    List<Property> list = new ArrayList<>(props.size());
    for (IcalTree.Prop p : props) {
      list.add(new VerbatimProperty(p.name(), toParameters(p.params()), p.value()));
    }
    return list;
  }

  private static ParameterList toParameters(List<IcalTree.Param> params) {
    if (params.isEmpty()) {
      return new ParameterList();
    }
    List<Parameter> list = new ArrayList<>(params.size());
    for (IcalTree.Param p : params) {
      list.add(toParameter(p));
    }
    return new ParameterList(list);
  }

  private static Parameter toParameter(IcalTree.Param p) {
    return new VerbatimParameter(p.name(), p.value());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Component toComponent(IcalTree.Comp c) {
    ComponentBuilder<Component> builder = new ComponentBuilder<>((List) COMPONENT_FACTORIES);
    builder.name(c.name());
    for (Property p : toProperties(c.properties())) {
      builder.property(p);
    }
    for (IcalTree.Comp child : c.children()) {
      builder.subComponent(toComponent(child));
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      if (c.children().isEmpty()) {
        return new XComponent(c.name(), new PropertyList(toProperties(c.properties())));
      }
      throw new IllegalArgumentException("ical4j does not know component " + c.name(), e);
    }
  }

  /**
   * An ical4j parameter written exactly as it was read, quotes included. ical4j's typed
   * parameters would re-write some (4.4.0 joins a quoted MEMBER list with {@code :} instead of
   * {@code ,}).
   */
  static final class VerbatimParameter extends Parameter {
    private static final long serialVersionUID = 1L;
    private final String value;

    VerbatimParameter(String name, String value) {
      super(name);
      this.value = value;
    }

    @Override
    public String getValue() {
      return value;
    }
  }

  /**
   * An ical4j property whose value is written exactly as it was read: ical4j handles the name,
   * the parameters (quoting) and the line folding.
   */
  static final class VerbatimProperty extends Property {
    private static final long serialVersionUID = 1L;
    private String value;

    VerbatimProperty(String name, ParameterList params, String value) {
      super(name, params);
      this.value = value;
    }

    @Override
    public String getValue() {
      return value;
    }

    @Override
    public void setValue(String value) {
      this.value = value;
    }

    @Override
    public ValidationResult validate() {
      return ValidationResult.EMPTY;
    }

    @Override
    protected PropertyFactory<?> newFactory() {
      return new Factory(getName());
    }

    private record Factory(String name) implements PropertyFactory<VerbatimProperty> {
      @Override
      public VerbatimProperty createProperty() {
        return new VerbatimProperty(name, new ParameterList(), "");
      }

      @Override
      public VerbatimProperty createProperty(ParameterList params, String value) {
        return new VerbatimProperty(name, params, value);
      }

      @Override
      public boolean supports(String n) {
        return name.equalsIgnoreCase(n);
      }
    }
  }
}
