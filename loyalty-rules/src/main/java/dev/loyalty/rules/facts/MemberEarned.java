package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.performance.EarnedPoints;

/**
 * What the activity's member (the individual) had earned before the activity in the activity's
 * periods. Present only when the activity names a member.
 *
 * @param earned never null
 */
public record MemberEarned(EarnedPoints earned) implements Earned {
  public MemberEarned {
    requireNonNull(earned, "earned");
  }
}
