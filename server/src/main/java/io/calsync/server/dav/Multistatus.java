package io.calsync.server.dav;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.namespace.QName;

/**
 * A {@code 207 Multi-Status} body (RFC 4918 §13): one response per resource, with the properties
 * found (200) and those the resource does not have (404), or a status of the whole resource (a
 * deleted member in a sync-collection report).
 */
final class Multistatus {

  /** One resource's answer. */
  static final class Response {
    private final String href;
    private final Map<QName, Consumer<XmlOut>> found = new LinkedHashMap<>();
    private final Map<Integer, List<QName>> failed = new LinkedHashMap<>();
    private Integer status;

    private Response(String href) {
      this.href = href;
    }

    /** A property with its value, written by {@code value} inside the property element. */
    Response found(QName name, Consumer<XmlOut> value) {
      found.put(name, value);
      return this;
    }

    Response foundText(QName name, String value) {
      return found(name, out -> out.text(value));
    }

    /** A property answered with {@code status} (404: not here, 403: may not be changed, 424…). */
    Response failed(QName name, int status) {
      failed.computeIfAbsent(status, s -> new ArrayList<>()).add(name);
      return this;
    }

    /** The whole resource answers {@code status} (no properties), e.g. 404 for a deleted member. */
    Response status(int status) {
      this.status = status;
      return this;
    }

    private void write(XmlOut out) {
      out.start(DavNs.dav("response")).element(DavNs.dav("href"), href);
      if (status != null) {
        out.element(DavNs.dav("status"), statusLine(status));
      } else {
        if (!found.isEmpty() || failed.isEmpty()) {
          out.start(DavNs.dav("propstat")).start(DavNs.dav("prop"));
          found.forEach((name, value) -> {
            out.start(name);
            value.accept(out);
            out.end();
          });
          out.end().element(DavNs.dav("status"), statusLine(200)).end();
        }
        failed.forEach((code, names) -> {
          out.start(DavNs.dav("propstat")).start(DavNs.dav("prop"));
          names.forEach(out::empty);
          out.end().element(DavNs.dav("status"), statusLine(code)).end();
        });
      }
      out.end();
    }
  }

  private final List<Response> responses = new ArrayList<>();
  private String syncToken;

  Response response(String href) {
    Response r = new Response(href);
    responses.add(r);
    return r;
  }

  /** The {@code DAV:sync-token} after the responses (sync-collection). */
  Multistatus syncToken(String token) {
    this.syncToken = token;
    return this;
  }

  String toXml() {
    XmlOut out = new XmlOut().start(DavNs.dav("multistatus"));
    responses.forEach(r -> r.write(out));
    if (syncToken != null) out.element(DavNs.SYNC_TOKEN, syncToken);
    return out.end().finish();
  }

  static String statusLine(int status) {
    return "HTTP/1.1 " + status + " " + switch (status) {
      case 200 -> "OK";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 424 -> "Failed Dependency";
      default -> "Status";
    };
  }
}
