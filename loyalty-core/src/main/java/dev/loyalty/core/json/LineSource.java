package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Splits a reader into lines the way JSON Lines defines them: only {@code \n} ends a line and a
 * {@code \r} right before it belongs to the terminator. (BufferedReader.readLine also ends a line
 * at a lone {@code \r}, which would shift every later line number.) Holds one line at a time and
 * at most {@code maxChars} of it. Not thread-safe; one per read.
 */
final class LineSource {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private int lineNumber;

  /**
   * One line without its terminator.
   *
   * @param number  counting from 1
   * @param text    the line, cut at {@code maxChars} if {@code tooLong}
   * @param tooLong whether the line had more than {@code maxChars} characters
   */
  record Line(int number, String text, boolean tooLong) {
  }

  LineSource(Reader in, int maxChars) {
    this.in = requireNonNull(in, "in");
    this.maxChars = maxChars;
  }

  /** The next line, or empty at the end; a last line without a terminator still counts. */
  Optional<Line> next() throws IOException {
    StringBuilder text = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        int read = in.read(buffer);
        if (read < 0) {
          position = 0;
          limit = 0;
          if (!any) {
            return Optional.empty();
          }
          break;
        }
        position = 0;
        limit = read;
        continue;
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int room = maxChars + 1 - text.length();   // one more than allowed, for a trailing \r
      int count = position - start;
      if (count > room) {
        tooLong = true;
        count = Math.max(room, 0);
      }
      text.append(buffer, start, count);
      if (position < limit) {
        position++;   // the \n
        break;
      }
    }
    if (text.length() > 0 && text.charAt(text.length() - 1) == '\r' && !tooLong) {
      text.setLength(text.length() - 1);
    }
    if (text.length() > maxChars) {
      tooLong = true;
      text.setLength(maxChars);
    }
    lineNumber = Math.addExact(lineNumber, 1);
    if (lineNumber == 1 && text.length() > 0 && text.charAt(0) == BYTE_ORDER_MARK) {
      // Windows tools put a byte order mark first; it is not part of the JSON.
      text.deleteCharAt(0);
    }
    return Optional.of(new Line(lineNumber, text.toString(), tooLong));
  }
}
