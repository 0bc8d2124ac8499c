package dev.loyalty.core.rules;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.claims.ClaimFacts;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.performance.EarnedPoints;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.performance.PerformanceFigures;
import dev.loyalty.core.program.Campaign;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.program.Tier;
import java.util.List;
import java.util.Optional;

/**
 * Everything a rule may look at for one activity. Figures, tiers and earned points are as they
 * stood before the activity (a rule rewarding "the first order" sees zero orders; a cap sees what
 * was earned before this activity in the activity's own day, month, quarter and program year).
 *
 * @param activity        never null
 * @param partner         the activity's organisation; never null
 * @param member          the individual, if the activity names one; never null
 * @param parent          the partner's parent organisation, if any; never null
 * @param partnerFigures  never null
 * @param memberFigures   present when {@code member} is; never null
 * @param partnerTier     the partner's current tier, if any; never null
 * @param memberTier      the member's current tier, if any; never null
 * @param campaigns       the campaigns running at the activity's time that target the partner;
 *                        never null
 * @param program         never null
 * @param claim           for an activity a claim became: the claim's risk figures (its evidence
 *                        against the manufacturer's records and the partner's own history); empty
 *                        for any other activity; never null
 * @param partnerEarned   what the partner's organisation (the partner and its members) earned in
 *                        the activity's periods, per rule and campaign; never null
 * @param memberEarned    what the member earned in them; present when {@code member} is; never null
 */
public record RuleFacts(
    Activity activity,
    Partner partner,
    Optional<Member> member,
    Optional<Partner> parent,
    PerformanceFigures partnerFigures,
    Optional<PerformanceFigures> memberFigures,
    Optional<Tier> partnerTier,
    Optional<Tier> memberTier,
    List<Campaign> campaigns,
    Program program,
    Optional<ClaimFacts> claim,
    EarnedPoints partnerEarned,
    Optional<EarnedPoints> memberEarned) {
  public RuleFacts {
    requireNonNull(activity, "activity");
    requireNonNull(partner, "partner");
    requireNonNull(member, "member");
    requireNonNull(parent, "parent");
    requireNonNull(partnerFigures, "partnerFigures");
    requireNonNull(memberFigures, "memberFigures");
    requireNonNull(partnerTier, "partnerTier");
    requireNonNull(memberTier, "memberTier");
    campaigns = List.copyOf(requireNonNull(campaigns, "campaigns"));
    requireNonNull(program, "program");
    requireNonNull(claim, "claim");
    requireNonNull(partnerEarned, "partnerEarned");
    requireNonNull(memberEarned, "memberEarned");
    if (!partnerEarned.participant().equals(partner.id())) {
      throw new IllegalArgumentException("facts of partner " + partner.id() + " carry the earned points of "
          + partnerEarned.participant());
    }
    if (!memberEarned.map(EarnedPoints::participant).equals(member.map(Member::id))) {
      throw new IllegalArgumentException("facts of member " + member.map(Member::id) + " carry the earned points of "
          + memberEarned.map(EarnedPoints::participant));
    }
  }

  /**
   * Facts for an activity (a claim's, with {@code claim}) of participants that have earned nothing
   * yet in its periods (counted in the program's zone and year): for facts made by hand, in tests
   * and tools. The engine always gives what was earned.
   */
  public RuleFacts(Activity activity, Partner partner, Optional<Member> member, Optional<Partner> parent,
      PerformanceFigures partnerFigures, Optional<PerformanceFigures> memberFigures, Optional<Tier> partnerTier,
      Optional<Tier> memberTier, List<Campaign> campaigns, Program program, Optional<ClaimFacts> claim) {
    this(activity, partner, member, parent, partnerFigures, memberFigures, partnerTier, memberTier, campaigns, program,
        claim, EarnedPoints.none(partner.id(), periodsOf(activity, program)),
        member.map(m -> EarnedPoints.none(m.id(), periodsOf(activity, program))));
  }

  /** The facts made by hand (nothing earned yet) of an activity that is not a claim. */
  public RuleFacts(Activity activity, Partner partner, Optional<Member> member, Optional<Partner> parent,
      PerformanceFigures partnerFigures, Optional<PerformanceFigures> memberFigures, Optional<Tier> partnerTier,
      Optional<Tier> memberTier, List<Campaign> campaigns, Program program) {
    this(activity, partner, member, parent, partnerFigures, memberFigures, partnerTier, memberTier, campaigns, program,
        Optional.empty());
  }

  private static List<EarningPeriod> periodsOf(Activity activity, Program program) {
    Program p = requireNonNull(program, "program");
    return EarningPeriod.of(requireNonNull(activity, "activity").occurredAt(), p.zone(), p.yearEnd());
  }
}
