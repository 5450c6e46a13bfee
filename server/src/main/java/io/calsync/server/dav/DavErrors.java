package io.calsync.server.dav;

import io.javalin.http.Context;
import javax.xml.namespace.QName;

/**
 * The body of a refused DAV request: {@code DAV:error} (RFC 4918 §16) with the precondition a
 * client acts on, if any, and calsync's explanation for people reading logs.
 */
final class DavErrors {
  static final QName MESSAGE = new QName("urn:calsync", "message");

  private DavErrors() {}

  static void render(Context ctx, int status, String message, QName precondition, String href) {
    if (status == 405) ctx.header("Allow", DavRoutes.ALLOW);
    XmlOut out = new XmlOut().start(DavNs.dav("error"));
    if (precondition != null) {
      out.start(precondition);
      if (href != null) out.element(DavNs.dav("href"), href);
      out.end();
    }
    out.element(MESSAGE, message == null ? "" : message);
    ctx.status(status).contentType("application/xml; charset=utf-8").result(out.end().finish());
  }
}
