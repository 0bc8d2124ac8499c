package dev.loyalty.core.json;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a {@link Reader} as UTF-8 bytes, so that text something else decoded is split into
 * lines by the same {@link ByteLineSource} as a file read as bytes. A lone surrogate, which has no
 * UTF-8 form, becomes {@code ?}. An {@link IOException} of the reader passes through. Not
 * thread-safe; one per read; does not close the reader.
 */
final class ReaderBytes extends InputStream {
  private final Reader in;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192 * 3);
  private boolean endOfInput;
  private boolean flushed;

  ReaderBytes(Reader in) {
    this.in = requireNonNull(in, "in");
    chars.flip();
    bytes.flip();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!bytes.hasRemaining()) {
      if (flushed) {
        return -1;
      }
      fill();
    }
    int n = Math.min(length, bytes.remaining());
    bytes.get(target, offset, n);
    return n;
  }

  /** Encodes more of the reader's text into {@code bytes}. */
  private void fill() throws IOException {
    if (!endOfInput && !chars.hasRemaining()) {
      chars.clear();
      int read = in.read(chars);
      endOfInput = read < 0;
      chars.flip();
    }
    bytes.clear();
    CoderResult result = encoder.encode(chars, bytes, endOfInput);
    if (endOfInput && result.isUnderflow()) {
      flushed = encoder.flush(bytes).isUnderflow();
    }
    bytes.flip();
  }
}
