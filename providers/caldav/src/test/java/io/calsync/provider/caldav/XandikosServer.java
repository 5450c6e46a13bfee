package io.calsync.provider.caldav;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Xandikos behind a tiny aiohttp middleware that checks HTTP Basic credentials (Xandikos has no
 * authentication of its own): {@code xandikos_auth.py} in the test resources.
 */
public final class XandikosServer extends ServerHarness {

  private final int port;

  private XandikosServer() {
    super("xandikos");
    port = freePort();
  }

  public static XandikosServer start() {
    require("Xandikos (Debian packages xandikos, python3-aiohttp)",
        "/usr/bin/xandikos", "/usr/lib/python3/dist-packages/xandikos/web.py");
    XandikosServer s = new XandikosServer();
    try {
      s.boot();
      return s;
    } catch (RuntimeException | Error e) { // an Error too: never leave processes behind
      s.close();
      throw e;
    }
  }

  private void boot() {
    Path script = dir.resolve("xandikos_auth.py");
    try (InputStream in = XandikosServer.class.getResourceAsStream("xandikos_auth.py")) {
      Files.copy(in, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = start("xandikos", Map.of("XANDIKOS_USER", USER, "XANDIKOS_PASSWORD", PASSWORD),
        Duration.ofSeconds(5),
        "/usr/bin/python3", script.toString(), dir.resolve("data").toString(), String.valueOf(port));
    waitForHttp(root().resolve("/health"), Duration.ofSeconds(20), p);
  }

  @Override
  public boolean setsDescription() {
    return false;
  }

  @Override
  public URI root() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public URI home() {
    return root().resolve("/" + USER + "/calendars/");
  }
}
