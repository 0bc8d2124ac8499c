package dev.loyalty.core.program;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The shape of the names a campaign targets (regions, segments). It is the rule a
 * {@link dev.loyalty.core.model.Partner} enforces on its own region and segments; it is repeated
 * here because the model's check is package-private there, and a target naming something no
 * partner can hold would silently match nobody.
 */
final class Slugs {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

  private Slugs() {
  }

  static String require(String name, String what) {
    requireNonNull(name, what);
    if (!SLUG.matcher(name).matches()) {
      throw new IllegalArgumentException(what + " '" + name
          + "' must be 1-50 lower-case letters, digits or dashes, starting with a letter or digit");
    }
    return name;
  }
}
