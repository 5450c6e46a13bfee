package io.calsync.core.storage;

/**
 * What can go wrong in a storage, classified so that the engine and the agent can act without
 * knowing the provider: retry later ({@link #isRetryable()}), look again before writing
 * ({@link PreconditionFailed}), or report and go on.
 *
 * <p>Messages name the storage location, the href or file, and the reason; they never carry
 * credentials.
 */
public abstract sealed class StorageException extends RuntimeException {

  protected StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the same call may succeed later without anything being changed. */
  public boolean isRetryable() {
    return false;
  }

  /** The stored state is not what the write was based on: re-read, then decide again. */
  public abstract static sealed class PreconditionFailed extends StorageException {
    protected PreconditionFailed(String message) {
      super(message, null);
    }
  }

  /** The stored etag is not the one the write named. */
  public static final class EtagMismatch extends PreconditionFailed {
    public EtagMismatch(String message) {
      super(message);
    }
  }

  /** Nothing is stored at the href (or no such calendar). */
  public static final class ItemNotFound extends PreconditionFailed {
    public ItemNotFound(String message) {
      super(message);
    }
  }

  /** An item with that UID or at that href exists already. */
  public static final class ItemAlreadyExists extends PreconditionFailed {
    public ItemAlreadyExists(String message) {
      super(message);
    }
  }

  /** The storage refused the item itself (invalid data, too large, not allowed). */
  public static final class ItemRejected extends StorageException {
    public ItemRejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Data read from the storage or given to it could not be parsed. */
  public static final class Malformed extends StorageException {
    public Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The storage is (for now) out of reach: I/O error, timeout, 5xx, rate limit. */
  public static final class Unavailable extends StorageException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean isRetryable() {
      return true;
    }
  }

  /** Credentials missing, wrong, or without the needed rights. */
  public static final class AccessDenied extends StorageException {
    public AccessDenied(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The storage (or this build of calsync) cannot do this. */
  public static final class NotSupported extends StorageException {
    public NotSupported(String message) {
      super(message, null);
    }
  }

  /** A configuration or URI problem, found before anything was touched. */
  public static final class InvalidConfiguration extends StorageException {
    public InvalidConfiguration(String message) {
      super(message, null);
    }
  }
}
