package io.calsync.server.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link Session} into a cookie value and back: {@code payload.signature}, HMAC-SHA256
 * with a key drawn at random when the master starts. The key never leaves memory, so a restart
 * signs everybody out (no key file to protect), and a cookie cannot be forged or extended
 * without it. The credential typed at login is not in the cookie, only who it belonged to.
 */
final class SessionCodec {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final Clock clock;
  private final Duration lifetime;

  SessionCodec(Clock clock, Duration lifetime) {
    this.key = new byte[32];
    RANDOM.nextBytes(key);
    this.clock = clock;
    this.lifetime = lifetime;
  }

  Duration lifetime() {
    return lifetime;
  }

  /** A new session for {@code user}, valid for the lifetime from now. */
  Session open(String user, ConsoleBackend.Role role) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return new Session(user, role, clock.instant().plus(lifetime), B64.encodeToString(nonce));
  }

  /** The same session with its lifetime started again (sliding expiry while the user is active). */
  Session renewed(Session s) {
    return new Session(s.user(), s.role(), clock.instant().plus(lifetime), s.nonce());
  }

  /** Whether less than half of the session's lifetime is left: time to renew it. */
  boolean halfSpent(Session s) {
    return Duration.between(clock.instant(), s.expiresAt()).compareTo(lifetime.dividedBy(2)) < 0;
  }

  String encode(Session s) {
    String payload = String.join("|", "v1", s.role().name(), B64.encodeToString(s.user().getBytes(StandardCharsets.UTF_8)),
        Long.toString(s.expiresAt().getEpochSecond()), s.nonce());
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(mac("session|" + body));
  }

  /** The session in a cookie value; empty when it is missing, malformed, forged or expired. */
  Optional<Session> decode(String cookie) {
    if (cookie == null) return Optional.empty();
    int dot = cookie.indexOf('.');
    if (dot <= 0) return Optional.empty();
    String body = cookie.substring(0, dot);
    try {
      byte[] given = B64D.decode(cookie.substring(dot + 1));
      if (!MessageDigest.isEqual(given, mac("session|" + body))) return Optional.empty();
      String[] parts = new String(B64D.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 5 || !parts[0].equals("v1")) return Optional.empty();
      Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
      if (!expires.isAfter(clock.instant())) return Optional.empty();
      return Optional.of(new Session(new String(B64D.decode(parts[2]), StandardCharsets.UTF_8),
          ConsoleBackend.Role.valueOf(parts[1]), expires, parts[4]));
    } catch (IllegalArgumentException e) { // bad base64, number or role: not a cookie we wrote
      return Optional.empty();
    }
  }

  /** The CSRF token of a session: forms echo it, so another site cannot post in the user's name. */
  String csrfToken(Session s) {
    return csrfToken(s.nonce());
  }

  /** The CSRF token bound to a nonce (a session's, or the login form's before there is a session). */
  String csrfToken(String nonce) {
    return B64.encodeToString(mac("csrf|" + nonce));
  }

  boolean csrfMatches(Session s, String token) {
    return csrfMatches(s.nonce(), token);
  }

  boolean csrfMatches(String nonce, String token) {
    return token != null && MessageDigest.isEqual(csrfToken(nonce).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
