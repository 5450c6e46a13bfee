package io.calsync.server.dav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a DAV request body (PROPFIND, PROPPATCH, REPORT) with the JDK's DOM parser:
 * namespace-aware, no DTDs and no external entities (a request body must not make the master
 * read files or URLs). Malformed XML is a 400.
 */
final class RequestXml {
  private static final DocumentBuilderFactory FACTORY = factory();

  private RequestXml() {}

  /** The root element, or null for an empty body. */
  static Element parse(byte[] body) {
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) return null;
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) { // a factory is not thread-safe; the builders it makes are used by one thread each
        builder = FACTORY.newDocumentBuilder();
      }
      builder.setErrorHandler(null); // errors are thrown, not printed
      Document doc = builder.parse(new ByteArrayInputStream(body));
      return doc.getDocumentElement();
    } catch (SAXException | IOException e) {
      throw DavException.of(400, "the request body is not well-formed XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  static QName name(Element e) {
    return new QName(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName());
  }

  static boolean is(Element e, QName name) {
    return e != null && name(e).equals(name);
  }

  /** The element children of {@code parent}, in order. */
  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    if (parent == null) return out;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) out.add(e);
    }
    return out;
  }

  /** The first child named {@code name}, or null. */
  static Element child(Element parent, QName name) {
    for (Element e : children(parent)) {
      if (is(e, name)) return e;
    }
    return null;
  }

  static String text(Element e) {
    return e == null ? null : e.getTextContent().strip();
  }

  private static DocumentBuilderFactory factory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }
}
