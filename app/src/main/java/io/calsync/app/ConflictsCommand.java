package io.calsync.app;

import io.calsync.core.model.Side;
import io.calsync.core.status.Conflict;
import io.calsync.core.status.ConflictVersion;
import io.calsync.core.sync.ConflictStrategy;
import io.calsync.core.sync.SyncOptions;
import io.calsync.store.sqlite.PairLock;
import io.calsync.store.sqlite.SqliteStateDb;
import io.calsync.store.sqlite.SyncPair;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calsync conflicts}: the manual conflicts a {@code --conflict manual} sync recorded. */
@Command(
    name = "conflicts",
    usageHelpAutoWidth = true,
    description = {
      "List, show and resolve manual conflicts.",
      "",
      "Lists, shows and settles manual conflicts: events changed on both sides of a pair while it"
          + " syncs with --conflict manual. Both versions are kept and neither side is overwritten"
          + " until you pick one.",
      ""
    },
    subcommands = {
      ConflictsCommand.ListConflicts.class,
      ConflictsCommand.ShowConflict.class,
      ConflictsCommand.ResolveConflict.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync conflicts list",
      "  calsync conflicts show 7f3a2c",
      "  calsync conflicts resolve 7f3a2c --keep destination",
      "",
      "Exit codes: 0 success, 1 failure (unknown id, sync failed), 2 usage error,",
      "3 resolved but other conflicts are still pending."
    })
final class ConflictsCommand extends CommandGroup {
  @Mixin HelpOption help;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @ParentCommand CalsyncMain main;


  /** A conflict with the pair it belongs to. */
  record Found(SyncPair pair, Conflict conflict) {}

  /** Every conflict of every pair in the state DB. */
  static List<Found> all(SqliteStateDb db) {
    List<Found> found = new ArrayList<>();
    for (SyncPair pair : db.pairs()) {
      for (Conflict c : db.status(pair).conflicts()) {
        found.add(new Found(pair, c));
      }
    }
    return found;
  }

  /** The conflict with this id, or with this unique id prefix. */
  static Found find(SqliteStateDb db, String id, String stateHint) {
    List<Found> all = all(db);
    for (Found f : all) {
      if (f.conflict().id().equals(id)) {
        return f;
      }
    }
    List<Found> prefixed = all.stream().filter(f -> f.conflict().id().startsWith(id)).toList();
    if (prefixed.size() == 1) {
      return prefixed.get(0);
    }
    if (prefixed.size() > 1) {
      throw new Errors.UserError(
          "'" + id + "' matches " + prefixed.size() + " conflicts: give more of the id");
    }
    throw new Errors.UserError(
        "no conflict with id '"
            + id
            + "' in "
            + db.file()
            + " (calsync conflicts list"
            + stateHint
            + " shows them)");
  }

  SqliteStateDb openDb(StateOption state) {
    Path file = PairSync.dbFile(main.stateDir(state.dir));
    if (!Files.exists(file)) {
      throw new Errors.UserError(
          "no state DB at " + file + ": no sync has run with this state directory yet");
    }
    return SqliteStateDb.open(file);
  }

  static String pairName(SyncPair pair) {
    return pair.from() + " -> " + pair.to();
  }

  @Command(
      name = "list",
      description = {
        "List pending conflicts.",
        "",
        "Lists pending conflicts of every pair: id, pair, UID, summary, when it was detected,"
            + " status. With --all also those resolved but not applied yet (the next sync of"
            + " the pair applies them)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  calsync conflicts list",
        "  calsync conflicts list --all --state ~/calsync-state"
      })
  static final class ListConflicts implements Callable<Integer> {
    @Mixin HelpOption help;

    @ParentCommand ConflictsCommand parent;
    @Spec CommandSpec spec;
    @Mixin StateOption state;

    @Option(names = "--all", description = "Also list resolved conflicts not applied yet.")
    boolean all;

    @Override
    public Integer call() {
      PrintWriter out = CalsyncMain.out(spec);
      Path file = PairSync.dbFile(parent.main.stateDir(state.dir));
      if (!Files.exists(file)) {
        out.println("no conflicts: no sync has run with state DB " + file + " yet");
        return CalsyncMain.EXIT_OK;
      }
      List<Found> shown;
      try (SqliteStateDb db = SqliteStateDb.open(file)) {
        shown =
            ConflictsCommand.all(db).stream().filter(f -> all || f.conflict().isPending()).toList();
      }
      if (shown.isEmpty()) {
        out.println(all ? "no conflicts" : "no pending conflicts");
        return CalsyncMain.EXIT_OK;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "PAIR", "UID", "SUMMARY", "DETECTED", "STATUS"});
      for (Found f : shown) {
        Conflict c = f.conflict();
        rows.add(
            new String[] {
              c.id(),
              pairName(f.pair()),
              c.uid(),
              c.summary() == null ? "" : c.summary(),
              WHEN.format(c.detectedAt()),
              status(c)
            });
      }
      Table.print(out, rows);
      out.println();
      out.println(
          "calsync conflicts show ID"
              + state.hint()
              + " shows both versions; calsync conflicts resolve ID --keep source|destination"
              + state.hint()
              + " settles one.");
      return CalsyncMain.EXIT_OK;
    }
  }

  static String status(Conflict c) {
    return c.isPending() ? "pending" : "resolved: keep " + c.resolution().label();
  }

  @Command(
      name = "show",
      description = {
        "Show both versions of a conflict.",
        "",
        "Shows both versions of a conflicting event, one after the other, and which properties"
            + " differ."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  calsync conflicts show 7f3a2c        (a unique start of the id is enough)"})
  static final class ShowConflict implements Callable<Integer> {
    @Mixin HelpOption help;

    @ParentCommand ConflictsCommand parent;
    @Spec CommandSpec spec;
    @Mixin StateOption state;

    @Parameters(paramLabel = "ID", description = "The conflict's id (from calsync conflicts list).")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = CalsyncMain.out(spec);
      Found f;
      try (SqliteStateDb db = parent.openDb(state)) {
        f = find(db, id, state.hint());
      }
      Conflict c = f.conflict();
      out.println("conflict  " + c.id() + " (" + status(c) + ")");
      out.println("pair      " + pairName(f.pair()));
      out.println("uid       " + c.uid());
      out.println("summary   " + (c.summary() == null ? "" : c.summary()));
      out.println("detected  " + WHEN.format(c.detectedAt()));
      List<String> differ = ContentLines.differingProperties(c.a().text(), c.b().text());
      out.println(
          "differs   "
              + (c.a().deleted() || c.b().deleted()
                  ? "deleted on one side, changed on the other"
                  : differ.isEmpty() ? "(only in ignored properties)" : String.join(", ", differ)));
      printVersion(out, "source", f.pair().from(), c.a());
      printVersion(out, "destination", f.pair().to(), c.b());
      out.println();
      out.println(
          "keep one:  calsync conflicts resolve "
              + c.id()
              + " --keep source|destination"
              + state.hint());
      return CalsyncMain.EXIT_OK;
    }

    private static void printVersion(
        PrintWriter out, String label, String location, ConflictVersion v) {
      out.println();
      out.println(
          "--- "
              + label
              + " version ("
              + location
              + (v.href() == null ? "" : ", " + v.href())
              + ") ---");
      if (v.deleted()) {
        out.println("(deleted on the " + label + ")");
      } else {
        out.print(v.text().replace("\r\n", "\n"));
        if (!v.text().endsWith("\n")) {
          out.println();
        }
      }
    }
  }

  /** The side a resolution keeps. */
  enum Keep {
    source(Side.A),
    destination(Side.B);

    final Side side;

    Keep(Side side) {
      this.side = side;
    }
  }

  @Command(
      name = "resolve",
      description = {
        "Keep one version of a conflict and sync it.",
        "",
        "Settles a conflict: records which version to keep, then (unless --no-sync) syncs the"
            + " conflict's pair at once, so that the kept version is written to the other side."
            + " That sync uses --conflict manual: any other event changed on both sides becomes"
            + " a conflict of its own instead of being overwritten."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  calsync conflicts resolve 7f3a2c --keep source",
        "  calsync conflicts resolve 7f3a2c --keep destination --no-sync",
        "      only records the choice: the next sync applies it",
        "",
        "Exit codes: 0 done, 1 failure, 2 usage error, 3 done but other conflicts",
        "are still pending."
      })
  static final class ResolveConflict implements Callable<Integer> {
    @Mixin HelpOption help;

    @ParentCommand ConflictsCommand parent;
    @Spec CommandSpec spec;
    @Mixin StateOption state;

    @Parameters(paramLabel = "ID", description = "The conflict's id (from calsync conflicts list).")
    String id;

    @Option(
        names = "--keep",
        required = true,
        paramLabel = "SIDE",
        description = "Whose version wins: ${COMPLETION-CANDIDATES}.")
    Keep keep;

    @Option(names = "--no-sync", description = "Only record the choice; the next sync applies it.")
    boolean noSync;

    @Mixin RemoteOptions credentials;

    @Override
    public Integer call() {
      PrintWriter out = CalsyncMain.out(spec);
      CalsyncMain main = parent.main;
      try (SqliteStateDb db = parent.openDb(state)) {
        Found f = find(db, id, state.hint());
        Conflict c = f.conflict();
        Instant now = main.clock().instant();
        PairLock lock =
            db.lock(f.pair()); // no sync of the pair may run while the choice is written
        try {
          db.status(f.pair()).putConflict(c.resolvedBy(keep.side, now));
        } finally {
          lock.close();
        }
        String location = keep.side == Side.A ? f.pair().from() : f.pair().to();
        out.println(
            "conflict "
                + c.id()
                + " ("
                + c.summary()
                + ", "
                + c.uid()
                + "): keeping the "
                + keep.side.label()
                + " version from "
                + location);
        if (noSync) {
          out.println(
              "recorded; the next sync of "
                  + pairName(f.pair())
                  + " writes it to the "
                  + keep.side.other().label());
          return CalsyncMain.EXIT_OK;
        }
        out.println("syncing " + pairName(f.pair()) + " to apply it");
        PairSync.Outcome outcome;
        try (ProgressReporter progress =
            ProgressReporter.forConsole(CalsyncMain.err(spec), out, "  ")) {
          outcome =
              PairSync.run(
                  db,
                  f.pair(),
                  credentials.opener(main),
                  SyncOptions.defaults().withStrategy(ConflictStrategy.MANUAL),
                  progress,
                  main.clock());
        }
        ReportPrinter.print(out, outcome, "", state.hint());
        return ReportPrinter.exitCode(outcome.report());
      }
    }
  }
}
