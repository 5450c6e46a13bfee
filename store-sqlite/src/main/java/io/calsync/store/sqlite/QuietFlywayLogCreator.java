package io.calsync.store.sqlite;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Keeps Flyway quiet: a CLI run must not print Flyway's banner and "Schema is up to date" lines.
 * Debug, info and notice lines are dropped; warnings and errors go to the {@link System.Logger}
 * {@code org.flywaydb} (java.util.logging by default, which prints them on stderr).
 *
 * <p>Public with a no-argument constructor because Flyway instantiates it by class name ({@code
 * loggers(...)}).
 */
public final class QuietFlywayLogCreator implements LogCreator {

  @Override
  public Log createLogger(Class<?> clazz) {
    System.Logger logger = System.getLogger("org.flywaydb");
    return new Log() {
      @Override
      @SuppressWarnings("deprecation") // still consulted by Flyway before building debug lines
      public boolean isDebugEnabled() {
        return false;
      }

      @Override
      public void debug(String message) {}

      @Override
      public void info(String message) {}

      @Override
      public void notice(String message) {}

      @Override
      public void warn(String message) {
        logger.log(System.Logger.Level.WARNING, message);
      }

      @Override
      public void error(String message) {
        logger.log(System.Logger.Level.ERROR, message);
      }

      @Override
      public void error(String message, Exception e) {
        logger.log(System.Logger.Level.ERROR, message, e);
      }
    };
  }
}
