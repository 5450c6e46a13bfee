package io.calsync.server;

/**
 * A request the master refuses, mapped once to an RFC 9457 problem detail ({@code
 * application/problem+json}). Handlers throw it; {@link ApiRoutes} renders it.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String title;
  private final String field;

  public ApiException(int status, String title, String detail, String field) {
    super(detail);
    this.status = status;
    this.title = title;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The JSON field (or path/query parameter) at fault, or null. */
  public String field() {
    return field;
  }

  public static ApiException badRequest(String field, String detail) {
    return new ApiException(400, "Bad Request", detail, field);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not Found", detail, null);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "Unauthorized", detail, null);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail, null);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "Conflict", detail, null);
  }

  public static ApiException notImplemented(String detail) {
    return new ApiException(501, "Not Implemented", detail, null);
  }
}
