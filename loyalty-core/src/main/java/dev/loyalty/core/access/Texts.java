package dev.loyalty.core.access;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.util.Map;
import java.util.regex.Pattern;

/** The shapes of the texts this package accepts, checked in one place. */
final class Texts {
  /** The longest id (actor, approval request, target). */
  static final int MAX_ID = 100;
  /** The longest reason or detail value. */
  static final int MAX_TEXT = 2_000;

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

  private Texts() {
  }

  /** {@code value} if it is an id: 1-100 characters, not blank, no leading or trailing spaces. */
  static String requireId(String value, String what) {
    return Names.requireId(value, what);
  }

  /** {@code code} if it is an ISO 3166 alpha-2 country code ("IN"). */
  static String requireCountry(String code, String what) {
    requireNonNull(code, what);
    if (!COUNTRY.matcher(code).matches()) {
      throw new IllegalArgumentException(what + " must be an ISO 3166 alpha-2 code, got '" + code + "'");
    }
    return code;
  }

  /** {@code value} if it is a reason: not blank, at most 2,000 characters. */
  static String requireReason(String value, String what) {
    return Names.requireText(value, what, MAX_TEXT);
  }

  /**
   * An unmodifiable copy of {@code map} if every key is 1-100 characters and not blank, and every
   * value at most 2,000 characters.
   */
  static Map<String, String> requireDetails(Map<String, String> map, String what) {
    requireNonNull(map, what);
    map.forEach((k, v) -> {
      Names.requireText(k, "a key of " + what, MAX_ID);
      requireNonNull(v, what + "[" + k + "]");
      if (v.length() > MAX_TEXT) {
        throw new IllegalArgumentException(what + "[" + k + "] is longer than " + MAX_TEXT + " characters");
      }
    });
    return Map.copyOf(map);
  }

  /** {@code value} if it is an action name: dot-separated slugs ("adjustment.approve"), at most 100. */
  static String requireAction(String value) {
    Names.requireText(value, "action", MAX_ID);
    if (!ACTION.matcher(value).matches()) {
      throw new IllegalArgumentException("action '" + value
          + "' must be dot-separated names of lower-case letters, digits and dashes, such as adjustment.approve");
    }
    return value;
  }
}
