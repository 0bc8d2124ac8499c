package dev.loyalty.rules.internal;

import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.RuleSet;

/** Tests' way into a compiled rule set: the pooled path the engine uses, and a brand-new session to compare with. */
public final class CompiledRuleSets {
  private CompiledRuleSets() {
  }

  /** {@code ruleSet} compiled as the engine compiles it. */
  public static CompiledRuleSet compile(RuleSet ruleSet) {
    return new RuleCompiler(CompiledRuleSets.class.getClassLoader()).compile(ruleSet,
        new Limits(DroolsRuleEngine.DEFAULT_MAX_FIRINGS, DroolsRuleEngine.DEFAULT_TIME_LIMIT));
  }

  /** What {@code facts} give in a session no evaluation has used before. */
  public static RuleOutcome inNewSession(CompiledRuleSet rules, RuleFacts facts) {
    return rules.evaluateInNewSession(facts);
  }

  /** How the rule set's evaluations get their sessions: "REUSED", "POOLED" or "NEW". */
  public static String sessionStrategy(CompiledRuleSet rules) {
    return rules.sessionStrategy().name();
  }

  /** Whether the rule set gives every evaluation a new session. */
  public static boolean freshSessions(CompiledRuleSet rules) {
    return rules.freshSessions();
  }
}
