package io.calsync.app;

import io.calsync.server.ConfigException;
import io.calsync.server.MasterServer;
import io.calsync.server.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calsync server}: the master server, configured like the product's {@code .env}. */
@Command(
    name = "server",
    description = {
      "Run the master server: REST API, durable per-agent update queues, long-poll push.",
      "",
      "The hub that remote agents on other networks report to: it registers agents by their"
          + " heartbeats, keeps the consolidated calendars, and queues every change (calendar"
          + " rename/recolor, sync configuration, events) for each agent that holds a copy, with"
          + " acknowledgements, retries with backoff and a dead-letter state. Agents holding"
          + " GET /sync/agents/{id}/pending-updates?wait=SECONDS receive a queued update at once.",
      "",
      "Settings come from the environment and an optional .env file (the environment wins);"
          + " server/.env.example documents every key: API_PORT (8008), BIND_ADDRESS (0.0.0.0),"
          + " DATA_DIR (./calsync-data), AUTH_ENABLED (true), CONFLICT_RESOLUTION (latest_wins),"
          + " UPDATE_QUEUE_RETENTION_DAYS (7), MAX_RETRY_ATTEMPTS (5), RATE_LIMIT_*… An invalid"
          + " value stops start-up with a message naming the key.",
      "",
      "With AUTH_ENABLED=true the first start writes an admin API key to DATA_DIR/admin.key"
          + " (mode 0600); send it as X-API-Key. The web dashboard is on the same port at /"
          + " (sign in with the admin key or an API key).",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync server                                  port 8008, state in ./calsync-data",
      "  calsync server --port 9000 --bind 127.0.0.1 --data-dir /var/lib/calsync",
      "  AUTH_ENABLED=false calsync server               trials: agents register themselves",
      "  curl http://localhost:8008/health",
      "  curl http://localhost:8008/sync/agents/status -H \"X-API-Key: $(cat calsync-data/admin.key)\"",
      "  calsync admin agent-secret issue office-pc      the secret for an agent's outlook_config.json",
      "  calsync admin api-key create grafana --role read",
      "",
      "Also served on the same port: the dashboard (/), CalDAV for calendar apps (/dav/), ICS"
          + " feeds (/feeds/all.ics), the OpenAPI document (/openapi.json).",
      "",
      "Stop it with Ctrl-C (or SIGTERM): requests in flight finish, then the store closes."
    })
final class ServerCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @ParentCommand CalsyncMain main;
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "Overrides API_PORT (default 8008).")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Overrides BIND_ADDRESS.")
  String bind;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Overrides DATA_DIR.")
  Path dataDir;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Settings file read under the environment (default: ${DEFAULT-VALUE}).")
  Path envFile = Path.of(".env");

  @Override
  public Integer call() throws InterruptedException {
    // The server reports where its admin key is and what it listens on at INFO; the CLI's other
    // commands keep logging at WARN. Set before the server's loggers exist.
    String level = "org.slf4j.simpleLogger.defaultLogLevel";
    if (!"debug".equals(System.getProperty(level))) {
      System.setProperty(level, "info");
    }
    Map<String, String> env = new HashMap<>(main.env());
    if (port != null) env.put("API_PORT", port.toString());
    if (bind != null) env.put("BIND_ADDRESS", bind);
    if (dataDir != null) env.put("DATA_DIR", dataDir.toString());
    ServerConfig config;
    try {
      config = ServerConfig.load(env, envFile);
    } catch (ConfigException e) {
      throw new Errors.UserError("invalid server setting: " + e.getMessage());
    }
    MasterServer server = MasterServer.start(config);
    PrintWriter out = CalsyncMain.out(spec);
    out.println("calsync master listening on http://" + config.bindAddress() + ":" + server.port()
        + " (data in " + config.dataDir().toAbsolutePath().normalize() + ")");
    out.flush();
    Thread hook = new Thread(server::close, "calsync-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    server.awaitStop();
    return CalsyncMain.EXIT_OK;
  }
}
