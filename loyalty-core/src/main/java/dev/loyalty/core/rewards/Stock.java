package dev.loyalty.core.rewards;

/**
 * The stock a catalog declares for an item: a number of units, or unlimited (digital codes issued
 * on demand, cashback, donations). The catalog holds what was declared; what redemptions have
 * reserved is counted apart from it.
 */
public sealed interface Stock {

  /** Unlimited stock. */
  static Stock unlimited() {
    return Unlimited.INSTANCE;
  }

  /** {@code units} units; zero or more. */
  static Stock of(long units) {
    return new Limited(units);
  }

  /** Whether none is declared: a limited stock of zero. */
  boolean isEmpty();

  /** No limit on how many can be redeemed. */
  enum Unlimited implements Stock {
    /** The only instance. */
    INSTANCE;

    @Override
    public boolean isEmpty() {
      return false;
    }

    @Override
    public String toString() {
      return "unlimited";
    }
  }

  /**
   * A declared number of units.
   *
   * @param units zero or more
   */
  record Limited(long units) implements Stock {
    public Limited {
      if (units < 0) {
        throw new IllegalArgumentException("stock must not be negative, got " + units);
      }
    }

    @Override
    public boolean isEmpty() {
      return units == 0;
    }

    @Override
    public String toString() {
      return Long.toString(units);
    }
  }
}
