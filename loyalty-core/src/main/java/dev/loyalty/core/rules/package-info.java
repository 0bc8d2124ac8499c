/**
 * The port to a rule engine: {@link dev.loyalty.core.rules.RuleEngine} takes the facts about one
 * activity and returns result facts (awards, tier qualifications, badges, risk flags) and the
 * decisions that explain them. {@code loyalty-rules} implements it with Drools; a host can plug in
 * any other implementation.
 */
package dev.loyalty.core.rules;
