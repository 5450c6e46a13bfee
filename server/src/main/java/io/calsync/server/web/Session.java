package io.calsync.server.web;

import java.time.Instant;

/**
 * A signed-in dashboard user, as carried by the session cookie.
 *
 * @param user who signed in ({@code admin}, {@code api-key:ID}…), never the credential itself
 * @param nonce random per sign-in: the CSRF token is derived from it
 */
public record Session(String user, ConsoleBackend.Role role, Instant expiresAt, String nonce) {
  public boolean mayChange() {
    return role == ConsoleBackend.Role.ADMIN;
  }
}
