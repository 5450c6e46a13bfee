package io.calsync.ical;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The content hash of an item: hex SHA-256 of its {@link ItemNormalizer canonical form}. */
final class ContentHasher {

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
          });

  private ContentHasher() {}

  /** Hex SHA-256 of the canonical form of these components. */
  static String hash(List<IcalTree.Comp> components, String calscale) {
    return sha256(ItemNormalizer.canonical(components, calscale));
  }

  static String sha256(String text) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
