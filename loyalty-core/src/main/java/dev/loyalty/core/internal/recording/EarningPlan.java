package dev.loyalty.core.internal.recording;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.LoyaltyException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.RuleEngineException;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.internal.AwardPlanner;
import dev.loyalty.core.internal.ParticipantFigures;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.PartnerDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans what an earning activity (anything but a return) gets: the rules evaluated on the facts as
 * they stood at the activity's own date (its figures, and the points earned in its own periods),
 * the outcome checked, the risk decided, and the awards cut to what campaign budgets hold. Writes
 * nothing. Thread-safe.
 */
public final class EarningPlan {
  private final Program program;
  private final RuleEngine rules;
  private final PartnerDirectory directory;
  private final ParticipantFigures figures;
  private final ActivityChecks checks;
  private final AwardPlanner awards;

  /** Plans {@code program}'s earnings with {@code rules}. */
  public EarningPlan(Program program, RuleEngine rules, PartnerDirectory directory, ParticipantFigures figures,
      ActivityChecks checks, AwardPlanner awards) {
    this.program = requireNonNull(program, "program");
    this.rules = requireNonNull(rules, "rules");
    this.directory = requireNonNull(directory, "directory");
    this.figures = requireNonNull(figures, "figures");
    this.checks = requireNonNull(checks, "checks");
    this.awards = requireNonNull(awards, "awards");
  }

  /**
   * The planned receipt of {@code activity} by {@code partner} (and {@code member}), recorded {@code
   * now}; {@code claim} carries the risk facts of a claim's activity.
   */
  public Receipt plan(Activity activity, Partner partner, Optional<Member> member, Instant now,
      Optional<ClaimFacts> claim) {
    checks.fits(activity, partner);
    Instant at = activity.occurredAt();
    Optional<Tier> partnerTier = figures.tierOf(partner.id());
    Optional<Tier> memberTier = member.flatMap(m -> figures.tierOf(m.id()));
    RuleFacts facts = new RuleFacts(activity, partner, member, partner.parent().flatMap(directory::partner),
        figures.of(partner.id(), partner.currency(), at),
        member.map(m -> figures.of(m.id(), partner.currency(), at)), partnerTier, memberTier,
        program.campaignsFor(partner, partnerTier.map(Tier::id), at), program, claim,
        figures.earned(partner.id(), partner.currency(), at),
        member.map(m -> figures.earned(m.id(), partner.currency(), at)));
    RuleOutcome outcome = evaluate(facts);
    checks.beneficiaries(outcome, activity, partner);
    List<RiskFlag> flags = new ArrayList<>(outcome.riskFlags());
    ceiling(outcome.awards()).ifPresent(flags::add);
    RiskFlag.Severity risk = flags.stream().map(RiskFlag::severity).max(Enum::compareTo).orElse(RiskFlag.Severity.NOTE);
    Receipt.Status status = switch (risk) {
      case BLOCK -> Receipt.Status.BLOCKED;
      case REVIEW -> Receipt.Status.IN_REVIEW;
      case NOTE -> Receipt.Status.RECORDED;
    };
    // Held awards reserve budget like posted ones, so both are cut to what the budgets hold now.
    List<PostedAward> planned = status == Receipt.Status.BLOCKED ? awards.unposted(outcome.awards(), at)
        : awards.plan(outcome.awards(), at);
    return Receipt.planned(activity.id(), status, now, planned, List.of(), outcome.decisions(), outcome.badges(),
        flags, outcome.qualifications());
  }

  /** The rules' outcome; a rule engine's own {@link LoyaltyException} passes unchanged, anything else is wrapped. */
  private RuleOutcome evaluate(RuleFacts facts) {
    RuleOutcome outcome;
    try {
      outcome = rules.evaluate(facts);
    } catch (LoyaltyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RuleEngineException("rules failed on activity " + facts.activity().id() + ": "
          + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
    }
    if (outcome == null) {
      throw new RuleEngineException("the rule engine returned no outcome for activity " + facts.activity().id(),
          new NullPointerException("outcome"));
    }
    return outcome;
  }

  /** A review flag when the awards add up to more than the program posts without review. */
  private Optional<RiskFlag> ceiling(List<Award> requested) {
    long total = 0;
    boolean overflow = false;
    for (Award a : requested) {
      try {
        total = Math.addExact(total, a.points());
      } catch (ArithmeticException e) {
        overflow = true;
        break;
      }
    }
    if (!overflow && total <= program.reviewAbovePoints()) {
      return Optional.empty();
    }
    String amount = overflow ? "more than " + Long.MAX_VALUE : String.format(java.util.Locale.ROOT, "%,d", total);
    return Optional.of(new RiskFlag(RiskFlag.Severity.REVIEW, "points-ceiling",
        RuleRef.of("review-above-points", program.id()), "Its awards add up to " + amount + " points, more than the "
            + String.format(java.util.Locale.ROOT, "%,d", program.reviewAbovePoints())
            + " points per activity that program " + program.id() + " posts without review."));
  }
}
