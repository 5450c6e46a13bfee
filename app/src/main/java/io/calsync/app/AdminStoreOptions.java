package io.calsync.app;

import io.calsync.server.AdminStore;
import io.calsync.server.ApiException;
import io.calsync.server.ConfigException;
import io.calsync.server.Credentials;
import io.calsync.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where {@code calsync admin} finds the master's store: {@code --data-dir}, else {@code DATA_DIR}
 * from the environment or {@code .env}, else {@code ./calsync-data}, read by the server's own
 * {@link ServerConfig}, so the command and {@code calsync server} started in the same place agree.
 */
final class AdminStoreOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The master's DATA_DIR (default: DATA_DIR from the environment or .env, else ./calsync-data).")
  Path dataDir;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "Settings file read under the environment, as calsync server reads it (default: ${DEFAULT-VALUE}).")
  Path envFile = Path.of(".env");

  /** The master's settings as {@code calsync server} would read them here. */
  ServerConfig config() {
    Map<String, String> env = new HashMap<>(main().env());
    if (dataDir != null) env.put("DATA_DIR", dataDir.toString());
    try {
      return ServerConfig.load(env, envFile);
    } catch (ConfigException e) {
      throw new Errors.UserError("invalid server setting: " + e.getMessage());
    }
  }

  /**
   * Runs {@code work} on the credentials in DATA_DIR and closes the store; a refusal (unknown id,
   * bad name) becomes a one-line error as for any other command.
   */
  <T> T withCredentials(Function<Credentials, T> work) {
    try (AdminStore store = AdminStore.open(config().dataDir(), main().clock())) {
      return work.apply(store.credentials());
    } catch (ApiException e) {
      throw new Errors.UserError(e.getMessage());
    }
  }

  /** The data directory in messages. */
  Path resolvedDataDir() {
    return config().dataDir().toAbsolutePath().normalize();
  }

  /** The clock credentials and tokens are dated with. */
  Clock clock() {
    return main().clock();
  }

  private CalsyncMain main() {
    return (CalsyncMain) mixee.root().userObject();
  }
}
