package dev.loyalty.rules.internal;

/**
 * DRL text with its string literals and comments blanked out, offsets and line breaks kept, so
 * that the checkers can count brackets and find operators without each re-implementing the
 * skipping of quotes, escapes and comments.
 */
final class DrlBlanks {
  private DrlBlanks() {
  }

  /** {@code text} with string literals and comments replaced by spaces (offsets kept). */
  static String blank(String text) {
    StringBuilder out = new StringBuilder(text);
    char quote = 0;
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (quote != 0) {
        if (c == '\\' && i + 1 < out.length()) {
          out.setCharAt(i, ' ');
          out.setCharAt(++i, ' ');
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
        if (c != '\n') {
          out.setCharAt(i, ' ');
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        out.setCharAt(i, ' ');
      } else if (text.startsWith("//", i)) {
        while (i < out.length() && out.charAt(i) != '\n') {
          out.setCharAt(i++, ' ');
        }
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? out.length() : end + 2;
        for (; i < end; i++) {
          if (out.charAt(i) != '\n') {
            out.setCharAt(i, ' ');
          }
        }
        i--;
      }
    }
    return out.toString();
  }
}
