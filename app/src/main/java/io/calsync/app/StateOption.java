package io.calsync.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --state DIR} option shared by every command that uses the state DB. */
final class StateOption {

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = {
        "Directory of the state DB (state.db): what both sides looked like after the last"
            + " sync of each pair, and the conflicts. Default: $CALSYNC_STATE_DIR, else"
            + " $XDG_DATA_HOME/calsync, else ~/.local/share/calsync"
      })
  Path dir;

  /** The words to repeat in hints so that a follow-up command finds the same state DB. */
  String hint() {
    return dir == null ? "" : " --state " + dir;
  }
}
