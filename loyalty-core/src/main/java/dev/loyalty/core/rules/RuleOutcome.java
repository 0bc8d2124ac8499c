package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a rule engine concluded about one activity.
 *
 * @param awards        the final awards, after multipliers, caps and splits; never null
 * @param qualifications tier qualifications; never null
 * @param badges        never null
 * @param riskFlags     never null
 * @param decisions     every rule that fired, and (where the engine reports them) rules that were
 *                      considered and did not; never null
 */
public record RuleOutcome(List<Award> awards, List<TierQualification> qualifications, List<Badge> badges,
    List<RiskFlag> riskFlags, List<RuleDecision> decisions) {
  public RuleOutcome {
    awards = List.copyOf(requireNonNull(awards, "awards"));
    qualifications = List.copyOf(requireNonNull(qualifications, "qualifications"));
    badges = List.copyOf(requireNonNull(badges, "badges"));
    riskFlags = List.copyOf(requireNonNull(riskFlags, "riskFlags"));
    decisions = List.copyOf(requireNonNull(decisions, "decisions"));
  }

  /** Nothing concluded. */
  public static RuleOutcome empty() {
    return new RuleOutcome(List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
