package io.calsync.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random credentials and how they are stored. Every issued secret is 256 random bits, so a fast
 * salted SHA-256 is enough to store it (a slow KDF protects low-entropy passwords, not random
 * keys); comparisons are constant-time so timing reveals nothing about a stored hash.
 */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What is stored of a secret: a hex salt and {@code SHA-256(salt || secret)} in hex. */
  record Hashed(String salt, String hash) {}

  private Secrets() {}

  /** {@code bytes} random bytes, URL-safe Base64 without padding (fits headers and query strings). */
  static String randomToken(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  /** A public identifier: {@code bytes} random bytes in hex. */
  static String randomId(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  static Hashed hash(String secret) {
    String salt = randomId(16);
    return new Hashed(salt, HexFormat.of().formatHex(saltedDigest(salt, secret)));
  }

  /** True when {@code secret} hashes to {@code stored}; constant-time in the hash comparison. */
  static boolean matches(Hashed stored, String secret) {
    if (stored.salt() == null || stored.hash() == null) return false;
    return MessageDigest.isEqual(HexFormat.of().parseHex(stored.hash()), saltedDigest(stored.salt(), secret));
  }

  static byte[] sha256(String s) {
    return digest().digest(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] saltedDigest(String saltHex, String secret) {
    MessageDigest md = digest();
    md.update(HexFormat.of().parseHex(saltHex));
    return md.digest(secret.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
