/**
 * The ready-made rules: DRL shipped in this jar ({@code dev/loyalty/rules/standard/*.drl}) for the
 * usual rules of a channel program, switched on and tuned by the program's parameters, and the
 * Java helpers those files call. Start from {@link dev.loyalty.rules.standard.StandardRules} (the
 * files, and a rule set of them plus a program's own DRL) and check a program's parameters with
 * {@link dev.loyalty.rules.standard.StandardParameters}. {@code samples/standard-program.json} is
 * a program that switches every rule on. The parameters, rule ids and sentences are in
 * {@code docs/RULES.md}.
 *
 * <p>The helpers ({@link dev.loyalty.rules.standard.EarnRate}, {@link
 * dev.loyalty.rules.standard.Thresholds}, {@link dev.loyalty.rules.standard.ProductMultipliers},
 * {@link dev.loyalty.rules.standard.CampaignTerms}, {@link dev.loyalty.rules.standard.TierOutlook},
 * {@link dev.loyalty.rules.standard.AwardCaps}) are public so that an integrator's replacement of
 * one ready-made file can reuse them. They are stateless or immutable and thread-safe; what they
 * parse from a program's parameters is kept once per program.
 */
package dev.loyalty.rules.standard;
