package io.calsync.provider.caldav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/** Radicale 3 with htpasswd (bcrypt) authentication and {@code rights type=owner_only}. */
public final class RadicaleServer extends ServerHarness {

  private final int port;

  private RadicaleServer() {
    super("radicale");
    port = freePort();
  }

  public static RadicaleServer start() {
    require("Radicale (Debian packages radicale, python3-passlib, python3-bcrypt)",
        "/usr/bin/radicale", "/usr/lib/python3/dist-packages/passlib", "/usr/lib/python3/dist-packages/bcrypt");
    RadicaleServer s = new RadicaleServer();
    try {
      s.boot();
      return s;
    } catch (RuntimeException | Error e) { // an Error too: never leave processes behind
      s.close();
      throw e;
    }
  }

  private void boot() {
    // a cheap bcrypt cost: Radicale verifies the password on every request
    String hash = run(Map.of("PW", PASSWORD), "/usr/bin/python3", "-c",
        "import os; from passlib.hash import bcrypt; print(bcrypt.using(rounds=4).hash(os.environ['PW']))").strip();
    try {
      Files.writeString(dir.resolve("users"), USER + ":" + hash + "\n");
      Files.writeString(dir.resolve("config"), String.join("\n",
          "[server]",
          "hosts = 127.0.0.1:" + port,
          "max_content_length = 100000000",
          "[auth]",
          "type = htpasswd",
          "htpasswd_filename = " + dir.resolve("users"),
          "htpasswd_encryption = bcrypt",
          "delay = 0",
          "[rights]",
          "type = owner_only",
          "[storage]",
          "filesystem_folder = " + dir.resolve("collections"),
          "[logging]",
          "level = warning",
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = start("radicale", Map.of(), Duration.ofSeconds(5),
        "/usr/bin/radicale", "--config", dir.resolve("config").toString());
    waitForHttp(root(), Duration.ofSeconds(20), p);
  }

  @Override
  public URI root() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public URI home() {
    return root().resolve("/" + USER + "/");
  }
}
