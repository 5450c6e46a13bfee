package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manual conflicts: exit 3, listed, shown, resolved and applied through the CLI. */
class ConflictsCommandTest {

  @TempDir Path tmp;

  @Test
  void a_manual_conflict_exits_3_and_resolve_applies_the_kept_version() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    String state = tmp.resolve("state").toString();
    Ics.write(a, "meet", "Team meeting", 0);
    Ics.write(a, "other", "Other", 0);
    Files.createDirectories(b);
    String[] sync = {
      "sync", "--from", "ics:" + a, "--to", "ics:" + b, "--state", state, "--conflict", "manual"
    };
    assertThat(Cli.run(sync).exitCode()).isZero();
    Ics.write(a, "meet", "Team meeting in room 1", 5);
    Ics.write(b, "meet", "Team meeting in room 2", 6);

    Cli.Result conflicted = Cli.run(sync);

    assertThat(conflicted.exitCode()).as(conflicted.toString()).isEqualTo(3);
    assertThat(conflicted.out())
        .contains("1 conflict pending")
        .contains("calsync conflicts list --state " + state);
    assertThat(Ics.read(a, "meet")).contains("room 1");
    assertThat(Ics.read(b, "meet")).contains("room 2");

    Cli.Result list = Cli.run("conflicts", "list", "--state", state);
    assertThat(list.exitCode()).isZero();
    assertThat(list.out())
        .contains("ID", "PAIR", "UID", "SUMMARY", "DETECTED", "STATUS")
        .contains("meet")
        .contains("pending");
    String id = firstId(list.out());

    Cli.Result show = Cli.run("conflicts", "show", id, "--state", state);
    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.out())
        .contains("differs   LAST-MODIFIED, SUMMARY")
        .contains("--- source version")
        .contains("SUMMARY:Team meeting in room 1")
        .contains("--- destination version")
        .contains("SUMMARY:Team meeting in room 2");

    Cli.Result resolve =
        Cli.run("conflicts", "resolve", id, "--keep", "destination", "--state", state);

    assertThat(resolve.exitCode()).as(resolve.toString()).isZero();
    assertThat(resolve.out())
        .contains("keeping the destination version")
        .contains("update on source");
    assertThat(Ics.read(a, "meet")).contains("room 2");
    assertThat(Cli.run("conflicts", "list", "--state", state).out())
        .contains("no pending conflicts");
    assertThat(Cli.run(sync).exitCode()).isZero();
  }

  @Test
  void an_unknown_conflict_id_is_one_error_line() throws Exception {
    Path a = tmp.resolve("a");
    Ics.write(a, "x", "X", 0);
    String state = tmp.resolve("state").toString();
    Cli.run("sync", "--from", "ics:" + a, "--to", "ics:" + tmp.resolve("b"), "--state", state);

    Cli.Result r = Cli.run("conflicts", "resolve", "nope", "--keep", "source", "--state", state);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("calsync: error: no conflict with id 'nope'");
  }

  @Test
  void keep_accepts_only_source_or_destination() {
    Cli.Result r = Cli.run("conflicts", "resolve", "x", "--keep", "mine");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("source").contains("destination");
  }

  @Test
  void listing_without_any_state_says_so() {
    Cli.Result r = Cli.run("conflicts", "list", "--state", tmp.resolve("none").toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("no conflicts");
  }

  private static String firstId(String listing) {
    Matcher m = Pattern.compile("(?m)^(\\S+)\\s+ics:").matcher(listing);
    assertThat(m.find()).as(listing).isTrue();
    return m.group(1);
  }
}
