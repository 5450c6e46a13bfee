package io.calsync.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The dashboard's scripts and styles, served by the master itself from the classpath (htmx from
 * its webjar): the dashboard works with no internet access and loads nothing from a CDN.
 */
final class StaticAssets {
  /** Where the htmx.org webjar keeps its build; the version comes from server/pom.xml. */
  private static final String HTMX = "/META-INF/resources/webjars/htmx.org/" + htmxVersion() + "/dist/htmx.min.js";

  private final byte[] htmx = load(HTMX);
  private final byte[] css = load("/io/calsync/server/web/dashboard.css");
  private final byte[] js = load("/io/calsync/server/web/dashboard.js");

  void register(JavalinConfig cfg) {
    cfg.routes.get("/ui/assets/htmx.min.js", ctx -> send(ctx, htmx, "text/javascript"));
    cfg.routes.get("/ui/assets/dashboard.js", ctx -> send(ctx, js, "text/javascript"));
    cfg.routes.get("/ui/assets/dashboard.css", ctx -> send(ctx, css, "text/css"));
  }

  private static void send(Context ctx, byte[] body, String type) {
    ctx.header("Cache-Control", "public, max-age=3600");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(type + "; charset=utf-8").result(body);
  }

  private static byte[] load(String resource) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the build");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The webjar's version, from its Maven metadata, so a version bump in the pom needs no code change. */
  private static String htmxVersion() {
    String props = "/META-INF/maven/org.webjars.npm/htmx.org/pom.properties";
    try (InputStream in = StaticAssets.class.getResourceAsStream(props)) {
      if (in == null) throw new IllegalStateException(props + " is missing: is the htmx.org webjar on the classpath?");
      var p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
