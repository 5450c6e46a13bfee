package io.calsync.core.sync;

import io.calsync.core.model.Item;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Fake items: the text is the content, the hash is SHA-256 of it. */
final class TestItems {

  private TestItems() {}

  static Item item(String uid, String text) {
    return item(uid, text, null, 0);
  }

  static Item item(String uid, String text, Instant lastModified, int sequence) {
    return new Item(uid, text, hash(text), lastModified, sequence, "summary of " + text);
  }

  static Item item(String uid, String text, long lastModifiedSeconds, int sequence) {
    return item(uid, text, Instant.ofEpochSecond(lastModifiedSeconds), sequence);
  }

  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
