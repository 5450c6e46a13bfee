package io.calsync.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code calsync server}: the master server. Described here; not built yet. */
@Command(
    name = "server",
    description = {
      "Run the master server (not built yet).",
      "",
      "NOT BUILT YET: running it only says so (exit 1).",
      "",
      "Will run the master server: the hub that collects calendars from remote agents on other"
          + " networks, consolidates them into one destination calendar (Mailcow/SOGo over"
          + " CalDAV, Exchange, Google, or its own built-in CalDAV) and pushes every change made"
          + " anywhere back to the agents that hold a copy, through a durable per-agent update"
          + " queue with heartbeats and acknowledgements. It will serve a REST API (with"
          + " /health and /sync/agents/status), an OpenAPI document at /openapi.json and a web"
          + " UI, on port 8008 by default, and resolve conflicts by CONFLICT_RESOLUTION"
          + " (source_wins, destination_wins, latest_wins, manual).",
      ""
    },
    footerHeading = "%nExamples (planned usage):%n",
    footer = {
      "  calsync server --port 8008",
      "",
      "Until then: calsync sync keeps two calendars in step directly (see calsync sync --help)."
    })
final class ServerCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port of the API and web UI (planned; default ${DEFAULT-VALUE}).")
  int port = 8008;

  @Option(names = "--config", paramLabel = "FILE", description = "Server settings file (planned).")
  Path config;

  @Override
  public Integer call() {
    throw new Errors.NotSupportedYet("the master server (calsync server) is being built");
  }
}
