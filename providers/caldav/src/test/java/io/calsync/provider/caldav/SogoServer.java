package io.calsync.provider.caldav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SOGo 5 the way Mailcow runs it, on loopback: a private PostgreSQL cluster (initdb as user
 * postgres, scram auth, fsync off), memcached, a one-worker bootstrap run that creates the tables
 * and the user's {@code personal} calendar, then sogod with its watchdog and workers (as user
 * sogo, every setting a command-line user default), and nginx in front as Mailcow configures it.
 * Needs root (to run each part as its own user). See /work/shared/notes/caldav-servers.md.
 */
public final class SogoServer extends ServerHarness {

  private static final String PG_BIN = "/usr/lib/postgresql/15/bin";
  /** sogod workers: {@code -Dcalsync.sogo.workers=N} (default 4; Mailcow ships 14). */
  private static final int WORKERS = Integer.getInteger("calsync.sogo.workers", 4);

  private final int pgPort = freePort();
  private final int mcPort = freePort();
  private final int sogoPort = freePort();
  private final int bootPort = freePort();
  private final int nginxPort = freePort();
  private final String dbPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
  private Process postgres;

  private SogoServer() {
    super("sogo");
  }

  public static SogoServer start() {
    require("SOGo (Debian packages sogo, memcached, nginx, postgresql)",
        "/usr/sbin/sogod", "/usr/bin/memcached", "/usr/sbin/nginx", PG_BIN + "/initdb", "/usr/bin/setpriv");
    if (!"root".equals(System.getProperty("user.name"))) {
      require("root (the SOGo harness runs postgres, sogod and nginx as their own users)", "/nonexistent-not-root");
    }
    SogoServer s = new SogoServer();
    try {
      s.boot();
      return s;
    } catch (RuntimeException | Error e) { // an Error too: never leave processes behind
      String log = s.log();
      s.close();
      throw new IllegalStateException("SOGo did not start: " + e.getMessage() + "\n" + log, e);
    }
  }

  private void boot() {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path pg = Files.createDirectory(dir.resolve("pg"));
      Path home = Files.createDirectory(dir.resolve("sogo-home"));
      Path ng = Files.createDirectory(dir.resolve("nginx"));
      Path pw = dir.resolve("pgpw");
      Files.writeString(pw, dbPassword + "\n");
      chown(pg, "postgres");
      chown(pw, "postgres");
      chown(home, "sogo");
      chown(ng, "www-data");
      Files.writeString(ng.resolve("nginx.conf"), nginxConf(ng));
      chown(ng.resolve("nginx.conf"), "www-data");

      // 1. PostgreSQL
      run(Map.of(), "/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups",
          PG_BIN + "/initdb", "-D", pg.resolve("data").toString(), "-U", "postgres",
          "--auth=scram-sha-256", "--pwfile=" + pw, "-E", "UTF8", "--locale=C.UTF-8");
      postgres = start("postgres", Map.of(), Duration.ofSeconds(10), "/usr/bin/setpriv", "--reuid=postgres",
          "--regid=postgres", "--init-groups", PG_BIN + "/postgres", "-D", pg.resolve("data").toString(),
          "-p", String.valueOf(pgPort), "-k", pg.toString(), "-c", "listen_addresses=127.0.0.1",
          "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off");
      waitFor(() -> psqlOk(), Duration.ofSeconds(30), "PostgreSQL");
      psql("postgres", "postgres", "CREATE ROLE sogo LOGIN PASSWORD '" + dbPassword + "'");
      psql("postgres", "postgres", "CREATE DATABASE sogo OWNER sogo");
      psql("sogo", "sogo", "CREATE TABLE sogo_users (c_uid VARCHAR(255) PRIMARY KEY, c_name VARCHAR(255),"
          + " c_password VARCHAR(255), c_cn VARCHAR(255), mail VARCHAR(255));"
          + " INSERT INTO sogo_users VALUES ('" + USER + "', '" + USER + "', '" + ssha256(PASSWORD) + "', 'Alice', '"
          + USER + "@example.test');");

      // 2. memcached
      start("memcached", Map.of(), Duration.ofSeconds(3), "/usr/bin/memcached", "-l", "127.0.0.1",
          "-p", String.valueOf(mcPort), "-U", "0", "-u", "memcache");

      // 3. bootstrap: one process without watchdog creates the tables, then the user's calendar
      Files.writeString(dir.resolve("sogo.conf"), String.join("\n", sogoDefaults()) + "\n");
      Process boot = start("sogod-bootstrap", Map.of("HOME", home.toString()), Duration.ofMillis(500),
          sogod(List.of("-WOUseWatchDog", "NO", "-WOPort", "127.0.0.1:" + bootPort)));
      waitFor(() -> listening(bootPort), Duration.ofSeconds(30), "sogod bootstrap");
      waitFor(() -> propfind(URI.create("http://127.0.0.1:" + bootPort + "/SOGo/dav/" + USER + "/Calendar/personal/")) == 207,
          Duration.ofSeconds(30), "sogod bootstrap PROPFIND");
      stop(boot, Duration.ofMillis(500));

      // 4. sogod with watchdog and workers
      start("sogod", Map.of("HOME", home.toString()), Duration.ofSeconds(2),
          sogod(List.of("-WOWorkersCount", String.valueOf(WORKERS), "-WOPort", "127.0.0.1:" + sogoPort)));
      waitFor(() -> listening(sogoPort), Duration.ofSeconds(30), "sogod");

      // 5. nginx in front
      Process nginx = start("nginx", Map.of(), Duration.ofSeconds(3), "/usr/bin/setpriv", "--reuid=www-data",
          "--regid=www-data", "--init-groups", "/usr/sbin/nginx", "-e", ng.resolve("error.log").toString(),
          "-p", ng.toString(), "-c", ng.resolve("nginx.conf").toString());
      waitForHttp(root(), Duration.ofSeconds(20), nginx);
      waitFor(() -> propfind(home().resolve("personal/")) == 207, Duration.ofSeconds(30), "SOGo through nginx");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String[] sogod(List<String> first) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=sogo", "--regid=sogo", "--init-groups", "/usr/sbin/sogod"));
    cmd.addAll(first);
    List<String> defaults = sogoDefaults();
    for (String line : defaults) {
      int eq = line.indexOf(" = ");
      cmd.add("-" + line.substring(0, eq));
      String v = line.substring(eq + 3);
      cmd.add(v.endsWith(";") ? v.substring(0, v.length() - 1) : v);
    }
    return cmd.toArray(String[]::new);
  }

  /** The effective settings, one {@code Key = value;} a line (also written to sogo.conf). */
  private List<String> sogoDefaults() {
    String db = "postgresql://sogo:" + dbPassword + "@127.0.0.1:" + pgPort + "/sogo";
    return List.of(
        "WONoDetach = YES;",
        "WOLogFile = -;",
        "WOPidFile = " + dir.resolve("sogo-home/sogod.pid") + ";",
        "SOGoProfileURL = " + db + "/sogo_user_profile;",
        "OCSFolderInfoURL = " + db + "/sogo_folder_info;",
        "OCSSessionsFolderURL = " + db + "/sogo_sessions_folder;",
        "OCSEMailAlarmsFolderURL = " + db + "/sogo_alarms_folder;",
        "OCSStoreURL = " + db + "/sogo_store;",
        "OCSAclURL = " + db + "/sogo_acl;",
        "OCSCacheFolderURL = " + db + "/sogo_cache_folder;",
        "SOGoUserSources = ({type = sql; id = users; viewURL = \"" + db + "/sogo_users\"; canAuthenticate = YES;"
            + " isAddressBook = NO; userPasswordAlgorithm = ssha256; prependPasswordScheme = YES;});",
        "SOGoMemcachedHost = 127.0.0.1:" + mcPort + ";",
        "SOGoMailDomain = example.test;",
        "SOGoEnableEMailAlarms = NO;",
        "SOGoAppointmentSendEMailNotifications = NO;",
        "WOListenQueueSize = 300;",
        "WOWatchDogRequestTimeout = 10;",
        "SxVMemLimit = 384;",
        "SOGoMaximumPingInterval = 354;",
        "SOGoMaximumSyncInterval = 354;",
        "SOGoInternalSyncInterval = 30;",
        "SOGoCacheCleanupInterval = 900;");
  }

  private String nginxConf(Path ng) {
    String n = ng.toString();
    return String.join("\n",
        "daemon off;", "master_process off;", "worker_processes 1;",
        "pid " + n + "/nginx.pid;", "error_log " + n + "/error.log warn;",
        "events { worker_connections 512; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + n + "/body; proxy_temp_path " + n + "/proxy;",
        "  fastcgi_temp_path " + n + "/fastcgi; uwsgi_temp_path " + n + "/uwsgi; scgi_temp_path " + n + "/scgi;",
        "  client_max_body_size 0;",
        "  server {",
        "    listen 127.0.0.1:" + nginxPort + ";",
        "    location = /.well-known/caldav { return 301 /SOGo/dav/; }",
        "    location ^~ /SOGo {",
        "      proxy_pass http://127.0.0.1:" + sogoPort + ";",
        "      proxy_set_header X-Real-IP $remote_addr;",
        "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "      proxy_set_header Host $host:$server_port;",
        "      proxy_set_header x-webobjects-server-protocol HTTP/1.0;",
        "      proxy_set_header x-webobjects-remote-host $remote_addr;",
        "      proxy_set_header x-webobjects-server-name $server_name;",
        "      proxy_set_header x-webobjects-server-url $scheme://$host:$server_port;",
        "      proxy_set_header x-webobjects-server-port $server_port;",
        "      proxy_connect_timeout 90; proxy_send_timeout 90; proxy_read_timeout 90;",
        "      proxy_buffer_size 128k; proxy_buffers 64 512k; proxy_busy_buffers_size 512k;",
        "      client_body_buffer_size 128k;",
        "    }",
        "  }",
        "}", "");
  }

  static String ssha256(String password) {
    try {
      byte[] salt = new SecureRandom().generateSeed(8);
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(password.getBytes(StandardCharsets.UTF_8));
      md.update(salt);
      byte[] digest = md.digest();
      byte[] both = new byte[digest.length + salt.length];
      System.arraycopy(digest, 0, both, 0, digest.length);
      System.arraycopy(salt, 0, both, digest.length, salt.length);
      return "{SSHA256}" + Base64.getEncoder().encodeToString(both);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void chown(Path p, String user) throws IOException {
    UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
    Files.setOwner(p, users.lookupPrincipalByName(user));
  }

  private boolean psqlOk() {
    try {
      psql("postgres", "postgres", "SELECT 1;");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void psql(String user, String db, String sql) {
    run(Map.of("PGPASSWORD", dbPassword), PG_BIN + "/psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
        "-p", String.valueOf(pgPort), "-U", user, "-d", db, "-c", sql);
  }

  private boolean listening(int port) {
    String out = run(Map.of(), "/usr/bin/ss", "-Htln", "sport = :" + port);
    return out.contains(":" + port);
  }

  private static int propfind(URI uri) {
    try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      HttpRequest r = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(10))
          .header("Depth", "0").header("Authorization", Credentials.basic(USER, PASSWORD).authorizationHeader())
          .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build();
      return c.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void waitFor(java.util.function.BooleanSupplier ok, Duration timeout, String what) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (ok.getAsBoolean()) return;
      sleep(200);
    }
    throw new IllegalStateException(what + " not ready within " + timeout);
  }

  @Override
  public void close() {
    // PostgreSQL's fast shutdown is SIGINT; sent to our own postgres PID only, after the others stopped
    Process pg = postgres;
    if (pg != null && pg.isAlive()) {
      stopOthersFirst();
      try {
        new ProcessBuilder("/bin/kill", "-INT", String.valueOf(pg.pid())).start().waitFor();
        pg.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (IOException e) {
        // fall through to the generic stop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    super.close();
  }

  @Override
  public boolean setsDescription() {
    return false;
  }

  @Override
  public URI principal() {
    return root().resolve("/SOGo/dav/" + USER); // SOGo's principal has no trailing slash
  }

  @Override
  public URI root() {
    return URI.create("http://127.0.0.1:" + nginxPort + "/");
  }

  @Override
  public URI home() {
    return root().resolve("/SOGo/dav/" + USER + "/Calendar/");
  }
}
