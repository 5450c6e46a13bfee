package io.calsync.provider.caldav;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How calsync proves who it is to a CalDAV server. {@link #toString()} never shows a secret, so a
 * credentials object can end up in a log line or an exception without harm.
 */
public sealed interface Credentials {

  /** The value of the {@code Authorization} header, or null to send none. */
  String authorizationHeader();

  /** The user name, for messages; never a secret. Null when there is none. */
  String username();

  static Credentials none() {
    return None.INSTANCE;
  }

  static Credentials basic(String username, String password) {
    return new Basic(username, password);
  }

  static Credentials bearer(String token) {
    return new Bearer(token);
  }

  /** No credentials: the server is expected to answer without (or to refuse with 401). */
  enum None implements Credentials {
    INSTANCE;

    @Override
    public String authorizationHeader() {
      return null;
    }

    @Override
    public String username() {
      return null;
    }

    @Override
    public String toString() {
      return "no credentials";
    }
  }

  /** HTTP Basic authentication (RFC 7617), UTF-8. */
  record Basic(String username, String password) implements Credentials {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String authorizationHeader() {
      String pair = username + ":" + password;
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "basic auth as " + username + " (password hidden)";
    }
  }

  /** An OAuth-style bearer token (RFC 6750). */
  record Bearer(String token) implements Credentials {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String authorizationHeader() {
      return "Bearer " + token;
    }

    @Override
    public String username() {
      return null;
    }

    @Override
    public String toString() {
      return "bearer token (hidden)";
    }
  }
}
