package io.calsync.store.sqlite;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings an embedded SQLite file to its schema with Flyway, the same way for every calsync file
 * (the sync state DB, the agent's state file): quiet logging, its own history table, and a missing
 * migrations folder is an error rather than an empty schema.
 */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  /**
   * Applies the migrations under {@code location} found by {@code loader}.
   *
   * @throws org.flywaydb.core.api.FlywayException when a migration fails or the file is not ours
   */
  public static void migrate(ClassLoader loader, DataSource dataSource, String location, String historyTable) {
    Flyway.configure(loader)
        .loggers(QuietFlywayLogCreator.class.getName())
        .dataSource(dataSource)
        .locations(location)
        .table(historyTable)
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
