package dev.loyalty.ledger.jdbc.internal;

import java.math.BigDecimal;

/**
 * A PostgreSQL array in its text form ({@code {"a","b",NULL}} or {@code {1,2,3}}), built in a
 * {@link StringBuilder} and bound as one text parameter that the statement casts ({@code
 * ?::varchar[]}, {@code ?::bigint[]}): the array pgjdbc's {@code createArrayOf} would send, without
 * its type look-up and generic element encoding on every call (about a tenth of the engine's client
 * time on PostgreSQL went there). Text elements are always double-quoted, with a backslash before
 * every {@code "} and {@code \}, so that any text reads back as itself: commas, braces, spaces at
 * either end, quotes, backslashes, the word {@code NULL}, the empty string. A {@code null} element
 * is SQL {@code NULL}. Numbers are written plainly (no exponent). PostgreSQL text cannot hold the
 * character U+0000, in an array or not; the server refuses it. Not thread-safe: one per parameter.
 */
public final class ArrayLiteral {
  private final StringBuilder text;
  private boolean empty = true;

  /** An empty array, room for about {@code capacity} characters. */
  public ArrayLiteral(int capacity) {
    text = new StringBuilder(Math.max(capacity, 2)).append('{');
  }

  /** An empty array. */
  public ArrayLiteral() {
    this(64);
  }

  private StringBuilder next() {
    if (empty) {
      empty = false;
    } else {
      text.append(',');
    }
    return text;
  }

  /** Adds {@code value} (text; {@code null}: SQL {@code NULL}). Returns this. */
  public ArrayLiteral add(String value) {
    StringBuilder t = next();
    if (value == null) {
      t.append("NULL");
      return this;
    }
    t.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"' || ch == '\\') {
        t.append('\\');
      }
      t.append(ch);
    }
    t.append('"');
    return this;
  }

  /** Adds {@code value}. Returns this. */
  public ArrayLiteral add(long value) {
    next().append(value);
    return this;
  }

  /** Adds {@code value} ({@code null}: SQL {@code NULL}), written without an exponent. Returns this. */
  public ArrayLiteral add(BigDecimal value) {
    StringBuilder t = next();
    if (value == null) {
      t.append("NULL");
    } else {
      t.append(value.toPlainString());
    }
    return this;
  }

  /**
   * Adds {@code value} by its class: a {@link String} as text, a {@link Long}, {@link Integer} or
   * {@link Short} as a whole number, a {@link BigDecimal} plainly, a {@link Boolean} as {@code t} or
   * {@code f}; {@code null}: SQL {@code NULL}. Returns this.
   *
   * @throws IllegalArgumentException for any other class (its text form might need quoting)
   */
  public ArrayLiteral addValue(Object value) {
    if (value == null || value instanceof String) {
      return add((String) value);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return add(((Number) value).longValue());
    }
    if (value instanceof BigDecimal d) {
      return add(d);
    }
    if (value instanceof Boolean b) {
      next().append(b ? 't' : 'f');
      return this;
    }
    throw new IllegalArgumentException("no array element of class " + value.getClass().getName());
  }

  /** The array of {@code values} in order, each as {@link #addValue} adds it. */
  public static String of(Iterable<?> values) {
    ArrayLiteral a = new ArrayLiteral();
    values.forEach(a::addValue);
    return a.toString();
  }

  /** The array of {@code values} in order, each as {@link #addValue} adds it. */
  public static String of(Object[] values) {
    ArrayLiteral a = new ArrayLiteral(values.length * 8 + 2);
    for (Object v : values) {
      a.addValue(v);
    }
    return a.toString();
  }

  /** Text elements: {@code values} in order. */
  public static String ofTexts(Iterable<String> values) {
    ArrayLiteral a = new ArrayLiteral();
    values.forEach(a::add);
    return a.toString();
  }

  /** The array's text form. */
  @Override
  public String toString() {
    return text + "}";
  }
}
