package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

  private final AtomicLong now = new AtomicLong();
  private final StringWriter err = new StringWriter();

  private void advanceMillis(long ms) {
    now.addAndGet(ms * 1_000_000);
  }

  @Test
  void without_a_terminal_it_logs_at_most_every_two_seconds() {
    ProgressReporter p = new ProgressReporter(new PrintWriter(err), false, null, "", now::get);
    p.phase("applying 10000 changes");

    for (int done = 1; done <= 10_000; done++) {
      advanceMillis(1);
      p.progress(done, 10_000);
    }

    assertThat(err.toString().lines())
        .containsExactly(
            "calsync: applying 10000 changes: 2000/10000",
            "calsync: applying 10000 changes: 4000/10000",
            "calsync: applying 10000 changes: 6000/10000",
            "calsync: applying 10000 changes: 8000/10000",
            "calsync: applying 10000 changes: 10000/10000");
  }

  @Test
  void a_short_run_shows_nothing() {
    ProgressReporter p = new ProgressReporter(new PrintWriter(err), true, null, "", now::get);
    p.progress(1, 2);
    p.progress(2, 2);
    p.close();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void on_a_terminal_it_redraws_one_line_and_clears_it_at_the_end() {
    ProgressReporter p = new ProgressReporter(new PrintWriter(err), true, null, "", now::get);
    p.phase("applying");
    advanceMillis(500);
    p.progress(1, 4);
    advanceMillis(500);
    p.progress(4, 4);
    p.close();

    String shown = err.toString();
    assertThat(shown)
        .startsWith("\rapplying [")
        .contains("1/4 25%")
        .contains("4/4 100%")
        .endsWith("\r");
    assertThat(shown).doesNotContain("\n");
  }
}
