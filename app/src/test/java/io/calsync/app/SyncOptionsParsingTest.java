package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SyncOptionsParsingTest {

  private static SyncCommand parse(String... args) {
    CommandLine cl = new CalsyncMain(Map.of(), java.time.Clock.systemUTC()).commandLine();
    CommandLine.ParseResult result = cl.parseArgs(args);
    return (SyncCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void options_are_parsed_with_engine_defaults() {
    SyncCommand sync = parse("sync", "--from", "ics:/a", "--to", "ics-file:/b.ics");

    assertThat(sync.from).isEqualTo("ics:/a");
    assertThat(sync.to).isEqualTo("ics-file:/b.ics");
    assertThat(sync.conflict).isEqualTo("latest_wins");
    assertThat(sync.maxDeleteShare).isEqualTo(0.5);
    assertThat(sync.dryRun).isFalse();
    assertThat(sync.forceDelete).isFalse();
    assertThat(sync.state.dir).isNull();
  }

  @Test
  void every_option_is_taken() {
    SyncCommand sync =
        parse(
            "sync",
            "--from",
            "ics:/a",
            "--to",
            "ics:/b",
            "--conflict",
            "MANUAL",
            "--dry-run",
            "--force-delete",
            "--max-delete-share",
            "0.2",
            "--state",
            "/tmp/s");

    assertThat(sync.conflict).isEqualTo("manual");
    assertThat(sync.dryRun).isTrue();
    assertThat(sync.forceDelete).isTrue();
    assertThat(sync.maxDeleteShare).isEqualTo(0.2);
    assertThat(sync.state.dir).isEqualTo(Path.of("/tmp/s"));
  }

  @Test
  void a_bad_strategy_is_a_usage_error_naming_the_accepted_words() {
    Cli.Result r = Cli.run("sync", "--from", "ics:/a", "--to", "ics:/b", "--conflict", "newest");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains("newest")
        .contains("source_wins", "destination_wins", "latest_wins", "manual");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void a_delete_share_outside_0_to_1_is_a_usage_error() {
    Cli.Result r =
        Cli.run("sync", "--from", "ics:/a", "--to", "ics:/b", "--max-delete-share", "1.5");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("1.5").contains("from 0 to 1");
  }

  @Test
  void a_missing_destination_is_a_usage_error() {
    Cli.Result r = Cli.run("sync", "--from", "ics:/a");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--to");
  }

  @Test
  void a_bad_uri_is_one_error_line_and_exit_1() {
    Cli.Result r = Cli.run("sync", "--from", "nonsense", "--to", "ics:/b");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("calsync: error: ").doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void the_state_dir_follows_option_then_environment_then_home() {
    CalsyncMain none = new CalsyncMain(Map.of(), java.time.Clock.systemUTC());
    CalsyncMain xdg = new CalsyncMain(Map.of("XDG_DATA_HOME", "/x"), java.time.Clock.systemUTC());
    CalsyncMain both =
        new CalsyncMain(
            Map.of("XDG_DATA_HOME", "/x", "CALSYNC_STATE_DIR", "/c"), java.time.Clock.systemUTC());

    assertThat(both.stateDir(Path.of("/o"))).isEqualTo(Path.of("/o"));
    assertThat(both.stateDir(null)).isEqualTo(Path.of("/c"));
    assertThat(xdg.stateDir(null)).isEqualTo(Path.of("/x/calsync"));
    assertThat(none.stateDir(null))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "calsync"));
  }

  @Test
  void every_command_explains_itself_with_examples() {
    for (String[] args :
        new String[][] {
          {"--help"},
          {"sync", "--help"},
          {"conflicts", "--help"},
          {"conflicts", "list", "--help"},
          {"conflicts", "show", "--help"},
          {"conflicts", "resolve", "--help"},
          {"demo", "--help"},
          {"storages", "--help"},
          {"server", "--help"},
          {"agent", "--help"},
          {"discover", "--help"}
        }) {
      Cli.Result r = Cli.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: calsync").contains("Example");
    }
    assertThat(Cli.run("sync", "--help").out()).contains("Exit codes").contains("3  success");
  }

  @Test
  void version_names_calsync_and_java() {
    Cli.Result r = Cli.run("--version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("calsync ").contains("Java ");
  }
}
