package io.calsync.provider.caldav;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streaming (StAX) reader of WebDAV XML: multistatus responses are handed out one
 * {@code <response>} at a time, so a listing of 50,000 items never sits in a DOM. Names are
 * compared by namespace URI and local name only: any prefix, a default namespace, unknown
 * elements and missing optional properties are all fine. DTDs and external entities are off.
 */
final class DavXml {

  static final String DAV = "DAV:";
  static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  static final String CS = "http://calendarserver.org/ns/";
  static final String APPLE = "http://apple.com/ns/ical/";

  static final String RESOURCETYPE = "{DAV:}resourcetype";
  static final String GETETAG = "{DAV:}getetag";
  static final String DISPLAYNAME = "{DAV:}displayname";
  static final String SYNC_TOKEN = "{DAV:}sync-token";
  static final String CURRENT_USER_PRINCIPAL = "{DAV:}current-user-principal";
  static final String CURRENT_USER_PRIVILEGE_SET = "{DAV:}current-user-privilege-set";
  static final String CALENDAR_HOME_SET = "{" + CALDAV + "}calendar-home-set";
  static final String CALENDAR_DATA = "{" + CALDAV + "}calendar-data";
  static final String CALENDAR_DESCRIPTION = "{" + CALDAV + "}calendar-description";
  static final String CALENDAR_TIMEZONE = "{" + CALDAV + "}calendar-timezone";
  static final String SUPPORTED_COMPONENTS = "{" + CALDAV + "}supported-calendar-component-set";
  static final String CALENDAR_COLOR = "{" + APPLE + "}calendar-color";
  static final String GETCTAG = "{" + CS + "}getctag";
  static final String CALENDAR_TYPE = "{" + CALDAV + "}calendar";

  private static final XMLInputFactory FACTORY = newFactory();

  private DavXml() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    return f;
  }

  /**
   * One property as received.
   *
   * @param text all text inside the element, trimmed (e.g. the etag, the display name)
   * @param hrefs every {@code DAV:href} inside, in order
   * @param descendants the names of every element inside, as {@code {ns}local}
   * @param names every {@code name} attribute inside (e.g. the {@code comp} names)
   */
  record Prop(String text, List<String> hrefs, Set<String> descendants, List<String> names) {}

  /**
   * One {@code <response>} of a multistatus.
   *
   * @param href the first href, as sent (not decoded)
   * @param status the response-level status, or 0 when there were only propstats
   * @param props properties found with a 2xx propstat status
   * @param errors names of elements inside a response-level {@code <error>}
   * @param failed properties that came with a non-2xx propstat status, with that status
   */
  record Response(
      String href, int status, Map<String, Prop> props, Set<String> errors, Map<String, Integer> failed) {
    Prop prop(String name) {
      return props.get(name);
    }

    String text(String name) {
      Prop p = props.get(name);
      return p == null || p.text().isEmpty() ? null : p.text();
    }

    boolean isMissing() {
      return status == 404 || status == 410;
    }
  }

  /** What a multistatus carried besides its responses. */
  record Tail(String syncToken) {}

  static Tail parseMultistatus(InputStream in, Consumer<Response> sink) throws XMLStreamException {
    XMLStreamReader r = FACTORY.createXMLStreamReader(in);
    try {
      return parseMultistatus(r, sink);
    } finally {
      r.close();
    }
  }

  static Tail parseMultistatus(String xml, Consumer<Response> sink) throws XMLStreamException {
    XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
    try {
      return parseMultistatus(r, sink);
    } finally {
      r.close();
    }
  }

  private static Tail parseMultistatus(XMLStreamReader r, Consumer<Response> sink)
      throws XMLStreamException {
    nextStart(r);
    if (!is(r, DAV, "multistatus")) {
      throw new XMLStreamException("expected DAV:multistatus, got {" + r.getNamespaceURI() + "}" + r.getLocalName());
    }
    String syncToken = null;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        if (is(r, DAV, "response")) {
          sink.accept(readResponse(r));
        } else if (is(r, DAV, "sync-token")) {
          syncToken = r.getElementText().strip();
        } else {
          skip(r);
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        break;
      }
    }
    return new Tail(syncToken);
  }

  private static Response readResponse(XMLStreamReader r) throws XMLStreamException {
    String href = null;
    int status = 0;
    Map<String, Prop> props = new LinkedHashMap<>();
    Set<String> errors = new LinkedHashSet<>();
    Map<String, Integer> failed = new LinkedHashMap<>();
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) break;
      if (ev != XMLStreamConstants.START_ELEMENT) continue;
      if (is(r, DAV, "href")) {
        String h = r.getElementText().strip();
        if (href == null) href = h;
      } else if (is(r, DAV, "status")) {
        status = parseStatus(r.getElementText());
      } else if (is(r, DAV, "propstat")) {
        readPropstat(r, props, failed);
      } else if (is(r, DAV, "error")) {
        Prop p = readProp(r);
        errors.addAll(p.descendants());
      } else {
        skip(r);
      }
    }
    return new Response(href, status, props, errors, failed);
  }

  private static void readPropstat(XMLStreamReader r, Map<String, Prop> into, Map<String, Integer> failed)
      throws XMLStreamException {
    Map<String, Prop> found = new LinkedHashMap<>();
    int status = 200;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_ELEMENT) break;
      if (ev != XMLStreamConstants.START_ELEMENT) continue;
      if (is(r, DAV, "prop")) {
        while (r.hasNext()) {
          int e2 = r.next();
          if (e2 == XMLStreamConstants.END_ELEMENT) break;
          if (e2 == XMLStreamConstants.START_ELEMENT) {
            String name = qname(r);
            found.put(name, readProp(r));
          }
        }
      } else if (is(r, DAV, "status")) {
        status = parseStatus(r.getElementText());
      } else {
        skip(r);
      }
    }
    if (status >= 200 && status < 300) {
      into.putAll(found);
    } else {
      for (String name : found.keySet()) failed.put(name, status);
    }
  }

  /** Reads the element the reader is on, up to and including its end tag. */
  private static Prop readProp(XMLStreamReader r) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    List<String> hrefs = new ArrayList<>();
    Set<String> descendants = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    int depth = 1;
    StringBuilder href = null;
    while (depth > 0 && r.hasNext()) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          descendants.add(qname(r));
          String n = r.getAttributeValue(null, "name");
          if (n != null) names.add(n);
          if (is(r, DAV, "href")) href = new StringBuilder();
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          if (href != null && is(r, DAV, "href")) {
            hrefs.add(href.toString().strip());
            href = null;
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          text.append(r.getText());
          if (href != null) href.append(r.getText());
        }
        default -> {}
      }
    }
    return new Prop(text.toString().strip(), hrefs, descendants, names);
  }

  /** The names of the elements in an error body ({@code <D:error>}), or an empty set. */
  static Set<String> errorConditions(String body) {
    Set<String> out = new LinkedHashSet<>();
    if (body == null || body.isBlank() || !body.stripLeading().startsWith("<")) return out;
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(body));
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT) out.add(r.getLocalName());
        }
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      // not XML: the caller falls back to the text
    }
    return out;
  }

  static int parseStatus(String line) {
    // "HTTP/1.1 404 Not Found"
    String[] parts = line.strip().split("\\s+");
    if (parts.length >= 2) {
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static void nextStart(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      if (r.next() == XMLStreamConstants.START_ELEMENT) return;
    }
    throw new XMLStreamException("no root element");
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) depth++;
      else if (ev == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }

  private static boolean is(XMLStreamReader r, String ns, String local) {
    return local.equals(r.getLocalName()) && ns.equals(nsOf(r));
  }

  private static String nsOf(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    if (ns == null) return "";
    // SOGo's error bodies say xmlns:D="DAV" without the colon
    return ns.equals("DAV") ? DAV : ns;
  }

  private static String qname(XMLStreamReader r) {
    return "{" + nsOf(r) + "}" + r.getLocalName();
  }

  /** Escapes text for an XML element or attribute value. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue; // not allowed in XML 1.0
          b.append(c);
        }
      }
    }
    return b.toString();
  }
}
