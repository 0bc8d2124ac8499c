package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Splits a byte stream into JSON Lines lines and decodes each line on its own, so that a line that
 * is not UTF-8 is one bad line (reported with its number and the offending byte) instead of a
 * decoder failure that ends the whole read and loses the lines buffered before it. Only {@code \n}
 * ends a line, a {@code \r} right before it belongs to the terminator, and a UTF-8 byte order mark
 * at the start of the stream is skipped. Holds one line at a time and at most {@code maxBytes} of
 * it. Not thread-safe; one per read.
 */
final class ByteLineSource {
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final InputStream in;
  private final int maxBytes;
  private final String tooLong;
  private final byte[] buffer = new byte[16_384];
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[256];
  private int position;
  private int limit;
  private int lineNumber;

  /**
   * One line, decoded or not.
   *
   * @param number   counting from 1
   * @param text     the line without its terminator, if it was valid UTF-8 and not too long
   * @param problem  why there is no text: too long, or not UTF-8 (naming the byte and its column)
   */
  record Line(int number, Optional<String> text, Optional<String> problem) {
  }

  /** Lines of {@code in}; a line of more than {@code maxBytes} bytes is the problem {@code tooLong}. */
  ByteLineSource(InputStream in, int maxBytes, String tooLong) {
    this.in = requireNonNull(in, "in");
    this.maxBytes = maxBytes;
    this.tooLong = requireNonNull(tooLong, "tooLong");
  }

  /** The next line, or empty at the end; a last line without a terminator still counts. */
  Optional<Line> next() throws IOException {
    int length = 0;
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
      byte b = buffer[position++];
      if (b == '\n') {
        break;
      }
      if (length <= maxBytes) {   // one byte more than allowed, for a trailing \r
        if (length == line.length) {
          line = java.util.Arrays.copyOf(line, Math.min(Math.max(line.length * 2, 256), maxBytes + 1));
        }
        line[length++] = b;
      } else {
        tooLong = true;
      }
    }
    if (length > 0 && line[length - 1] == '\r' && !tooLong) {
      length--;
    }
    tooLong |= length > maxBytes;
    lineNumber = Math.addExact(lineNumber, 1);
    int start = 0;
    if (lineNumber == 1 && length >= 3 && line[0] == BYTE_ORDER_MARK[0] && line[1] == BYTE_ORDER_MARK[1]
        && line[2] == BYTE_ORDER_MARK[2]) {
      start = 3;   // Windows tools put a byte order mark first; it is not part of the JSON.
    }
    if (tooLong) {
      return Optional.of(new Line(lineNumber, Optional.empty(), Optional.of(this.tooLong)));
    }
    return Optional.of(decode(start, length));
  }

  private Line decode(int start, int end) {
    ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
    try {
      CharBuffer chars = decoder.reset().decode(bytes);
      return new Line(lineNumber, Optional.of(chars.toString()), Optional.empty());
    } catch (CharacterCodingException e) {
      // decode() stops with the buffer at the first byte it could not read
      int at = bytes.position();
      return new Line(lineNumber, Optional.empty(), Optional.of(String.format(java.util.Locale.ROOT,
          "line is not valid UTF-8: byte 0x%02X at byte %d of the line does not start or continue a character "
              + "(save the file as UTF-8); the other lines are read", line[at] & 0xFF, at - start + 1)));
    }
  }
}
