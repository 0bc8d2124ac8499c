package dev.loyalty.core.rewards;

import java.util.Locale;

/**
 * Who may redeem an item: an organisation from its wallet, an individual from theirs, or either.
 * Co-marketing funds are for partners; a training seat is for a person.
 */
public enum Audience {
  /** Partners and members alike. */
  ANYONE,
  /** Only partners (organisations). */
  PARTNERS,
  /** Only members (individuals inside a partner). */
  MEMBERS;

  /** The audience's name in the catalog's JSON: {@code "anyone"}, {@code "partners"}, {@code "members"}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
