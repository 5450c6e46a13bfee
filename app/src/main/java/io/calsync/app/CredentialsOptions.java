package io.calsync.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --from-credentials FILE} and {@code --to-credentials FILE}: where the credentials of a
 * remote calendar (CalDAV, iCloud) come from, per side. Passwords are never taken on the command
 * line; without a file, {@code CALSYNC_USERNAME}/{@code CALSYNC_PASSWORD} or {@code CALSYNC_TOKEN}
 * apply to every remote side.
 */
final class CredentialsOptions {

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

  StorageOpener opener(CalsyncMain main) {
    return new StorageOpener(main.env(), from, to);
  }
}
