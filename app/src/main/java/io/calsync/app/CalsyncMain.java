package io.calsync.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code calsync} command line. Commands stay thin: they parse, wire the modules together and
 * print; the work is done by the engine, the storages and the state DB.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage error, 3 success with manual conflicts pending.
 */
@Command(
    name = "calsync",
    mixinStandardHelpOptions = true,
    versionProvider = CalsyncMain.Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Keeps calendars in step both ways: events created, changed or deleted on either side are"
          + " carried to the other, with conflict handling and safety stops against mass"
          + " deletion.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync demo                                   try it on two sample calendars",
      "  calsync sync --from ics:~/cal/work --to ics-file:~/work.ics",
      "  calsync discover caldav https://mail.example.com/ --credentials FILE",
      "                                                 the calendars of a CalDAV account",
      "  calsync conflicts list",
      "  calsync sync --help                            every sync option",
      "",
      "Exit codes (every command):",
      "  0  success",
      "  1  failure: errors, safety stop, storage unreachable, bad input",
      "  2  usage error (unknown option, bad value)",
      "  3  success, but manual conflicts are pending (see calsync conflicts list)",
      "",
      "Add --debug to any command for stack traces and debug logging."
    })
public final class CalsyncMain implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_CONFLICTS = 3;

  /**
   * The subcommands, in help order, of this edition: everything in {@code calsync.jar}, the
   * agent's commands in {@code calsync-agent.jar} ({@link AgentMain}). Registered in code rather
   * than in {@code @Command}: picocli builds a command's whole model (every option, by reflection)
   * when it is registered, and a run needs only its own command's, which saves a noticeable part
   * of a short run's start-up.
   */
  private final List<Class<?>> subcommands;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of errors and debug logging.")
  boolean debug;

  @Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private final Clock clock;

  public CalsyncMain() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** For tests: the environment (for the default state dir) and the clock are given. */
  CalsyncMain(Map<String, String> env, Clock clock) {
    this(env, clock, FullEdition.SUBCOMMANDS);
  }

  CalsyncMain(Map<String, String> env, Clock clock, List<Class<?>> subcommands) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.subcommands = List.copyOf(subcommands);
  }

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--debug")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    System.exit(new CalsyncMain().commandLine(args).execute(args));
  }

  /** The command line with every subcommand and calsync's error handling. */
  CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for running {@code args}: with only the subcommand they name when they name
   * one (its model is all picocli needs), else with every subcommand ({@code help}, usage errors).
   */
  CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(this);
    String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
    boolean known = !"help".equals(named) && subcommands.stream().anyMatch(c -> commandName(c).equals(named));
    for (Class<?> command : subcommands) {
      if (!known || commandName(command).equals(named)) cl.addSubcommand(command);
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Errors::handleExecution);
    cl.setParameterExceptionHandler(Errors::handleUsage);
    return cl;
  }

  private static String commandName(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** With no command, shows the help. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return EXIT_OK;
  }

  Clock clock() {
    return clock;
  }

  /** The environment the command runs in (credentials of remote calendars, state dir). */
  Map<String, String> env() {
    return env;
  }

  /**
   * The state directory: {@code --state} if given, else {@code $CALSYNC_STATE_DIR}, else {@code
   * $XDG_DATA_HOME/calsync}, else {@code ~/.local/share/calsync}.
   */
  Path stateDir(Path option) {
    if (option != null) {
      return option.toAbsolutePath().normalize();
    }
    String explicit = env.get("CALSYNC_STATE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "calsync").toAbsolutePath().normalize();
    }
    return Path.of(System.getProperty("user.home"), ".local", "share", "calsync");
  }

  static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  static PrintWriter err(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getErr();
  }

  /** {@code calsync --version}: this build's version and the Java it runs on. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "calsync " + version(),
        "Java "
            + Runtime.version()
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
      };
    }

    static String version() {
      try (InputStream in = CalsyncMain.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "(unknown version)";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "(unknown version)");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
