package dev.loyalty.core.model;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The shape of program-defined names: partner types, member roles, regions, segments. One rule,
 * so that a campaign can only target names a partner can hold.
 */
public final class Names {
  /** The longest free text an activity field (SKU, course, report code) may hold. */
  public static final int MAX_TEXT = 200;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

  private Names() {
  }

  /**
   * Returns {@code name} if it is 1-50 lower-case letters, digits or dashes starting with a letter
   * or digit.
   *
   * @param what names the value in the error message
   * @throws IllegalArgumentException otherwise
   */
  public static String requireSlug(String name, String what) {
    requireNonNull(name, what);
    if (!SLUG.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " '" + name
          + "' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit");
    }
    return name;
  }

  /** The longest id: of an activity, a partner, an actor, a claim. */
  public static final int MAX_ID = 100;

  /**
   * Returns {@code value} if it is an id: 1-100 characters, not blank, without leading or trailing
   * spaces (an id padded by a spreadsheet would silently be another id).
   *
   * @param what names the value in the error message
   * @throws IllegalArgumentException otherwise
   */
  public static String requireId(String value, String what) {
    requireText(value, what, MAX_ID);
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException(what + " has leading or trailing spaces: '" + value + "'");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is not blank and at most {@code maxLength} characters long.
   *
   * @param what names the value in the error message
   * @throws IllegalArgumentException otherwise
   * @throws NullPointerException     if {@code value} is null
   */
  public static String requireText(String value, String what, int maxLength) {
    requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
    }
    return value;
  }
}
