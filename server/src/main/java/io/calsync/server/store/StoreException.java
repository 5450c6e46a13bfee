package io.calsync.server.store;

/** The master store failed (I/O, corrupt file, closed); not caused by the request. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
