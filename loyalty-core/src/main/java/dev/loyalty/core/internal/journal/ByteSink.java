package dev.loyalty.core.internal.journal;

import java.util.Arrays;

/**
 * A growing byte array that {@link ReceiptPacker} writes into: variable-length numbers (small ones
 * in one byte) and strings (one byte a character when every character fits in Latin-1, else two).
 * Reused by one thread for receipt after receipt; not thread-safe.
 */
final class ByteSink {
  private byte[] bytes = new byte[512];
  private int length;

  /** Empties it for the next receipt. */
  void reset() {
    length = 0;
  }

  /** How many bytes were written since the last {@link #reset}. */
  int length() {
    return length;
  }

  /** Forgets what was written after the first {@code length} bytes (a length {@link #length} gave). */
  void truncate(int length) {
    if (length < 0 || length > this.length) {
      throw new IllegalArgumentException("cannot truncate " + this.length + " bytes to " + length);
    }
    this.length = length;
  }

  /** What was written, in an array of its own. */
  byte[] toArray() {
    return Arrays.copyOf(bytes, length);
  }

  void writeByte(int b) {
    room(1);
    bytes[length++] = (byte) b;
  }

  /** An int that is not negative, seven bits a byte. */
  void writeCount(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("a count must not be negative, got " + value);
    }
    writeLong(value);
  }

  /** A long, zig-zag encoded so that small negative numbers stay short, seven bits a byte. */
  void writeLong(long value) {
    long v = (value << 1) ^ (value >> 63);
    room(10);
    while ((v & ~0x7FL) != 0) {
      bytes[length++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[length++] = (byte) v;
  }

  /** A string: its length and whether it is Latin-1, then its characters. */
  void writeString(String s) {
    int n = s.length();
    boolean latin1 = true;
    for (int i = 0; i < n && latin1; i++) {
      latin1 = s.charAt(i) <= 0xFF;
    }
    writeLong((long) n << 1 | (latin1 ? 1 : 0));
    if (latin1) {
      room(n);
      for (int i = 0; i < n; i++) {
        bytes[length++] = (byte) s.charAt(i);
      }
    } else {
      room(2 * n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        bytes[length++] = (byte) (c >>> 8);
        bytes[length++] = (byte) c;
      }
    }
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
