package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An installed rule set, as {@link DroolsRuleEngine#ruleSets()} lists it.
 *
 * @param version       never null
 * @param effectiveFrom never null
 * @param ruleIds       the ids of its rules ({@code @ruleId} or the rule's name), sorted; never null
 */
public record RuleSetInfo(String version, Instant effectiveFrom, List<String> ruleIds) {
  public RuleSetInfo {
    requireNonNull(version, "version");
    requireNonNull(effectiveFrom, "effectiveFrom");
    ruleIds = List.copyOf(requireNonNull(ruleIds, "ruleIds"));
  }
}
