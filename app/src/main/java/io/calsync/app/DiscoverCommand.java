package io.calsync.app;

import io.calsync.core.storage.StorageException;
import io.calsync.provider.caldav.CaldavAccount;
import io.calsync.provider.caldav.CaldavSettings;
import io.calsync.provider.caldav.DiscoveredCalendar;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code calsync discover}: finds calendars and prints agent configuration for them. Only {@code
 * caldav} is built; the other platforms say "not supported yet".
 */
@Command(
    name = "discover",
    usageHelpAutoWidth = true,
    description = {
      "Find calendars and print an agent configuration for them.",
      "",
      "Finds the calendars of an account or of this machine and prints them with",
      "an agent configuration (calendar_sources for outlook_config.json), so that",
      "nobody types calendar ids by hand:",
      "  caldav URL   a CalDAV server (Mailcow/SOGo, Nextcloud, Radicale...): the",
      "               calendars of the account, found from the server root, the",
      "               principal, the calendar home or one calendar's URL; prints",
      "               name, URL, colour, description, components and access",
      "",
      "Not built yet (running them says so, exit 1):",
      "  outlook      Outlook on Windows: every calendar folder, shared ones",
      "               included, with its path, EntryID and item count",
      "  outlook-mac  Outlook for Mac: finds its database, keeps the calendars",
      "               of your work e-mail domains (--work-domain), skips holiday",
      "               and personal ones",
      "  macos        the macOS Calendar app: every calendar, its id and events",
      "",
      "CalDAV credentials never go on the command line: --credentials FILE (JSON",
      "or properties with username and password, or token), else",
      "CALSYNC_USERNAME/CALSYNC_PASSWORD or CALSYNC_TOKEN.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync discover caldav https://mail.example.com/ \\",
      "      --credentials ~/.config/calsync/mailcow.json",
      "  CALSYNC_USERNAME=alice CALSYNC_PASSWORD=... \\",
      "      calsync discover caldav https://dav.example.com/alice/ -o sources.json",
      "  calsync discover outlook --output outlook_config.json     (not built yet)",
      "",
      "Exit codes: 0 success, 1 failure (server out of reach, wrong credentials,",
      "not a CalDAV server, platform not built yet), 2 usage error."
    })
final class DiscoverCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @ParentCommand CalsyncMain main;
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "PLATFORM",
      description = "One of: caldav, outlook, outlook-mac, macos.")
  String platform;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "ARG",
      description = "What the platform needs: the server or account URL for caldav.")
  List<String> args;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      description =
          "CalDAV credentials: " + RemoteOptions.FILE_FORMAT
              + ". Default: CALSYNC_USERNAME/CALSYNC_PASSWORD or CALSYNC_TOKEN.")
  Path credentials;

  @Option(
      names = "--work-domain",
      paramLabel = "DOMAIN",
      description = "An e-mail domain whose calendars count as work calendars (outlook-mac).")
  List<String> workDomains;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Also write the agent configuration ({\"calendar_sources\": [...]}) to FILE;"
              + " an existing file is not overwritten.")
  Path output;

  @Override
  public Integer call() {
    String what =
        switch (platform) {
          case "caldav" -> null;
          case "outlook" -> "discovery of Outlook calendars on Windows";
          case "outlook-mac" -> "discovery of Outlook for Mac calendars";
          case "macos" -> "discovery of macOS Calendar app calendars";
          default ->
              throw new ParameterException(
                  spec.commandLine(),
                  "unknown platform '"
                      + platform
                      + "': use one of caldav, outlook, outlook-mac, macos");
        };
    if (what != null) {
      throw new Errors.NotSupportedYet(what + " (calsync discover " + platform + ") is being built");
    }
    return caldav();
  }

  private int caldav() {
    if (args == null || args.size() != 1) {
      throw new ParameterException(
          spec.commandLine(),
          "discover caldav takes one URL, e.g. calsync discover caldav https://mail.example.com/");
    }
    URI url = url(args.get(0));
    CaldavSettings settings =
        StorageOpener.ofEnvironment(main.env()).settings(credentials);
    URI home;
    List<DiscoveredCalendar> calendars;
    try (CaldavAccount account = CaldavAccount.discover(url, settings)) {
      home = account.home();
      calendars = account.discoveredCalendars();
    }
    PrintWriter out = CalsyncMain.out(spec);
    String who = settings.credentials().username();
    out.println(
        "CalDAV calendar home "
            + home
            + (who == null ? "" : " (" + who + ")")
            + ": "
            + calendars.size()
            + (calendars.size() == 1 ? " calendar" : " calendars"));
    if (calendars.isEmpty()) {
      return CalsyncMain.EXIT_OK;
    }
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "URL", "COLOR", "COMPONENTS", "ACCESS", "DESCRIPTION"});
    for (DiscoveredCalendar c : calendars) {
      rows.add(
          new String[] {
            c.name(),
            c.url().toString(),
            c.color() == null ? "-" : c.color(),
            c.components().isEmpty() ? "(any)" : String.join(",", c.components()),
            c.readOnly() ? "read-only" : c.propertiesReadOnly() ? "events only" : "read-write",
            c.description() == null ? "" : oneLine(c.description())
          });
    }
    Table.print(out, rows);
    List<DiscoveredCalendar> eventCalendars =
        calendars.stream().filter(DiscoveredCalendar::holdsEvents).toList();
    out.println();
    if (eventCalendars.isEmpty()) {
      out.println("none of them holds events: no agent configuration");
      return CalsyncMain.EXIT_OK;
    }
    String snippet = snippet(eventCalendars);
    out.println("Agent configuration (calendar_sources of outlook_config.json):");
    out.println();
    out.println(snippet);
    out.println();
    out.println(
        "Sync one with: calsync sync --from ics:~/calendars/NAME --to caldav+"
            + eventCalendars.get(0).url()
            + (credentials == null ? "" : " --to-credentials " + credentials));
    if (output != null) {
      write(output, "{\n  " + snippet.replace("\n", "\n  ") + "\n}\n");
      out.println("wrote " + output);
    }
    return CalsyncMain.EXIT_OK;
  }

  /** {@code "calendar_sources": [ … ]} in the seed's outlook_config.json format. */
  static String snippet(List<DiscoveredCalendar> calendars) {
    StringBuilder b = new StringBuilder("\"calendar_sources\": [");
    for (int i = 0; i < calendars.size(); i++) {
      DiscoveredCalendar c = calendars.get(i);
      b.append(i == 0 ? "\n" : ",\n");
      b.append("  {\n");
      b.append("    \"type\": \"caldav\",\n");
      b.append("    \"name\": ").append(json(c.name())).append(",\n");
      b.append("    \"calendar_name\": ").append(json(c.name())).append(",\n");
      b.append("    \"calendar_id\": ").append(json(c.url().toString())).append(",\n");
      b.append("    \"allow_metadata_updates\": ")
          .append(!c.readOnly() && !c.propertiesReadOnly())
          .append(",\n");
      b.append("    \"allow_event_updates\": ").append(!c.readOnly()).append("\n");
      b.append("  }");
    }
    return b.append("\n]").toString();
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() > 60 ? line.substring(0, 59) + "…" : line;
  }

  private URI url(String value) {
    String v = value.strip();
    if (v.regionMatches(true, 0, "caldav+", 0, 7)) {
      v = v.substring(7);
    }
    URI u;
    try {
      u = new URI(v);
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "'" + value + "' is not a URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
      throw new ParameterException(
          spec.commandLine(),
          "'" + value + "' is not an http(s) URL, e.g. https://mail.example.com/");
    }
    if (u.getRawUserInfo() != null) {
      throw new StorageException.InvalidConfiguration(
          "credentials do not belong in the URL: use --credentials FILE or"
              + " CALSYNC_USERNAME/CALSYNC_PASSWORD");
    }
    if (u.getRawPath() == null || u.getRawPath().isEmpty()) {
      u = u.resolve("/");
    }
    return u;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new Errors.UserError(file + " exists already: not overwritten (choose another -o FILE)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
