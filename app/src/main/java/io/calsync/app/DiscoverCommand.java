package io.calsync.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code calsync discover}: finds calendars and writes agent configuration. Not built yet. */
@Command(
    name = "discover",
    description = {
      "Find calendars and write an agent configuration (not built yet).",
      "",
      "NOT BUILT YET: running it only says so (exit 1).",
      "",
      "Will find the calendars on this machine or account and write an agent",
      "configuration for them, so that nobody types calendar ids by hand:",
      "  outlook      Outlook on Windows: every calendar folder, shared ones",
      "               included, with its path, EntryID and item count",
      "  outlook-mac  Outlook for Mac: finds its database, keeps the calendars",
      "               of your work e-mail domains (--work-domain), skips holiday",
      "               and personal ones",
      "  macos        the macOS Calendar app: every calendar, its id and events",
      "  caldav       a CalDAV server (Mailcow/SOGo, Nextcloud, Radicale...):",
      "               the calendars of an account",
      ""
    },
    footerHeading = "%nExamples (planned usage):%n",
    footer = {
      "  calsync discover outlook --output outlook_config.json",
      "  calsync discover outlook-mac --work-domain example.com",
      "  calsync discover caldav https://mail.example.com/SOGo/dav/ \\",
      "      --user me@example.com"
    })
final class DiscoverCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PLATFORM",
      description = "One of: outlook, outlook-mac, macos, caldav.")
  String platform;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "ARG",
      description = "What the platform needs, e.g. the server URL for caldav.")
  List<String> args;

  @Option(names = "--user", paramLabel = "NAME", description = "Account name (caldav).")
  String user;

  @Option(
      names = "--work-domain",
      paramLabel = "DOMAIN",
      description = "An e-mail domain whose calendars count as work calendars (outlook-mac).")
  List<String> workDomains;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write the agent configuration (default ${DEFAULT-VALUE}).")
  Path output = Path.of("outlook_config.json");

  @Override
  public Integer call() {
    String what =
        switch (platform) {
          case "outlook" -> "discovery of Outlook calendars on Windows";
          case "outlook-mac" -> "discovery of Outlook for Mac calendars";
          case "macos" -> "discovery of macOS Calendar app calendars";
          case "caldav" -> "discovery of CalDAV calendars";
          default ->
              throw new ParameterException(
                  spec.commandLine(),
                  "unknown platform '"
                      + platform
                      + "': use one of outlook, outlook-mac, macos, caldav");
        };
    throw new Errors.NotSupportedYet(what + " (calsync discover " + platform + ") is being built");
  }
}
