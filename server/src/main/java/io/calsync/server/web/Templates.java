package io.calsync.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** The dashboard's jte templates, precompiled at build time by the jte-maven-plugin (no compiler at run time). */
final class Templates {
  /** The package the jte-maven-plugin generates into (server/pom.xml). */
  private static final String PACKAGE = "io.calsync.server.web.jte";

  private final TemplateEngine engine =
      TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(), PACKAGE);

  String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  void respond(Context ctx, String template, Map<String, Object> params) {
    ctx.html(render(template, params));
  }
}
