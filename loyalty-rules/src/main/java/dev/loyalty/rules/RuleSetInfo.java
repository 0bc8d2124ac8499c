package dev.loyalty.rules;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An installed rule set, as {@link DroolsRuleEngine#install(RuleSet)} returns it and {@link
 * DroolsRuleEngine#ruleSets()} lists it.
 *
 * @param version       never null
 * @param effectiveFrom never null
 * @param ruleIds       the ids of its rules ({@code @ruleId} or the rule's name), sorted; never null
 * @param warnings      what its checks found that compiles but deserves the author's look (an
 *                      {@code eval} Drools runs slowly, a deprecated keyword), each at
 *                      file:line:column; never null
 */
public record RuleSetInfo(String version, Instant effectiveFrom, List<String> ruleIds, List<RuleProblem> warnings) {
  public RuleSetInfo {
    requireNonNull(version, "version");
    requireNonNull(effectiveFrom, "effectiveFrom");
    ruleIds = List.copyOf(requireNonNull(ruleIds, "ruleIds"));
    warnings = List.copyOf(requireNonNull(warnings, "warnings"));
  }

  /** An installed rule set without warnings. */
  public RuleSetInfo(String version, Instant effectiveFrom, List<String> ruleIds) {
    this(version, effectiveFrom, ruleIds, List.of());
  }
}
