package io.calsync.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used: every problem found, each as {@code FILE: PATH:
 * PROBLEM}, one per line in {@link #getMessage()}. Never carries a secret.
 */
public final class AgentConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final List<ConfigProblem> problems;
  private final List<ConfigProblem> warnings;

  public AgentConfigException(Path file, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
    super(lines(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public Path file() {
    return file;
  }

  /** Every problem, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** The warnings found along the way (unknown keys), which may explain a problem. */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  /** {@code FILE: PATH: PROBLEM}, one per line. */
  public static String lines(Path file, List<ConfigProblem> items) {
    return items.stream().map(p -> file + ": " + p).collect(Collectors.joining("\n"));
  }
}
