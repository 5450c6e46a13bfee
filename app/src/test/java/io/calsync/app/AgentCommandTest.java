package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {

  @TempDir Path dir;

  private Path write(String json) throws IOException {
    Path file = dir.resolve("outlook_config.json");
    Files.writeString(file, json);
    return file;
  }

  private static final String VALID = """
      {
        "agent_id": "office-pc-1",
        "agent_name": "Office PC",
        "central_api_url": "https://master.example.com:8008",
        "agent_secret": "s3cr3t-agent",
        "batchsize": 10,
        "calendar_sources": [
          {"type": "ics", "name": "Home", "path": "/cal/home"},
          {"type": "outlook", "name": "Work Calendar", "calendar_name": "Calendar",
           "credentials": {"password": "s3cr3t-pw"}}
        ]
      }
      """;

  @Test
  void check_prints_a_summary_with_each_sources_status_and_exits_0() throws IOException {
    Path file = write(VALID);

    Cli.Result r = Cli.run("agent", "--config", file.toString(), "--check");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith(file + ": valid agent configuration\n")
        .contains("agent:   office-pc-1 (Office PC)\n")
        .contains("master:  https://master.example.com:8008\n")
        .contains("sources: 2\n")
        .containsPattern("\\n  ics +Home +ok\\n")
        .containsPattern("\\n  outlook +Work Calendar +not supported yet\\n");
    assertThat(r.err())
        .isEqualTo("calsync: warning: " + file + ": $.batchsize: unknown key, ignored; did you mean 'batch_size'?\n");
    assertThat(r.out() + r.err()).doesNotContain("s3cr3t");
  }

  @Test
  void check_of_a_bad_config_lists_every_problem_and_exits_1() throws IOException {
    Path file = write("""
        {
          "agent_id": "office-pc-1",
          "central_api_url": "http://master-server:8008",
          "sync_interval_minutes": "abc",
          "agent_secret": 42424242,
          "calendar_sources": [
            {"type": "ics", "name": "Home", "path": "/cal"},
            {"type": "gogle", "name": "G"}
          ]
        }
        """);

    Cli.Result r = Cli.run("agent", "--config", file.toString(), "--check");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines())
        .containsExactly(
            "calsync: error: " + file + ": $.sync_interval_minutes: must be a whole number of minutes from 1 to 10080, was \"abc\"",
            "calsync: error: " + file + ": $.agent_secret: must be a string, was a number",
            "calsync: error: " + file + ": $.calendar_sources[1].type: unknown type 'gogle'; supported: ics, caldav,"
                + " apple, outlook, outlook_mac, macos_calendar, google, microsoft, exchange",
            "calsync: " + file + " is not a valid agent configuration (3 problems)");
    assertThat(r.err()).doesNotContain("42424242");
  }

  @Test
  void malformed_json_and_a_missing_file_exit_1_naming_the_place() throws IOException {
    Path file = write("{\n  \"agent_id\": \"a\",\n  \"batch_size\": ,\n}");

    Cli.Result r = Cli.run("agent", "--config", file.toString(), "--check");
    Cli.Result missing = Cli.run("agent", "--config", dir.resolve("nope.json").toString(), "--check");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("calsync: error: " + file + ": line 3, column 17: malformed JSON:");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("calsync: error: " + dir.resolve("nope.json") + ": cannot read: no such file\n");
  }

  @Test
  void without_check_a_source_of_a_type_without_storage_stops_the_agent_as_not_supported_yet() throws IOException {
    Path file = write(VALID);

    Cli.Result r = Cli.run("agent", "--config", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("calsync: warning: " + file + ": $.batchsize: unknown key")
        .contains("calsync: not supported yet: source Work Calendar of type outlook (supported today: ics, caldav, apple)")
        .doesNotContain("s3cr3t");
    assertThat(dir.resolve("office-pc-1.state.db")).doesNotExist();
  }

  @Test
  void once_with_the_master_unreachable_exits_1_naming_it_and_keeps_the_state_next_to_the_config() throws IOException {
    Path cal = java.nio.file.Files.createDirectories(dir.resolve("cal"));
    Path file = write("""
        {"agent_id": "pc-2", "central_api_url": "http://127.0.0.1:1", "agent_secret": "s3cr3t-agent",
         "calendar_sources": [{"type": "ics", "name": "Home", "path": "%s"}]}
        """.formatted(cal));

    Cli.Result r = Cli.run("agent", "--config", file.toString(), "--once");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("calsync: error: POST /sync/agents/pc-2/heartbeat: master unreachable")
        .doesNotContain("s3cr3t");
    assertThat(dir.resolve("pc-2.state.db")).exists();
  }

  @Test
  void without_check_a_bad_config_is_rejected_with_its_problems_first() throws IOException {
    Path file = write("{\"agent_id\": \"a\", \"calendar_sources\": []}");

    Cli.Result r = Cli.run("agent", "--config", file.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().lines())
        .containsExactly(
            "calsync: error: " + file + ": $.central_api_url: missing; the master server's URL, e.g. http://master-server:8008",
            "calsync: error: " + file + ": $.calendar_sources: must list at least one calendar source",
            "calsync: " + file + " is not a valid agent configuration (2 problems)");
  }

  @Test
  void help_describes_check_and_the_configuration() {
    Cli.Result r = Cli.run("agent", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--check").contains("--once").contains("--state").contains("sync_interval_minutes")
        .contains("heartbeat_seconds").contains("poll_interval_seconds").contains("allow_mass_deletes")
        .contains("not supported yet");
  }
}
