package dev.loyalty.core.internal.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes of sentences: a sentence with every run of up to {@value #MAX_DIGITS} digits replaced
 * by {@link #MARK}, numbered in a bounded {@link ValueTable}. "1,250 points for an invoice of
 * 125000.00." and "80 points for an invoice of 8000.00." have one shape. A sentence's shape is found
 * by a hash of the sentence computed as if its digits were marks, so a sentence whose shape is known
 * costs no allocation; a sentence whose hash names another shape (a collision) gets no number and is
 * written out. {@link #write} scans a sentence whose shape is known twice: once for its hash (which
 * also finds a mark in it), once to check it against the shape while writing its numbers. Thread-safe.
 */
final class SentenceShapes {
  /** What stands for a run of digits in a shape; a sentence holding it has no shape. */
  static final char MARK = '\u0000';
  /** The longest run of digits one mark stands for (a longer run takes several marks). */
  static final int MAX_DIGITS = 18;
  /** What {@link #hash} answers for a sentence that holds {@link #MARK}: no shape. */
  private static final long NO_SHAPE = 0L;

  private final ValueTable shapes;
  private final Map<Long, Integer> byHash = new ConcurrentHashMap<>();
  /** The hash's bits kept: all 64 but in tests of collisions. */
  private final long hashMask;

  /** Up to {@code limit} shapes. */
  SentenceShapes(int limit) {
    this(limit, 64);
  }

  /**
   * Up to {@code limit} shapes, hashed to {@code hashBits} bits: fewer than 64 only for tests, where
   * sentences of different shapes then share hashes.
   */
  SentenceShapes(int limit, int hashBits) {
    if (hashBits < 1 || hashBits > 64) {
      throw new IllegalArgumentException("a hash has 1 to 64 bits, not " + hashBits);
    }
    this.shapes = new ValueTable(limit);
    this.hashMask = hashBits == 64 ? -1L : (1L << hashBits) - 1;
  }

  /**
   * The number of {@code sentence}'s shape, numbered now if it is new; {@link ValueTable#FULL} when
   * the sentence holds {@link #MARK}, the table is full, or the hash collides.
   */
  int numberOf(String sentence) {
    long hash = hash(sentence);
    if (hash == NO_SHAPE) {
      return ValueTable.FULL;
    }
    Integer known = byHash.get(hash);
    if (known != null) {
      return matches(shape(known), sentence) ? known : ValueTable.FULL;
    }
    return numberNew(hash, sentence);
  }

  /**
   * Writes {@code sentence} as {@code tag}, the number of its shape and its runs of digits (each as
   * how many digits, leading zeros included, and their value), and answers true; writes nothing and
   * answers false when it has no number ({@link #numberOf} would answer {@link ValueTable#FULL}).
   */
  boolean write(ByteSink out, int tag, String sentence) {
    long hash = hash(sentence);
    if (hash == NO_SHAPE) {
      return false;
    }
    Integer known = byHash.get(hash);
    int number = known != null ? known : numberNew(hash, sentence);
    if (number == ValueTable.FULL) {
      return false;
    }
    int start = out.length();
    out.writeCount(tag);
    out.writeCount(number);
    if (!writeNumbers(out, shape(number), sentence)) {
      // another shape of the same hash: the numbers written so far are taken back
      out.truncate(start);
      return false;
    }
    return true;
  }

  private int numberNew(long hash, String sentence) {
    int number = shapes.numberOf(shapeOf(sentence));
    if (number != ValueTable.FULL) {
      byHash.putIfAbsent(hash, number);
    }
    return number;
  }

  /** The shape numbered {@code number}. */
  String shape(int number) {
    return shapes.value(number, String.class);
  }

  /** Where the run of digits of {@code s} that starts at {@code from} ends, at most {@value #MAX_DIGITS} on. */
  static int runEnd(String s, int from) {
    int i = from;
    int limit = Math.min(s.length(), from + MAX_DIGITS);
    while (i < limit && digit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String shapeOf(String sentence) {
    StringBuilder shape = new StringBuilder(sentence.length());
    for (int i = 0; i < sentence.length(); ) {
      char c = sentence.charAt(i);
      if (digit(c)) {
        shape.append(MARK);
        i = runEnd(sentence, i);
      } else {
        shape.append(c);
        i++;
      }
    }
    return shape.toString();
  }

  /**
   * FNV-1a over the sentence's shape, without building it, masked to the bits kept; {@link
   * #NO_SHAPE} when the sentence holds {@link #MARK} (and, as it happens, for a sentence whose
   * hash is that: it is then written out).
   */
  private long hash(String sentence) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < sentence.length(); ) {
      char c = sentence.charAt(i);
      if (digit(c)) {
        c = MARK;
        i = runEnd(sentence, i);
      } else if (c == MARK) {
        return NO_SHAPE;
      } else {
        i++;
      }
      h = (h ^ c) * 0x100000001b3L;
    }
    return h & hashMask;
  }

  /** Whether {@code sentence} has {@code shape}. */
  private static boolean matches(String shape, String sentence) {
    return writeNumbers(null, shape, sentence);
  }

  /**
   * Whether {@code sentence} has {@code shape}, writing its runs of digits to {@code out} (unless
   * null) as it goes: on a false answer some may have been written.
   */
  private static boolean writeNumbers(ByteSink out, String shape, String sentence) {
    int j = 0;
    for (int i = 0; i < shape.length(); i++) {
      if (j >= sentence.length()) {
        return false;
      }
      char c = sentence.charAt(j);
      if (shape.charAt(i) == MARK) {
        if (!digit(c)) {
          return false;
        }
        int end = Math.min(sentence.length(), j + MAX_DIGITS);
        int from = j;
        long value = 0;
        while (j < end && digit(c = sentence.charAt(j))) {
          value = value * 10 + (c - '0');
          j++;
        }
        if (out != null) {
          out.writeCount(j - from);
          out.writeLong(value);
        }
      } else {
        if (digit(c) || c != shape.charAt(i)) {
          return false;
        }
        j++;
      }
    }
    return j == sentence.length();
  }
}
