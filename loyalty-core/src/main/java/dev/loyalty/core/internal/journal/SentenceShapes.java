package dev.loyalty.core.internal.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes of sentences: a sentence with every run of up to {@value #MAX_DIGITS} digits replaced
 * by {@link #MARK}, numbered in a bounded {@link ValueTable}. "1,250 points for an invoice of
 * 125000.00." and "80 points for an invoice of 8000.00." have one shape. A sentence's shape is found
 * by a hash of the sentence computed as if its digits were marks, so a sentence whose shape is known
 * costs no allocation; a sentence whose hash names another shape (a collision) gets no number and is
 * written out. Thread-safe.
 */
final class SentenceShapes {
  /** What stands for a run of digits in a shape; a sentence holding it has no shape. */
  static final char MARK = '\u0000';
  /** The longest run of digits one mark stands for (a longer run takes several marks). */
  static final int MAX_DIGITS = 18;

  private final ValueTable shapes;
  private final Map<Long, Integer> byHash = new ConcurrentHashMap<>();

  /** Up to {@code limit} shapes. */
  SentenceShapes(int limit) {
    this.shapes = new ValueTable(limit);
  }

  /**
   * The number of {@code sentence}'s shape, numbered now if it is new; {@link ValueTable#FULL} when
   * the sentence holds {@link #MARK}, the table is full, or the hash collides.
   */
  int numberOf(String sentence) {
    if (sentence.indexOf(MARK) >= 0) {
      return ValueTable.FULL;
    }
    long hash = hash(sentence);
    Integer known = byHash.get(hash);
    if (known != null) {
      return matches(shape(known), sentence) ? known : ValueTable.FULL;
    }
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

  /** FNV-1a over the sentence's shape, without building it. */
  private static long hash(String sentence) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < sentence.length(); ) {
      char c = sentence.charAt(i);
      if (digit(c)) {
        c = MARK;
        i = runEnd(sentence, i);
      } else {
        i++;
      }
      h = (h ^ c) * 0x100000001b3L;
    }
    return h;
  }

  /** Whether {@code sentence} has {@code shape}. */
  private static boolean matches(String shape, String sentence) {
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
        j = runEnd(sentence, j);
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
