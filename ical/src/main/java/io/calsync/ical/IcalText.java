package io.calsync.ical;

/** The TEXT value escapes of RFC 5545 section 3.3.11, both ways. */
final class IcalText {

  private IcalText() {}

  /** Turns an escaped TEXT value into plain text ({@code \n} or {@code \N} to a line break). */
  static String decode(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        switch (next) {
          case 'n', 'N' -> sb.append('\n');
          case ',', ';', ':', '\\' -> sb.append(next);
          default -> sb.append('\\').append(next);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Escapes plain text for a TEXT value. */
  static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case ',' -> sb.append("\\,");
        case ';' -> sb.append("\\;");
        case '\n' -> sb.append("\\n");
        case '\r' -> {
          if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
            sb.append("\\n");
          }
        }
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Writes a canonical form of an escaped TEXT value: the same text always gives the same string,
   * whichever of the equivalent escapings a server chose ({@code \N} or {@code \n}, a comma
   * escaped or not, a needless {@code \:}).
   *
   * @param list true for list values (CATEGORIES, RESOURCES), where an unescaped comma separates
   *     items and so must stay distinct from an escaped one
   */
  static void canonical(String value, boolean list, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        switch (next) {
          case 'n', 'N' -> out.append("\\n");
          case '\\' -> out.append("\\\\");
          case ',' -> out.append(list ? "\\," : ",");
          case ';', ':' -> out.append(next);
          default -> out.append('\\').append(next);
        }
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c != '\r') {
        out.append(c);
      }
    }
  }
}
