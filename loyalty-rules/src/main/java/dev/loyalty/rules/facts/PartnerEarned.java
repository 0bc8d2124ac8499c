package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.performance.EarnedPoints;

/**
 * What the activity partner's organisation (the partner and its members) had earned before the
 * activity in the activity's periods. Always present.
 *
 * @param earned never null
 */
public record PartnerEarned(EarnedPoints earned) implements Earned {
  public PartnerEarned {
    requireNonNull(earned, "earned");
  }
}
