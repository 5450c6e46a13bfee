package io.calsync.app;

import io.calsync.core.sync.ConflictStrategy;
import io.calsync.core.sync.SyncOptions;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code calsync sync}: one two-way sync of two calendars. */
@Command(
    name = "sync",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Sync two calendars both ways, once.",
      "",
      "What was created, changed or deleted on one side since the last sync is",
      "done on the other. The state DB remembers what both sides looked like",
      "after the last sync, so a second run with nothing changed does nothing.",
      "",
      "Calendars are named by URIs (calsync storages lists every type):",
      "  ics:/path/to/folder     a folder with one .ics file per event (vdir);",
      "                          its files displayname and color hold the",
      "                          calendar's name and colour",
      "  ics-file:/path/cal.ics  one .ics file holding the whole calendar",
      "  caldav+https://host/dav/alice/work/",
      "                          a CalDAV calendar (SOGo/Mailcow, Nextcloud,",
      "                          Radicale...); a server, principal or home URL",
      "                          opens the account's only event calendar",
      "                          (calsync discover caldav lists them)",
      "  apple:icloud            the only iCloud calendar (else apple+https://...)",
      "~ stands for your home folder; a relative path starts at the current",
      "directory. A pair is remembered by the calendars' absolute locations",
      "(URLs without credentials).",
      "",
      "Credentials of remote calendars never go on the command line: give a",
      "file per side (--from-credentials, --to-credentials: JSON or properties",
      "with username and password, or token), or set CALSYNC_USERNAME and",
      "CALSYNC_PASSWORD (or CALSYNC_TOKEN) for every remote side without a file.",
      "They are not logged and not stored in the state DB.",
      "",
      "Safety: a side that had synced events and now lists none, or a run that",
      "would delete more than --max-delete-share of a side, stops before writing",
      "anything (exit 1); --force-delete lets it go ahead. An event that cannot",
      "be read is reported by file name and never taken for a deleted one; the",
      "rest syncs.",
      "",
      "Options:"
    },
    optionListHeading = "",
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync sync --from ics:~/calendars/work --to ics:/mnt/office/work",
      "  calsync sync --from ics:~/calendars/work --to ics-file:~/work.ics \\",
      "      --dry-run",
      "  calsync sync --from ics:~/calendars/work \\",
      "      --to caldav+https://mail.example.com/SOGo/dav/me@example.com/Calendar/personal/ \\",
      "      --to-credentials ~/.config/calsync/mailcow.json",
      "  calsync sync --from ics:~/a --to ics:~/b --conflict manual",
      "      keeps both versions of an event changed on both sides; decide",
      "      later with calsync conflicts list and calsync conflicts resolve",
      "  calsync sync --from ics:~/a --to ics:~/b --force-delete",
      "      the source was emptied on purpose: delete on the destination too",
      "",
      "Exit codes:",
      "  0  success",
      "  1  failure: an event failed or could not be read, safety stop, storage",
      "     out of reach, bad URI, another sync of the same pair is running",
      "  2  usage error (unknown option, bad --conflict word)",
      "  3  success, but manual conflicts are pending: calsync conflicts list"
    })
final class SyncCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @ParentCommand CalsyncMain main;
  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "URI",
      description = "The source (side A), e.g. ics:~/calendars/work.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "URI",
      description = "The destination (side B), e.g. ics-file:~/work.ics or caldav+https://….")
  String to;

  @Mixin RemoteOptions credentials;

  @Option(
      names = "--conflict",
      paramLabel = "STRATEGY",
      converter = StrategyWord.class,
      completionCandidates = StrategyWords.class,
      description = {
        "What happens to an event changed on both sides: ${COMPLETION-CANDIDATES}."
            + " Default: ${DEFAULT-VALUE}.",
        "latest_wins keeps the version with the later LAST-MODIFIED (then SEQUENCE); manual"
            + " keeps both in a conflict record and overwrites nothing (exit 3)."
      })
  String conflict = SyncOptions.defaults().strategy().configName();

  @Option(
      names = "--dry-run",
      description = "Print the plan, one line per action, and write nothing (no state DB either).")
  boolean dryRun;

  @Mixin StateOption state;

  @Option(
      names = "--force-delete",
      description = "Go ahead although a side lists nothing or too much would be deleted.")
  boolean forceDelete;

  @Option(
      names = "--max-delete-share",
      paramLabel = "SHARE",
      converter = Share.class,
      description =
          "Largest share (0 to 1) of a side's synced events one run may delete before it stops."
              + " Default: ${DEFAULT-VALUE}.")
  double maxDeleteShare = SyncOptions.defaults().maxDeleteShare();

  @Option(
      names = {"-v", "--verbose"},
      description = "Print every change as it is applied.")
  boolean verbose;

  @Override
  public Integer call() {
    SyncOptions options =
        SyncOptions.defaults()
            .withStrategy(ConflictStrategy.parse(conflict))
            .withDryRun(dryRun)
            .withForceDelete(forceDelete)
            .withMaxDeleteShare(maxDeleteShare);
    PrintWriter out = CalsyncMain.out(spec);
    PairSync.Outcome outcome;
    try (ProgressReporter progress =
        ProgressReporter.forConsole(CalsyncMain.err(spec), verbose && !dryRun ? out : null, "  ")) {
      outcome = PairSync.run(
              main.stateDir(state.dir),
              from,
              to,
              credentials.opener(main),
              options,
              progress,
              main.clock());
    }
    ReportPrinter.print(out, outcome, "", state.hint());
    return ReportPrinter.exitCode(outcome.report());
  }

  /** Accepts the strategy words of {@link ConflictStrategy#parse}; anything else is exit 2. */
  static final class StrategyWord implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return ConflictStrategy.parse(value).configName();
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class StrategyWords implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ConflictStrategy.values()).map(ConflictStrategy::configName).iterator();
    }
  }

  /** A share between 0 and 1. */
  static final class Share implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double share;
      try {
        share = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        share = Double.NaN;
      }
      if (!(share >= 0 && share <= 1)) {
        throw new TypeConversionException(
            "'" + value + "' is not a share: give a number from 0 to 1, e.g. 0.5 for half");
      }
      return share;
    }
  }
}
