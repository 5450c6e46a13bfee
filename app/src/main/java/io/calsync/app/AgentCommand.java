package io.calsync.app;

import io.calsync.agent.config.AgentConfig;
import io.calsync.agent.config.AgentConfigException;
import io.calsync.agent.config.AgentConfigLoader;
import io.calsync.agent.config.CalendarSource;
import io.calsync.agent.config.ConfigProblem;
import io.calsync.agent.master.MasterException;
import io.calsync.agent.runtime.AgentRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code calsync agent}: a remote agent. Reads and validates its configuration, then runs the
 * {@link AgentRuntime} until Ctrl-C or SIGTERM ({@code --once}: one pass, then exit; {@code
 * --check}: validate only).
 */
@Command(
    name = "agent",
    description = {
      "Run a remote agent: keep its calendar sources in step with the master server.",
      "",
      "Runs on a machine whose calendars the master cannot reach (an office PC, a Mac, a"
          + " network behind a VPN). It registers with the master (heartbeat), sends the changes"
          + " of its calendar sources to the master in batches, holds the master's push channel"
          + " so that changes made elsewhere (events, renames, colours, settings) are applied"
          + " here within a second, and confirms each one. It notices local changes promptly: a"
          + " file watch for ics sources, a cheap sync-token check every poll_interval_seconds for"
          + " caldav and apple sources, and a full rescan every sync_interval_minutes. While the"
          + " master is unreachable it keeps retrying with backoff and catches up when it returns."
          + " Its state (what each side last agreed on) lives in one SQLite file, so a restarted"
          + " agent resumes without sending everything again. Stop it with Ctrl-C or SIGTERM: the"
          + " write in progress finishes and the state is committed.",
      "",
      "The configuration is validated first: a bad one is rejected with every problem, one per"
          + " line, as FILE: JSON-PATH: PROBLEM (exit 1). A source whose type is not supported"
          + " yet stops the agent with 'not supported yet' (exit 1). With --check, a good one"
          + " prints a summary and exits 0.",
      "",
      "The configuration is the JSON file the seed calls outlook_config.json. Top level:"
          + " agent_id (required, 1-64 of A-Z a-z 0-9 . _ -), agent_name, environment,"
          + " central_api_url (required, http or https), sync_interval_minutes (1-10080, default"
          + " 30), enable_bidirectional_sync (true), update_processing_timeout (seconds, 300),"
          + " max_retry_attempts (3), batch_size (100), enable_compression (false),"
          + " agent_secret, certificate_path (a PEM the master's https certificate is checked"
          + " against), enable_tls (false), calendar_sources (at least one); calsync's own:"
          + " heartbeat_seconds (1-3600, default 30), poll_interval_seconds (1-3600, default 5).",
      "",
      "Each calendar source: type and name (required), calendar_name, calendar_id, folder_id,"
          + " account_uid, path, master_calendar, allow_metadata_updates (true),"
          + " allow_event_updates (true), conflict_resolution (source_wins, destination_wins,"
          + " latest_wins, manual), credentials (an object; encrypted credentials are not"
          + " supported yet), sync_filters {event_types, exclude_private, date_range_days}, and"
          + " calsync's own allow_mass_deletes (false: a source that suddenly lists nothing does"
          + " not delete everything at the master) and sync_filters.private_as_busy (false: with"
          + " exclude_private, send private events as busy blocks instead of leaving them out).",
      "",
      "sync_filters apply to what is sent to the master. An event that stops passing them is not"
          + " deleted at the master: the master keeps the version last sent.",
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
      "  calsync agent --config outlook_config.json           run the agent until stopped",
      "  calsync agent --config outlook_config.json --once    one pass over every source, then exit",
      "  calsync agent --config outlook_config.json --state /var/lib/calsync/pc.state.db"
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

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "The agent's state file (SQLite). Default: <agent_id>.state.db next to the configuration"
              + " file.")
  Path state;

  @Option(
      names = "--once",
      description =
          "Report to the master, reconcile every source once, apply the updates waiting at the"
              + " master, then exit: 0 when all went well, 1 otherwise.")
  boolean once;

  @ParentCommand CalsyncMain main;

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
      return run(cfg);
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

  private int run(AgentConfig cfg) {
    if (!cfg.sourcesNotSupportedYet().isEmpty()) {
      CalendarSource s = cfg.sourcesNotSupportedYet().getFirst();
      throw new Errors.NotSupportedYet("source " + s.name() + " of type " + s.type().configName()
          + " (supported today: ics, caldav, apple)");
    }
    // One line per record, with the time: the agent's log is read by people.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %5$s%6$s%n");
    Path stateFile = state != null ? state
        : config.toAbsolutePath().getParent().resolve(cfg.agentId() + ".state.db");
    AgentRuntime runtime = AgentRuntime.connect(cfg, stateFile, main.env(), main.clock());
    try {
      if (once) {
        try (runtime) {
          return runtime.runOnce() == 0 ? CalsyncMain.EXIT_OK : CalsyncMain.EXIT_FAILURE;
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "calsync-agent-stop"));
      runtime.start();
      runtime.awaitStop();
      return CalsyncMain.EXIT_OK;
    } catch (MasterException e) {
      runtime.close();
      throw new Errors.UserError(e.getMessage());
    } catch (IOException e) {
      runtime.close();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      runtime.close();
      Thread.currentThread().interrupt();
      return CalsyncMain.EXIT_FAILURE;
    }
  }

  private void printWarnings(PrintWriter err, List<ConfigProblem> warnings) {
    for (ConfigProblem w : warnings) {
      err.println("calsync: warning: " + config + ": " + w);
    }
  }
}
