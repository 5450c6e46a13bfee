package io.calsync.app;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The entry point of {@code calsync-agent.jar}, the agent's distribution for users' machines: the
 * same {@code calsync} command line with the commands an agent's machine needs ({@code agent},
 * {@code discover}, {@code sync}, {@code conflicts}, {@code storages}) and none of the master's, so
 * the jar carries no web server, and SQLite's native library only for desktop platforms.
 */
public final class AgentMain {
  private AgentMain() {}

  static final List<Class<?>> SUBCOMMANDS = List.of(
      AgentCommand.class,
      DiscoverCommand.class,
      SyncCommand.class,
      ConflictsCommand.class,
      StoragesCommand.class,
      CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--debug")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    CalsyncMain main = new CalsyncMain(System.getenv(), Clock.systemUTC(), SUBCOMMANDS);
    System.exit(main.commandLine(args).execute(args));
  }
}
