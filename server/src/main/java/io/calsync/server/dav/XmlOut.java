package io.calsync.server.dav;

import java.io.StringWriter;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a DAV response body with the JDK's StAX writer: the four namespaces calsync uses are
 * declared once on the root with short prefixes; any other (a property a client asked for that
 * the master does not know) is declared where it is used.
 */
final class XmlOut {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final StringWriter text = new StringWriter();
  private final XMLStreamWriter w;
  private int depth;
  private int unknownNamespaces;

  XmlOut() {
    try {
      synchronized (FACTORY) { // StAX factories are not promised to be thread-safe; the writers are per request
        w = FACTORY.createXMLStreamWriter(text);
      }
      w.writeStartDocument("UTF-8", "1.0");
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  XmlOut start(QName name) {
    try {
      String prefix = DavNs.prefix(name.getNamespaceURI());
      boolean declareHere = prefix == null && !name.getNamespaceURI().isEmpty();
      if (declareHere) prefix = "x" + unknownNamespaces++;
      if (prefix == null) {
        w.writeStartElement(name.getLocalPart());
      } else {
        w.writeStartElement(prefix, name.getLocalPart(), name.getNamespaceURI());
      }
      if (depth == 0) {
        for (String ns : new String[] {DavNs.DAV, DavNs.CALDAV, DavNs.APPLE, DavNs.CS}) {
          w.writeNamespace(DavNs.prefix(ns), ns);
        }
      }
      if (declareHere) w.writeNamespace(prefix, name.getNamespaceURI());
      depth++;
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  XmlOut end() {
    try {
      w.writeEndElement();
      depth--;
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  XmlOut text(String value) {
    try {
      w.writeCharacters(value);
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An attribute of the element just started. */
  XmlOut attribute(String name, String value) {
    try {
      w.writeAttribute(name, value);
      return this;
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An element with nothing inside. */
  XmlOut empty(QName name) {
    return start(name).end();
  }

  /** An element holding only text. */
  XmlOut element(QName name, String value) {
    return start(name).text(value).end();
  }

  /** {@code <D:href>} elements inside {@code name}. */
  XmlOut hrefs(QName name, String... hrefs) {
    start(name);
    for (String h : hrefs) element(DavNs.dav("href"), h);
    return end();
  }

  String finish() {
    try {
      w.writeEndDocument();
      w.close();
      return text.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
  }
}
