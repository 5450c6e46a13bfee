package io.calsync.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of remote calendars (CalDAV, iCloud). {@code --from-credentials FILE} and {@code
 * --to-credentials FILE}: where the credentials come from, per side. Passwords are never taken on
 * the command line; without a file, {@code CALSYNC_USERNAME}/{@code CALSYNC_PASSWORD} or {@code
 * CALSYNC_TOKEN} apply to every remote side. {@code --connections N}: requests in flight at once
 * per remote calendar.
 */
final class RemoteOptions {

  static final int DEFAULT_CONNECTIONS = 4;

  static final String FILE_FORMAT =
      "a JSON object or properties file with username and password, or token";

  @Option(
      names = "--from-credentials",
      paramLabel = "FILE",
      description =
          "Credentials of a remote source (caldav, apple): " + FILE_FORMAT
              + ". Default: CALSYNC_USERNAME/CALSYNC_PASSWORD or CALSYNC_TOKEN.")
  Path from;

  @Option(
      names = "--to-credentials",
      paramLabel = "FILE",
      description = "Credentials of a remote destination, as --from-credentials.")
  Path to;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_CONNECTIONS,
      description =
          "Requests in flight at once per remote calendar (reads and writes; 1 to 64, default:"
              + " ${DEFAULT-VALUE}). Servers with several workers (SOGo, Nextcloud) take a first"
              + " upload faster with more; Radicale handles one write at a time whatever this says.")
  int connections;

  StorageOpener opener(CalsyncMain main) {
    if (connections < 1 || connections > 64) {
      throw new Errors.UserError("--connections must be between 1 and 64, not " + connections);
    }
    return new StorageOpener(main.env(), from, to, connections);
  }
}
