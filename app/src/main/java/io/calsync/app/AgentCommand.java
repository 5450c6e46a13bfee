package io.calsync.app;

import io.calsync.agent.config.AgentConfig;
import io.calsync.agent.config.AgentConfigException;
import io.calsync.agent.config.AgentConfigLoader;
import io.calsync.agent.config.CalendarSource;
import io.calsync.agent.config.ConfigProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calsync agent}: a remote agent. Its configuration is read and validated today ({@code
 * --check}); the sync loop is not built yet.
 */
@Command(
    name = "agent",
    description = {
      "Run a remote agent (sync loop not built yet); --check validates its configuration.",
      "",
      "NOT BUILT YET: the sync loop. The configuration is validated first either way: a bad one"
          + " is rejected with every problem, one per line, as FILE: JSON-PATH: PROBLEM (exit 1);"
          + " a good one then stops with 'not supported yet' (exit 1). With --check, a good one"
          + " prints a summary and exits 0.",
      "",
      "Will run a remote agent on a machine whose calendars the master cannot reach (an office"
          + " PC with Outlook, a Mac with Outlook for Mac or the Calendar app, a network behind a"
          + " VPN). It reads the calendar sources listed in its configuration, sends their"
          + " changes to the master server, receives the changes made elsewhere (events,"
          + " renames, colours) and applies them locally, then confirms each one. It keeps its"
          + " own status, so it catches up after being offline.",
      "",
      "The configuration is the JSON file the seed calls outlook_config.json. Top level:"
          + " agent_id (required, 1-64 of A-Z a-z 0-9 . _ -), agent_name, environment,"
          + " central_api_url (required, http or https), sync_interval_minutes (1-10080, default"
          + " 30), enable_bidirectional_sync (true), update_processing_timeout (seconds, 300),"
          + " max_retry_attempts (3), batch_size (100), enable_compression (false),"
          + " agent_secret, certificate_path, enable_tls (false), calendar_sources (at least one).",
      "",
      "Each calendar source: type and name (required), calendar_name, calendar_id, folder_id,"
          + " account_uid, path, master_calendar, allow_metadata_updates (true),"
          + " allow_event_updates (true), conflict_resolution (source_wins, destination_wins,"
          + " latest_wins, manual), credentials (an object; encrypted credentials are not"
          + " supported yet), sync_filters {event_types, exclude_private, date_range_days}.",
      "",
      "Types: ics (needs path: a folder of .ics files or one .ics file), caldav and apple (need"
          + " calendar_id, the calendar's URL, or calendar_name) can be synced today; outlook,"
          + " outlook_mac, macos_calendar, google, microsoft and exchange are accepted in the"
          + " configuration but not supported yet. Unknown keys are warnings (likely typos are"
          + " named), so newer configurations still load. Secrets are never printed.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync agent --config outlook_config.json --check   validate and summarise",
      "  calsync agent --config outlook_config.json           (planned) run the agent",
      "",
      "Until then: calsync sync keeps two calendars in step directly (see calsync sync --help)."
    })
final class AgentCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The agent's configuration file (JSON).")
  Path config;

  @Option(
      names = "--check",
      description =
          "Only read and validate the configuration: print a summary and any warnings, exit 0 if"
              + " it is valid, 1 with every problem if not.")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig cfg;
    try {
      cfg = AgentConfigLoader.load(config);
    } catch (AgentConfigException e) {
      for (String line : e.getMessage().split("\n", -1)) {
        err.println("calsync: error: " + line);
      }
      printWarnings(err, e.warnings());
      err.println("calsync: " + config + " is not a valid agent configuration ("
          + e.problems().size() + (e.problems().size() == 1 ? " problem)" : " problems)"));
      err.flush();
      return CalsyncMain.EXIT_FAILURE;
    }
    if (!check) {
      printWarnings(err, cfg.warnings());
      err.flush();
      throw new Errors.NotSupportedYet(
          "the agent's sync loop is being built; --check validates the config");
    }
    out.println(config + ": valid agent configuration");
    out.println("agent:   " + cfg.agentId() + cfg.agentName().map(n -> " (" + n + ")").orElse(""));
    out.println("master:  " + cfg.centralApiUrl());
    out.println("sources: " + cfg.calendarSources().size());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"  TYPE", "NAME", "STATUS"});
    for (CalendarSource s : cfg.calendarSources()) {
      rows.add(new String[] {"  " + s.type().configName(), s.name(), s.status()});
    }
    Table.print(out, rows);
    if (!cfg.sourcesNotSupportedYet().isEmpty()) {
      out.println("note: the agent will refuse to start sources whose type is not supported yet"
          + " (supported today: ics, caldav, apple)");
    }
    out.flush();
    printWarnings(err, cfg.warnings());
    err.flush();
    return CalsyncMain.EXIT_OK;
  }

  private void printWarnings(PrintWriter err, List<ConfigProblem> warnings) {
    for (ConfigProblem w : warnings) {
      err.println("calsync: warning: " + config + ": " + w);
    }
  }
}
