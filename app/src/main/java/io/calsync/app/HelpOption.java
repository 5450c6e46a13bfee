package io.calsync.app;

import picocli.CommandLine.Option;

/** {@code -h/--help} for subcommands ({@code --version} belongs to {@code calsync} itself). */
final class HelpOption {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
