package dev.loyalty.core.rewards;

import dev.loyalty.core.model.Names;

/** The shape of the catalog's own ids and texts, checked in one place for every record here. */
final class RewardNames {
  /** The longest id (item, version) the catalog takes, as for the model's ids. */
  static final int MAX_ID = 100;
  /** The longest description an item may have in one locale. */
  static final int MAX_DESCRIPTION = 4_000;

  private RewardNames() {
  }

  /** {@code value} if it is 1 to 100 characters, not blank and not padded with spaces. */
  static String requireId(String value, String what) {
    Names.requireText(value, what, MAX_ID);
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException(what + " has leading or trailing spaces: '" + value + "'");
    }
    return value;
  }
}
