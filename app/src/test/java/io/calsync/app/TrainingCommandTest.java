package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The launcher's training workloads (calsync aot-training): they must run every step cleanly, or
 * the start-up cache would be trained on an error path.
 */
class TrainingCommandTest {

  @Test
  void cliTraining_runsEveryStepOfItsWorkload_withoutAFailure() {
    Cli.Result r = Cli.run("aot-training", "cli", "--events", "40");
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void remoteTraining_syncsWithTheMastersCalDav_withoutAFailure() {
    Cli.Result r = Cli.run("aot-training", "remote", "--events", "20");
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void serviceTraining_runsTheDemo_withoutAFailure() {
    Cli.Result r = Cli.run("aot-training", "service");
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void unknownProfile_isAUsageError() {
    Cli.Result r = Cli.run("aot-training", "desktop");
    assertThat(r.exitCode()).isEqualTo(CalsyncMain.EXIT_USAGE);
    assertThat(r.err()).contains("desktop").contains("cli").contains("remote").contains("service");
  }
}
