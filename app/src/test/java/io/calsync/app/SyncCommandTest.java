package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calsync sync} end to end, between two real vdir folders, in this process. */
class SyncCommandTest {

  @TempDir Path tmp;
  Path a;
  Path b;
  Path state;

  @BeforeEach
  void folders() throws Exception {
    a = tmp.resolve("a");
    b = tmp.resolve("b");
    state = tmp.resolve("state");
    Files.createDirectories(a);
    Files.createDirectories(b);
  }

  private Cli.Result sync(String... extra) {
    String[] base = {"sync", "--from", "ics:" + a, "--to", "ics:" + b, "--state", state.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  @Test
  void events_are_created_both_ways_and_a_second_run_does_nothing() throws Exception {
    Ics.write(a, "one", "Planning", 0);
    Ics.write(a, "two", "Review", 0);
    Ics.write(b, "three", "Dentist", 0);

    Cli.Result first = sync();

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(Ics.files(a)).containsExactly("one.ics", "three.ics", "two.ics");
    assertThat(Ics.files(b)).containsExactly("one.ics", "three.ics", "two.ics");
    assertThat(first.out())
        .contains("source (ics:" + a + "): 1 created, 0 updated, 0 deleted, 0 conflicts, 0 errors")
        .contains(
            "destination (ics:" + b + "): 2 created, 0 updated, 0 deleted, 0 conflicts, 0 errors");
    assertThat(Files.exists(state.resolve("state.db"))).isTrue();

    Cli.Result second = sync();

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out())
        .contains("source (ics:" + a + "): 0 created, 0 updated, 0 deleted")
        .contains("destination (ics:" + b + "): 0 created, 0 updated, 0 deleted");
  }

  @Test
  void an_edit_on_one_side_reaches_the_other() throws Exception {
    Ics.write(a, "one", "Planning", 0);
    assertThat(sync().exitCode()).isZero();

    Ics.write(b, "one", "Planning (moved)", 5);
    Cli.Result r = sync("--verbose");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Ics.read(a, "one")).contains("SUMMARY:Planning (moved)");
    assertThat(r.out())
        .contains("update on source")
        .contains("source (ics:" + a + "): 0 created, 1 updated");
  }

  @Test
  void a_dry_run_prints_the_plan_and_writes_nothing() throws Exception {
    Ics.write(a, "one", "Planning", 0);
    Ics.write(b, "two", "Review", 0);

    Cli.Result r = sync("--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("dry run: 2 actions planned, nothing written")
        .contains("create on destination: \"Planning\"")
        .contains("create on source: \"Review\"")
        .contains("would get: 1 created");
    assertThat(Ics.files(a)).containsExactly("one.ics");
    assertThat(Ics.files(b)).containsExactly("two.ics");
    assertThat(state).doesNotExist();
  }

  @Test
  void a_dry_run_with_existing_state_writes_nothing_either() throws Exception {
    Ics.write(a, "one", "Planning", 0);
    assertThat(sync().exitCode()).isZero();
    Ics.write(a, "two", "Review", 0);

    Cli.Result r = sync("--dry-run");

    assertThat(r.out()).contains("create on destination: \"Review\"");
    assertThat(Ics.files(b)).containsExactly("one.ics");
    assertThat(sync().out()).contains("destination (ics:" + b + "): 1 created");
  }

  @Test
  void an_emptied_source_stops_the_sync_until_force_delete() throws Exception {
    for (int i = 0; i < 4; i++) {
      Ics.write(a, "e" + i, "Event " + i, 0);
    }
    assertThat(sync().exitCode()).isZero();
    assertThat(Ics.files(b)).hasSize(4);
    Ics.clear(a);

    Cli.Result stopped = sync();

    assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
    assertThat(stopped.err())
        .startsWith("calsync: error: ")
        .contains("--force-delete")
        .doesNotContain("\tat ");
    assertThat(Ics.files(b)).hasSize(4);

    Cli.Result forced = sync("--force-delete");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.out())
        .contains("destination (ics:" + b + "): 0 created, 0 updated, 4 deleted");
    assertThat(Ics.files(b)).isEmpty();
  }

  @Test
  void a_malformed_file_is_reported_by_name_and_the_rest_syncs() throws Exception {
    Ics.write(a, "good", "Planning", 0);
    Ics.write(a, "kept", "Kept", 0);
    assertThat(sync().exitCode()).isZero();
    Files.writeString(a.resolve("kept.ics"), "BEGIN:VCALENDAR\r\nthis is not iCalendar\r\n");
    Ics.write(a, "new", "New one", 0);

    Cli.Result r = sync();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("problem: ").contains("kept.ics");
    assertThat(Ics.files(b)).containsExactly("good.ics", "kept.ics", "new.ics");
    assertThat(Ics.read(b, "kept")).contains("SUMMARY:Kept");
  }

  @Test
  void debug_adds_the_stack_trace() throws Exception {
    Cli.Result r = Cli.run("sync", "--debug", "--from", "nonsense", "--to", "ics:" + b);

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("calsync: error: ").contains("\tat ");
  }
}
