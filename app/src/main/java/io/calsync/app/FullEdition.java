package io.calsync.app;

import java.util.List;
import picocli.CommandLine;

/** The commands of {@code calsync.jar}: everything, master included. */
final class FullEdition {
  private FullEdition() {}

  static final List<Class<?>> SUBCOMMANDS = List.of(
      SyncCommand.class,
      ConflictsCommand.class,
      DemoCommand.class,
      StoragesCommand.class,
      ServerCommand.class,
      AdminCommand.class,
      AgentCommand.class,
      DiscoverCommand.class,
      TrainingCommand.class,
      CommandLine.HelpCommand.class);
}
