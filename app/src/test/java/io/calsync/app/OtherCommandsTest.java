package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherCommandsTest {

  @TempDir Path tmp;

  @Test
  void demo_runsAMasterAndTwoAgents_changesTravelBothWays_andCanRunAgain() throws Exception {
    Path dir = tmp.resolve("demo");

    Cli.Result first = Cli.run("demo", "--dir", dir.toString(), "--port", "0", "--exit");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out())
        .contains("1. Two calendar folders", "2. The master starts", "3. A change in each folder",
            "4. The calendar renamed")
        .contains("both folders hold 6 events", "all three reached the other folder", "both folders renamed")
        .contains("/calendars", "/dav/", "/feeds/all.ics", dir.resolve("work-laptop").toString());
    assertThat(Ics.files(dir.resolve("work-laptop"))).hasSize(5);
    assertThat(Ics.files(dir.resolve("office-server"))).hasSize(5);
    assertThat(Files.readString(dir.resolve("office-server/displayname"))).contains("Team calendar 2027");
    assertThat(dir.resolve("work-laptop.json")).as("a real agent config to look at").exists();

    Cli.Result again = Cli.run("demo", "--dir", dir.toString(), "--port", "0", "--exit");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("emptied");
  }

  @Test
  void demo_leaves_a_folder_it_did_not_make_alone() throws Exception {
    Path mine = tmp.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("thesis.txt"), "precious");

    Cli.Result r = Cli.run("demo", "--dir", mine.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("was not made by calsync demo");
    assertThat(mine.resolve("thesis.txt")).exists();
  }

  @Test
  void server_withAnInvalidSetting_stopsNamingTheKey() {
    Cli.Result server = Cli.run(Map.of("API_PORT", "eighty"), "server", "--env-file", "/nonexistent/.env");

    assertThat(server.exitCode()).isEqualTo(1);
    assertThat(server.err()).startsWith("calsync: error: invalid server setting: ").contains("API_PORT");
  }

  @Test
  void discover_says_it_is_not_supported_yet() {
    Cli.Result discover = Cli.run("discover", "outlook");

    assertThat(discover.exitCode()).isEqualTo(1);
    assertThat(discover.err()).startsWith("calsync: not supported yet:");
    assertThat(Cli.run("discover", "windows-phone").exitCode()).isEqualTo(2);
  }

  @Test
  void storages_lists_the_ics_types() {
    Cli.Result r = Cli.run("storages");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("TYPE").contains("ics ").contains("ics-file").contains("ics:/");
  }
}
