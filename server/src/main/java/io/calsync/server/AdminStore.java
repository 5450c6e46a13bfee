package io.calsync.server;

import io.calsync.server.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The master's credentials, opened straight from {@code DATA_DIR} without a running server: what
 * {@code calsync admin} works on. SQLite lets it share {@code master.db} with a running master
 * (WAL, busy timeout), and the master reads credentials from the DB on every request, so a key
 * created or revoked here takes effect there at once.
 */
public final class AdminStore implements AutoCloseable {
  private final Database db;
  private final Credentials credentials;

  private AdminStore(Database db, Credentials credentials) {
    this.db = db;
    this.credentials = credentials;
  }

  /** Opens (creating and migrating if needed) {@code dataDir/master.db}. */
  public static AdminStore open(Path dataDir, Clock clock) {
    Database db = Database.open(dataDir);
    return new AdminStore(db, Credentials.on(db, clock));
  }

  public Credentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    db.close();
  }
}
