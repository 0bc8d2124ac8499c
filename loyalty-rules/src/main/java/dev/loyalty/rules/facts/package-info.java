/**
 * The fact vocabulary of DRL rules: what a rule can match besides the core domain types, and the
 * result facts a rule inserts. See {@code docs/RULES.md} for every type and field.
 *
 * <p>Inputs are immutable records that name a role the core types alone would leave ambiguous:
 * {@link dev.loyalty.rules.facts.ParentPartner} (the partner's parent, not the partner itself),
 * {@link dev.loyalty.rules.facts.PartnerFigures} and {@link dev.loyalty.rules.facts.MemberFigures},
 * {@link dev.loyalty.rules.facts.PartnerTier} and {@link dev.loyalty.rules.facts.MemberTier}, and
 * {@link dev.loyalty.rules.facts.ProgramParameters}.
 *
 * <p>Results are what rules insert: {@link dev.loyalty.rules.facts.PointsAward} (the one mutable
 * fact, so that later stages can scale, cap and split it), {@link
 * dev.loyalty.rules.facts.Qualification}, {@link dev.loyalty.rules.facts.BadgeAward}, {@link
 * dev.loyalty.rules.facts.RiskAlert}, and {@link dev.loyalty.rules.facts.Missed} (why a rule did not
 * pay, for "why didn't I get points"). The engine records which rule inserted each one; a rule never
 * writes its own id or version.
 *
 * <p>Nothing here accepts or returns null. Input facts are immutable and thread-safe; a {@code
 * PointsAward} belongs to one evaluation on one thread.
 */
package dev.loyalty.rules.facts;
