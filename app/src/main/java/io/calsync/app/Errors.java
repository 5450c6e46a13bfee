package io.calsync.app;

import io.calsync.core.storage.StorageException;
import io.calsync.core.sync.SafetyStop;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How failures reach the user: one line on stderr, {@code calsync: error: …}, and exit code 1; a
 * stack trace only with {@code --debug}. Usage errors are picocli's and exit with 2.
 */
final class Errors {

  private Errors() {}

  /** A mistake of the user's that the message explains fully (no stack trace is useful). */
  static final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
      super(message);
    }
  }

  /** A command that exists so that its help can describe it, but whose work is not built yet. */
  static final class NotSupportedYet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSupportedYet(String what) {
      super(what + "; see README \"Status\"");
    }
  }

  static int handleExecution(Exception e, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean expected = isExpected(e);
    if (e instanceof NotSupportedYet) {
      err.println("calsync: not supported yet: " + e.getMessage());
    } else if (expected) {
      err.println("calsync: error: " + message(e));
      if (e instanceof SafetyStop && !String.valueOf(e.getMessage()).contains("--force-delete")) {
        err.println("calsync: if these deletions are intended, run again with --force-delete");
      }
    } else {
      err.println("calsync: error: unexpected " + e.getClass().getName() + ": " + message(e));
    }
    if (debug(cmd)) {
      e.printStackTrace(err);
    } else if (!expected) {
      err.println("calsync: run again with --debug for the stack trace");
    }
    err.flush();
    return CalsyncMain.EXIT_FAILURE;
  }

  static int handleUsage(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("calsync: usage error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("calsync: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return CalsyncMain.EXIT_USAGE;
  }

  private static boolean isExpected(Exception e) {
    return e instanceof UserError
        || e instanceof NotSupportedYet
        || e instanceof SafetyStop
        || e instanceof StorageException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof UncheckedIOException;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static boolean debug(CommandLine cmd) {
    CommandLine root = cmd;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof CalsyncMain main && main.debug;
  }
}
