/**
 * The Drools-backed {@link dev.loyalty.core.rules.RuleEngine}: {@link
 * dev.loyalty.rules.DroolsRuleEngine} evaluates activities with versioned, effective-dated DRL
 * {@link dev.loyalty.rules.RuleSet}s (DRL files, or {@link dev.loyalty.rules.DecisionTable}s turned
 * into DRL), runs rules in {@link dev.loyalty.rules.Stage}s, explains every result, and refuses a
 * bad rule set with every {@link dev.loyalty.rules.RuleProblem} at file:line:column (a table's row
 * and cell). The facts rules see and insert are in {@link dev.loyalty.rules.facts}; the DRL
 * vocabulary is documented in {@code docs/RULES.md}.
 */
package dev.loyalty.rules;
