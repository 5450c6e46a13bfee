package io.calsync.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code calsync admin}, {@code calsync conflicts}): run bare, it shows its help. */
abstract class CommandGroup implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(CalsyncMain.out(spec));
    return CalsyncMain.EXIT_OK;
  }
}
