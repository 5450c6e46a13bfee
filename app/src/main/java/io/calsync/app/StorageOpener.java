package io.calsync.app;

import io.calsync.core.storage.CalendarStorage;
import io.calsync.provider.StorageFactory;
import io.calsync.provider.StorageUri;
import io.calsync.provider.Storages;
import io.calsync.provider.caldav.CaldavSettings;
import io.calsync.provider.caldav.CaldavStorageFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the two storages of a command with their credentials. A remote storage (a {@link
 * CaldavStorageFactory}: {@code caldav}, {@code apple}) gets the credentials file given for its
 * side, else those of the environment ({@code CALSYNC_TOKEN}, else {@code CALSYNC_USERNAME}/{@code
 * CALSYNC_PASSWORD}); every other type opens as {@link Storages#open} does. Credentials never
 * become part of a location, so they never reach the state DB or a message.
 */
final class StorageOpener {

  private final Map<String, String> env;
  private final Path fromCredentials;
  private final Path toCredentials;
  private final int connections;

  StorageOpener(Map<String, String> env, Path fromCredentials, Path toCredentials, int connections) {
    this.env = Map.copyOf(env);
    this.fromCredentials = fromCredentials;
    this.toCredentials = toCredentials;
    this.connections = connections;
  }

  /** Credentials from the environment only, the default number of connections. */
  static StorageOpener ofEnvironment(Map<String, String> env) {
    return new StorageOpener(env, null, null, RemoteOptions.DEFAULT_CONNECTIONS);
  }

  CalendarStorage openSource(String uri) {
    return open(uri, fromCredentials, "--from-credentials");
  }

  CalendarStorage openDestination(String uri) {
    return open(uri, toCredentials, "--to-credentials");
  }

  private CalendarStorage open(String uri, Path credentials, String option) {
    StorageUri parsed = StorageUri.parse(uri);
    StorageFactory factory =
        Storages.factories().stream()
            .filter(f -> f.type().equalsIgnoreCase(parsed.type()))
            .findFirst()
            .orElse(null);
    if (factory == null) {
      return Storages.open(uri); // fails, naming the types there are
    }
    if (factory instanceof CaldavStorageFactory remote) {
      return remote.withSettings(settings(credentials)).open(parsed);
    }
    if (credentials != null) {
      throw new Errors.UserError(
          option + " is for remote calendars (caldav, apple); " + parsed.type()
              + " needs no credentials");
    }
    return factory.open(parsed);
  }

  /**
   * The settings for a remote calendar: credentials from {@code file} if given, else the
   * environment; the connections asked for.
   */
  CaldavSettings settings(Path file) {
    CaldavSettings credentials = file != null
        ? CaldavSettings.fromCredentialsFile(file)
        : CaldavSettings.fromEnvironment(env);
    return credentials.withMaxConcurrentRequests(connections);
  }
}
