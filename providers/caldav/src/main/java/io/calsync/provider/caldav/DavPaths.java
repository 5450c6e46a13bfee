package io.calsync.provider.caldav;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** URL path helpers: percent-encoding of one segment, decoding, collection URLs. */
final class DavPaths {

  private DavPaths() {}

  /** Percent-encodes a path segment (UTF-8), keeping only unreserved characters and {@code @}. */
  static String encodeSegment(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }

  /** Encodes every segment of a decoded absolute path. */
  static String encodePath(String path) {
    StringBuilder b = new StringBuilder();
    String[] segs = path.split("/", -1);
    for (int i = 0; i < segs.length; i++) {
      if (i > 0) b.append('/');
      b.append(encodeSegment(segs[i]));
    }
    return b.toString();
  }

  /** Decodes percent-escapes (not {@code +}); malformed escapes are kept as they are. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The decoded path of an href sent by the server, resolved against {@code base}. */
  static String decodedPath(URI base, String href) {
    URI u;
    try {
      u = base.resolve(href.strip());
    } catch (IllegalArgumentException e) {
      // some servers send unencoded spaces or other characters
      u = base.resolve(encodePath(href.strip()));
    }
    String raw = u.getRawPath();
    return decode(raw == null || raw.isEmpty() ? "/" : raw);
  }

  /** The path with exactly one trailing slash. */
  static String withSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  static String withoutSlash(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p;
  }

  /** The same URI with a trailing slash on its path. */
  static URI asCollection(URI uri) {
    String raw = uri.getRawPath();
    if (raw == null || raw.isEmpty()) raw = "/";
    if (raw.endsWith("/")) return uri;
    return uri.resolve(raw.substring(raw.lastIndexOf('/') + 1) + "/");
  }

  /** Last segment of a decoded path, without trailing slash. */
  static String lastSegment(String decodedPath) {
    String p = withoutSlash(decodedPath);
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** Same path, ignoring one trailing slash. */
  static boolean samePath(String a, String b) {
    return withoutSlash(a).equals(withoutSlash(b));
  }

  /** A URI for a decoded absolute path on the server of {@code base}. */
  static URI onServer(URI base, String decodedPath) {
    return base.resolve(encodePath(decodedPath));
  }
}
