package dev.loyalty.core.json.internal;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * JSONPath-style names for the places problems are reported at: {@code $.lines[2].quantity}, or
 * {@code $.parameters['bonus-percent']} for a field whose name is no plain word. Thread-safe.
 *
 * <p>The constants differ only in which field names they write with a dot: the activity and the
 * program formats settled on slightly different rules, and their paths are part of their output.
 */
public enum JsonPaths {
  /** Letters, digits and underscores, not starting with a digit ({@code $.a_b}, {@code $['a$b']}). */
  PLAIN("[A-Za-z_][A-Za-z0-9_]*"),
  /** As {@link #PLAIN}, and {@code $} too, as in a Java identifier ({@code $.a$b}). */
  PLAIN_OR_DOLLAR("[A-Za-z_$][A-Za-z0-9_$]*");

  /** The document itself. */
  public static final String ROOT = "$";

  private final Pattern plain;

  JsonPaths(String plain) {
    this.plain = Pattern.compile(plain);
  }

  /** The field {@code name} of the object at {@code path}; bracket notation for other names. */
  public String member(String path, String name) {
    requireNonNull(path, "path");
    if (plain.matcher(name).matches()) {
      return path + "." + name;
    }
    // Names can be free text; quoting keeps a name like "a.b" from reading as two steps.
    return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  /** The element {@code index} of the array at {@code path}. */
  public static String index(String path, int index) {
    return path + "[" + index + "]";
  }
}
