package io.calsync.server.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The dashboard's cookies: the signed session, and before sign-in a random nonce that the login
 * form's CSRF token is bound to. Both are HttpOnly (no script reads them) and SameSite=Strict (no
 * other site's page sends them); Secure when the request came over HTTPS.
 */
final class SessionCookies {
  static final String SESSION = "calsync_session";
  static final String LOGIN_NONCE = "calsync_login";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SessionCodec codec;

  SessionCookies(SessionCodec codec) {
    this.codec = codec;
  }

  Optional<Session> session(Context ctx) {
    return codec.decode(ctx.cookie(SESSION));
  }

  void store(Context ctx, Session s) {
    set(ctx, SESSION, codec.encode(s), (int) codec.lifetime().toSeconds());
  }

  void clear(Context ctx) {
    set(ctx, SESSION, "", 0);
  }

  /** The login form's nonce: the one already in the browser, or a new one set now. */
  String loginNonce(Context ctx) {
    String nonce = ctx.cookie(LOGIN_NONCE);
    if (nonce == null || nonce.length() != 22) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      set(ctx, LOGIN_NONCE, nonce, 3600);
    }
    return nonce;
  }

  /** Whether the login form's token belongs to this browser's nonce. */
  boolean loginTokenMatches(Context ctx, String token) {
    String nonce = ctx.cookie(LOGIN_NONCE);
    return nonce != null && codec.csrfMatches(nonce, token);
  }

  private static void set(Context ctx, String name, String value, int maxAgeSeconds) {
    Cookie c = new Cookie(name, value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setMaxAge(maxAgeSeconds);
    c.setSecure(isHttps(ctx));
    ctx.cookie(c);
  }

  private static boolean isHttps(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }
}
