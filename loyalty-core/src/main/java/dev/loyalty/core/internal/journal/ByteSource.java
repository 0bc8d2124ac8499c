package dev.loyalty.core.internal.journal;

import java.nio.charset.StandardCharsets;

/** Reads back, in order, what a {@link ByteSink} wrote. Not thread-safe; one per read. */
final class ByteSource {
  private final byte[] bytes;
  private int position;

  ByteSource(byte[] bytes) {
    this.bytes = bytes;
  }

  int readByte() {
    return bytes[position++] & 0xFF;
  }

  int readCount() {
    return Math.toIntExact(readLong());
  }

  long readLong() {
    long v = 0;
    int shift = 0;
    int b;
    do {
      b = bytes[position++];
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (v >>> 1) ^ -(v & 1);
  }

  String readString() {
    long header = readLong();
    int n = Math.toIntExact(header >>> 1);
    String s;
    if ((header & 1) == 1) {
      s = new String(bytes, position, n, StandardCharsets.ISO_8859_1);
      position += n;
    } else {
      char[] chars = new char[n];
      for (int i = 0; i < n; i++) {
        chars[i] = (char) ((bytes[position] & 0xFF) << 8 | (bytes[position + 1] & 0xFF));
        position += 2;
      }
      s = new String(chars);
    }
    return s;
  }

  /** Whether every byte was read: a packed receipt is read to its end, no further. */
  boolean atEnd() {
    return position == bytes.length;
  }
}
