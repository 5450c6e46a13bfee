package io.calsync.provider.ics;

import io.calsync.core.storage.StorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;

/** Maps file-system errors onto {@link StorageException}s naming the storage and what failed. */
final class IoErrors {

  private IoErrors() {}

  /**
   * {@link AccessDeniedException} → {@link StorageException.AccessDenied}; any other I/O error →
   * {@link StorageException.Unavailable} (retryable: a full disk, a network share gone away).
   */
  static StorageException map(String location, String what, IOException e) {
    String message = location + ": " + what + ": " + describe(e);
    if (e instanceof AccessDeniedException) {
      return new StorageException.AccessDenied(message, e);
    }
    return new StorageException.Unavailable(message, e);
  }

  private static String describe(IOException e) {
    String reason = e.getMessage();
    return e.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")");
  }
}
