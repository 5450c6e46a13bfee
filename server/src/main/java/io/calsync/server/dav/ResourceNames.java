package io.calsync.server.dav;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of calendar object resources, and the percent-encoding of path segments.
 *
 * <p>A CalDAV client chooses the name of each event it creates, and calsync keeps it ({@link
 * DavHrefs}). Items that reached the master some other way (agents, the destination) have a
 * derived name: the UID plus {@code .ics} when the UID is made of characters safe in a path,
 * else {@value #HEX_PREFIX} and the UID's UTF-8 bytes in hex (a UID may hold {@code /}, which
 * Jetty refuses even percent-encoded). Both derivations can be read back without a lookup.
 */
final class ResourceNames {
  static final String SUFFIX = ".ics";
  static final String HEX_PREFIX = "calsync-hex-";
  private static final Pattern SAFE_UID = Pattern.compile("[A-Za-z0-9._@-]{1,200}");

  private ResourceNames() {}

  /** The derived name of an item nobody named. */
  static String derived(String uid) {
    if (SAFE_UID.matcher(uid).matches() && !uid.startsWith(HEX_PREFIX)) return uid + SUFFIX;
    return HEX_PREFIX + HexFormat.of().formatHex(uid.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
  }

  /** The UID a derived name stands for, or null when {@code name} is not one. */
  static String uidOfDerived(String name) {
    if (!name.endsWith(SUFFIX)) return null;
    String base = name.substring(0, name.length() - SUFFIX.length());
    if (base.startsWith(HEX_PREFIX)) {
      try {
        return new String(HexFormat.of().parseHex(base.substring(HEX_PREFIX.length())), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return SAFE_UID.matcher(base).matches() ? base : null;
  }

  /** Percent-encodes one path segment (RFC 3986 unreserved characters and {@code @} stay). */
  static String encode(String segment) {
    StringBuilder sb = new StringBuilder(segment.length() + 8);
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '@';
      if (plain) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** Decodes one percent-encoded path segment ({@code +} is a plus in a path, not a space). */
  static String decode(String segment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) throw DavException.of(400, "bad percent-encoding in the path: " + segment);
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) throw DavException.of(400, "bad percent-encoding in the path: " + segment);
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
