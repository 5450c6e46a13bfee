package io.calsync.server.web;

/** The master refused a dashboard action; the message is shown to the user as it is. */
public final class ActionRefused extends RuntimeException {
  private final int status;

  public ActionRefused(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the REST API would have answered. */
  public int status() {
    return status;
  }
}
