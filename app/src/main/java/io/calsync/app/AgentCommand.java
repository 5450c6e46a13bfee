package io.calsync.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code calsync agent}: a remote agent. Described here; not built yet. */
@Command(
    name = "agent",
    description = {
      "Run a remote agent (not built yet).",
      "",
      "NOT BUILT YET: running it only says so (exit 1).",
      "",
      "Will run a remote agent on a machine whose calendars the master cannot reach (an office"
          + " PC with Outlook, a Mac with Outlook for Mac or the Calendar app, a network behind a"
          + " VPN). It reads the calendar sources listed in its configuration, sends their"
          + " changes to the master server, receives the changes made elsewhere (events,"
          + " renames, colours) and applies them locally, then confirms each one. It keeps its"
          + " own status, so it catches up after being offline.",
      "",
      "The configuration is the JSON file the seed calls outlook_config.json: agent_id,"
          + " agent_name, central_api_url, sync_interval_minutes, enable_bidirectional_sync and"
          + " calendar_sources (type outlook, outlook_mac, macos_calendar, google, microsoft,"
          + " exchange…). calsync discover will write one.",
      ""
    },
    footerHeading = "%nExamples (planned usage):%n",
    footer = {
      "  calsync agent --config outlook_config.json",
      "",
      "Until then: calsync sync keeps two calendars in step directly (see calsync sync --help)."
    })
final class AgentCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The agent's configuration file (JSON).")
  Path config;

  @Override
  public Integer call() {
    throw new Errors.NotSupportedYet("the remote agent (calsync agent) is being built");
  }
}
