package dev.loyalty.core.json;

import java.util.regex.Pattern;

/** JSONPath-style names for the places problems are reported at. */
final class JsonPaths {
  static final String ROOT = "$";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {
  }

  /** The field {@code name} of the object at {@code path}; bracket notation for odd names. */
  static String member(String path, String name) {
    if (PLAIN.matcher(name).matches()) {
      return path + "." + name;
    }
    // Custom attribute names are free text; quoting keeps a name like "a.b" from reading as two steps.
    return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  /** The element {@code index} of the array at {@code path}. */
  static String index(String path, int index) {
    return path + "[" + index + "]";
  }
}
