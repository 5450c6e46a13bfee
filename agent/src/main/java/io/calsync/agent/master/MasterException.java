package io.calsync.agent.master;

/** What can go wrong talking to the master, classified by what the agent should do about it. */
public abstract sealed class MasterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MasterException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the same call may succeed later (the agent retries with backoff). */
  public abstract boolean isRetryable();

  /** The master is out of reach or failing: connection refused, timeout, 5xx, 429. */
  public static final class Unreachable extends MasterException {
    private static final long serialVersionUID = 1L;

    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean isRetryable() {
      return true;
    }
  }

  /** The master answered 4xx: the request itself is wrong (auth, unknown agent, invalid body). */
  public static final class Refused extends MasterException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refused(int status, String message) {
      super(message, null);
      this.status = status;
    }

    public int status() {
      return status;
    }

    @Override
    public boolean isRetryable() {
      return false;
    }
  }
}
